import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { ProgrammeModule } from '@plenary/server-programme';
import {
  AuthController,
  OrganiserController,
  ParticipantController,
  RegistrationController,
} from './access.controllers';
import { AccountService } from './account/account.service';
import { PersonalDataRegistry } from './account/personal-data.registry';
import { PersonalDataService } from './account/personal-data.service';
import { CsvBodyParser } from './registration/csv-body.parser';
import { InvitationImportService } from './registration/invitation-import.service';
import { InvitationService } from './registration/invitation.service';
import { AuditService } from './audit/audit.service';
import { EventVisibilityService } from './identity/event-visibility.service';
import { AuthenticatedGuard, CsrfGuard, EventRoleGuard, PlatformAdminGuard } from './identity/guards';
import { PlatformAdminService } from './identity/platform-admin.service';
import { RoleService } from './identity/role.service';
import { SessionService } from './identity/session.service';
import { SignInService } from './identity/sign-in.service';
import { AgendaDigestService } from './agenda/agenda-digest.service';
import { RegistrationService } from './registration/registration.service';
import { TicketService } from './tickets/ticket.service';

/** Gated access: people, roles, sign-in, sessions, registrations, tickets, the organiser console and the audit log. */
@Module({
  imports: [ProgrammeModule],
  controllers: [RegistrationController, AuthController, ParticipantController, OrganiserController],
  providers: [
    { provide: APP_GUARD, useClass: CsrfGuard },
    AuthenticatedGuard,
    EventRoleGuard,
    PlatformAdminGuard,
    EventVisibilityService,
    SessionService,
    SignInService,
    RoleService,
    PlatformAdminService,
    AuditService,
    TicketService,
    RegistrationService,
    AccountService,
    PersonalDataService,
    PersonalDataRegistry,
    InvitationService,
    InvitationImportService,
    CsvBodyParser,
    AgendaDigestService,
  ],
  exports: [
    AgendaDigestService,
    AuthenticatedGuard,
    EventRoleGuard,
    PlatformAdminGuard,
    EventVisibilityService,
    SessionService,
    RoleService,
    PlatformAdminService,
    AuditService,
    RegistrationService,
    InvitationService,
    TicketService,
    AccountService,
    PersonalDataService,
    PersonalDataRegistry,
    InvitationImportService,
  ],
})
export class AccessModule {}
