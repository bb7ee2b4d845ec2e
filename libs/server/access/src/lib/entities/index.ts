import { AuditEntryEntity } from './audit-entry.entity';
import { AuthSessionEntity } from './auth-session.entity';
import { EventRoleEntity } from './event-role.entity';
import { EventSettingsEntity } from './event-settings.entity';
import { PersonEntity } from './person.entity';
import { PlatformAdminEntity } from './platform-admin.entity';
import { RegistrationEntity } from './registration.entity';
import { SignInTokenEntity } from './sign-in-token.entity';
import { TicketEntity } from './ticket.entity';

export {
  AuditEntryEntity,
  AuthSessionEntity,
  EventRoleEntity,
  EventSettingsEntity,
  PersonEntity,
  PlatformAdminEntity,
  RegistrationEntity,
  SignInTokenEntity,
  TicketEntity,
};

/** Entities owned by the access context (identity, registration, tickets, audit). */
export const ACCESS_ENTITIES = [
  PersonEntity,
  PlatformAdminEntity,
  EventRoleEntity,
  SignInTokenEntity,
  AuthSessionEntity,
  AuditEntryEntity,
  RegistrationEntity,
  EventSettingsEntity,
  TicketEntity,
];
