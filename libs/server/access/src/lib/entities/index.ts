import { AgendaFeedEntity } from './agenda-feed.entity';
import { AgendaDigestCursorEntity } from './agenda-digest-cursor.entity';
import { AuditEntryEntity } from './audit-entry.entity';
import { AuthSessionEntity } from './auth-session.entity';
import { ConsentRecordEntity } from './consent-record.entity';
import { EventRoleEntity } from './event-role.entity';
import { EventSettingsEntity } from './event-settings.entity';
import { ImportAddressEntity, ImportEntity, ImportIssueEntity, ImportRowEntity } from './import.entity';
import { PersonEntity } from './person.entity';
import { RegistrationRequestEntity } from './registration-request.entity';
import { PlatformAdminEntity } from './platform-admin.entity';
import { RegistrationEntity } from './registration.entity';
import { SessionStarEntity } from './session-star.entity';
import { SignInTokenEntity } from './sign-in-token.entity';
import { TicketEntity } from './ticket.entity';

export {
  AgendaDigestCursorEntity,
  AgendaFeedEntity,
  AuditEntryEntity,
  AuthSessionEntity,
  ConsentRecordEntity,
  EventRoleEntity,
  EventSettingsEntity,
  ImportAddressEntity,
  ImportEntity,
  ImportIssueEntity,
  ImportRowEntity,
  PersonEntity,
  PlatformAdminEntity,
  RegistrationEntity,
  RegistrationRequestEntity,
  SessionStarEntity,
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
  RegistrationRequestEntity,
  ConsentRecordEntity,
  EventSettingsEntity,
  TicketEntity,
  ImportEntity,
  ImportRowEntity,
  ImportAddressEntity,
  ImportIssueEntity,
  SessionStarEntity,
  AgendaFeedEntity,
  AgendaDigestCursorEntity,
];
