import {
  Body,
  Controller,
  Delete,
  Get,
  Header,
  HttpCode,
  Param,
  Patch,
  Post,
  Put,
  Query,
  Res,
  Req,
} from '@nestjs/common';
import {
  bulkDecisionRequestSchema,
  eraseRequestSchema,
  eventSettingsSchema,
  eventSlugParamsSchema,
  importParamsSchema,
  importUploadQuerySchema,
  invitationsRequestSchema,
  myRegistrationRequestSchema,
  personParamsSchema,
  redeemAccessCodeSchema,
  redeemMagicLinkSchema,
  registrationListQuerySchema,
  registrationParamsSchema,
  registrationRequestSchema,
  sessionParamsSchema,
  signInRequestSchema,
  updateRegistrationSchema,
  type AcceptedResponse,
  type BulkDecisionResult,
  type EndedSessions,
  type EventSettings,
  type ImportList,
  type ImportProgress,
  type InvitationsResult,
  type Me,
  type MyRegistration,
  type ParkedMails,
  type PersonalDataExport,
  type RegistrationList,
  type RegistrationRow,
  type Role,
  type Ticket,
  type TicketKey,
} from '@plenary/contracts';
import { CoreException, MailService, ZodPipe } from '@plenary/server-core';
import { ProgrammeService, type EventEntity } from '@plenary/server-programme';
import { EventVisibilityService } from './identity/event-visibility.service';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Readable } from 'node:stream';
import { DataSource } from 'typeorm';
import type { z } from 'zod';
import { AccessException } from './access.exception';
import { AccountService } from './account/account.service';
import { AuditService } from './audit/audit.service';
import { PersonalDataService } from './account/personal-data.service';
import { InvitationImportService } from './registration/invitation-import.service';
import { InvitationService } from './registration/invitation.service';
import { Authenticated, RequireEventRole } from './identity/guards';
import { CurrentEvent, CurrentPrincipal, type Principal } from './identity/principal';
import { SessionService } from './identity/session.service';
import { SignInService } from './identity/sign-in.service';
import { RegistrationService } from './registration/registration.service';
import { TicketService } from './tickets/ticket.service';

type SlugParams = z.output<typeof eventSlugParamsSchema>;
type SessionParams = z.output<typeof sessionParamsSchema>;
type RegistrationParams = z.output<typeof registrationParamsSchema>;

/** Public: the registration form and the event's ticket-verification key (drafts: the event's team only). */
@Controller('events/:slug')
export class RegistrationController {
  constructor(
    private readonly visibility: EventVisibilityService,
    private readonly registrations: RegistrationService,
    private readonly tickets: TicketService,
  ) {}

  /** Anyone may send the form; only a person signed in with that address changes an existing registration. */
  @Post('registrations')
  @HttpCode(202)
  async register(
    @Param(new ZodPipe(eventSlugParamsSchema)) params: SlugParams,
    @Body(new ZodPipe(registrationRequestSchema)) body: z.output<typeof registrationRequestSchema>,
    @Req() request: FastifyRequest,
  ): Promise<AcceptedResponse> {
    const event = await this.visibility.requireVisible(params.slug, request);
    return this.registrations.register(event, body, request.ip, await this.visibility.viewerOf(request));
  }

  @Get('ticket-key')
  async ticketKey(
    @Param(new ZodPipe(eventSlugParamsSchema)) params: SlugParams,
    @Req() request: FastifyRequest,
  ): Promise<TicketKey> {
    const event = await this.visibility.requireVisible(params.slug, request);
    return this.tickets.publicKey(event.id, event.slug);
  }
}

/** Sign-in ("Already registered? Access here"), the current person, sign-out. */
@Controller()
export class AuthController {
  constructor(
    private readonly signIn: SignInService,
    private readonly sessions: SessionService,
    private readonly account: AccountService,
    private readonly personalData: PersonalDataService,
  ) {}

  @Post('auth/sign-in')
  @HttpCode(202)
  request(
    @Body(new ZodPipe(signInRequestSchema)) body: z.output<typeof signInRequestSchema>,
    @Req() request: FastifyRequest,
  ): Promise<AcceptedResponse> {
    return this.signIn.request(body.email, request.ip, { eventSlug: body.eventSlug, next: body.next });
  }

  @Post('auth/magic-link')
  @HttpCode(200)
  async redeemLink(
    @Body(new ZodPipe(redeemMagicLinkSchema)) body: z.output<typeof redeemMagicLinkSchema>,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<Me> {
    const { cookie } = await this.signIn.redeemLink(body.token, request.ip);
    return this.startSession(cookie, reply);
  }

  @Post('auth/access-code')
  @HttpCode(200)
  async redeemCode(
    @Body(new ZodPipe(redeemAccessCodeSchema)) body: z.output<typeof redeemAccessCodeSchema>,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<Me> {
    const { cookie } = await this.signIn.redeemCode(body.email, body.code, request.ip);
    return this.startSession(cookie, reply);
  }

  @Get('me')
  @Authenticated()
  me(@CurrentPrincipal() principal: Principal): Promise<Me> {
    return this.account.me(principal);
  }

  @Post('auth/sign-out')
  @HttpCode(204)
  @Authenticated()
  async signOut(
    @CurrentPrincipal() principal: Principal,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<void> {
    await this.sessions.revoke(principal.sessionId);
    void reply.header('set-cookie', this.sessions.clearedCookie());
  }

  @Post('auth/sign-out-everywhere')
  @HttpCode(204)
  @Authenticated()
  async signOutEverywhere(
    @CurrentPrincipal() principal: Principal,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<void> {
    await this.sessions.revokeAll(principal.personId);
    void reply.header('set-cookie', this.sessions.clearedCookie());
  }

  /** Everything held about the signed-in person, as a JSON download. */
  @Get('me/export')
  @Authenticated()
  @Header('content-disposition', 'attachment; filename="plenary-personal-data.json"')
  @Header('cache-control', 'no-store')
  exportData(@CurrentPrincipal() principal: Principal): Promise<PersonalDataExport> {
    return this.personalData.export(principal.personId);
  }

  /** Erases the signed-in person (body `{ "confirm": "ERASE" }`) and ends the session. */
  @Post('me/erase')
  @HttpCode(204)
  @Authenticated()
  async erase(
    @CurrentPrincipal() principal: Principal,
    @Body(new ZodPipe(eraseRequestSchema)) _body: z.output<typeof eraseRequestSchema>,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<void> {
    await this.personalData.erase(principal.personId);
    void reply.header('set-cookie', this.sessions.clearedCookie());
  }

  private async startSession(cookie: string, reply: FastifyReply): Promise<Me> {
    void reply.header('set-cookie', cookie).header('cache-control', 'no-store');
    const token = /=([A-Za-z0-9_-]{43});/.exec(cookie)?.[1] ?? null;
    const principal = await this.sessions.resolve(token);
    if (!principal) throw new Error('a session just created could not be resolved');
    return this.account.me(principal);
  }
}

/** What a signed-in participant reaches: their registration, their ticket and the sessions of their events. */
@Controller('events/:slug')
export class ParticipantController {
  constructor(
    private readonly programme: ProgrammeService,
    private readonly visibility: EventVisibilityService,
    private readonly account: AccountService,
    private readonly registrations: RegistrationService,
  ) {}

  @Get('my/registration')
  @Authenticated()
  @Header('cache-control', 'no-store')
  async myRegistration(
    @Param(new ZodPipe(eventSlugParamsSchema)) params: SlugParams,
    @CurrentPrincipal() principal: Principal,
    @Req() request: FastifyRequest,
  ): Promise<MyRegistration> {
    return this.registrations.mine(await this.visibility.requireVisible(params.slug, request), principal);
  }

  /** Registers the signed-in person, or changes their registration (details, attendance, consents, name). */
  @Put('my/registration')
  @Authenticated()
  async saveMyRegistration(
    @Param(new ZodPipe(eventSlugParamsSchema)) params: SlugParams,
    @CurrentPrincipal() principal: Principal,
    @Body(new ZodPipe(myRegistrationRequestSchema)) body: z.output<typeof myRegistrationRequestSchema>,
    @Req() request: FastifyRequest,
  ): Promise<MyRegistration> {
    const event = await this.visibility.requireVisible(params.slug, request);
    return this.registrations.saveMine(event, principal, body);
  }

  @Post('my/registration/cancel')
  @HttpCode(200)
  @Authenticated()
  async cancelMyRegistration(
    @Param(new ZodPipe(eventSlugParamsSchema)) params: SlugParams,
    @CurrentPrincipal() principal: Principal,
    @Req() request: FastifyRequest,
  ): Promise<MyRegistration> {
    const event = await this.visibility.requireVisible(params.slug, request);
    return this.registrations.cancelMine(event, principal);
  }

  @Get('my/ticket')
  @Authenticated()
  async myTicket(
    @Param(new ZodPipe(eventSlugParamsSchema)) params: SlugParams,
    @CurrentPrincipal() principal: Principal,
    @Req() request: FastifyRequest,
  ): Promise<Ticket> {
    return this.account.myTicket(principal, await this.visibility.requireVisible(params.slug, request));
  }

  @Get('sessions/:sessionId/access')
  @Authenticated()
  async sessionAccess(
    @Param(new ZodPipe(sessionParamsSchema)) params: SessionParams,
    @CurrentPrincipal() principal: Principal,
    @Req() request: FastifyRequest,
  ): Promise<{ granted: true; roles: Role[] }> {
    const event = await this.visibility.requireVisible(params.slug, request);
    await this.programme.getSession(event, params.sessionId);
    return this.account.sessionAccess(principal, event);
  }
}

/** The organiser console. */
@Controller('events/:slug')
@RequireEventRole('organiser')
export class OrganiserController {
  constructor(
    private readonly registrations: RegistrationService,
    private readonly invitations: InvitationService,
    private readonly imports: InvitationImportService,
    private readonly mail: MailService,
    private readonly sessions: SessionService,
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  @Get('registrations.csv')
  @Header('content-type', 'text/csv; charset=utf-8')
  @Header('cache-control', 'no-store')
  async exportCsv(
    @CurrentEvent() event: EventEntity,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<string> {
    void reply.header('content-disposition', `attachment; filename="${event.slug}-registrations.csv"`);
    return this.invitations.exportCsv(event);
  }

  @Post('invitations')
  @HttpCode(200)
  invite(
    @CurrentEvent() event: EventEntity,
    @CurrentPrincipal() principal: Principal,
    @Body(new ZodPipe(invitationsRequestSchema)) body: z.output<typeof invitationsRequestSchema>,
  ): Promise<InvitationsResult> {
    return this.invitations.invite(event, body.invitations, principal.personId);
  }

  /**
   * Uploads an `email,name,role` CSV (body `text/csv`, streamed, up to IMPORT_MAX_BYTES) and answers 202 with the
   * queued import; a job invites in batches (progress: `GET imports/:importId`).
   */
  @Post('invitations/import')
  @HttpCode(202)
  importInvitations(
    @CurrentEvent() event: EventEntity,
    @CurrentPrincipal() principal: Principal,
    @Query(new ZodPipe(importUploadQuerySchema)) query: z.output<typeof importUploadQuerySchema>,
    @Req() request: FastifyRequest,
  ): Promise<ImportProgress> {
    if (!(request.body instanceof Readable))
      throw new CoreException(
        'core/unsupported-media-type',
        'Send the file itself as the request body, with Content-Type: text/csv.',
      );
    const declared = Number(request.headers['content-length']);
    return this.imports.upload(
      event,
      request.body,
      query.fileName,
      principal.personId,
      Number.isFinite(declared) ? declared : undefined,
    );
  }

  @Get('imports')
  @Header('cache-control', 'no-store')
  listImports(@CurrentEvent() event: EventEntity): Promise<ImportList> {
    return this.imports.list(event);
  }

  @Get('imports/:importId')
  @Header('cache-control', 'no-store')
  importProgress(
    @CurrentEvent() event: EventEntity,
    @Param(new ZodPipe(importParamsSchema)) params: z.output<typeof importParamsSchema>,
  ): Promise<ImportProgress> {
    return this.imports.progress(event, params.importId);
  }

  /** Mails about this event that could not be delivered after MAIL_MAX_ATTEMPTS tries. */
  @Get('mail/parked')
  @Header('cache-control', 'no-store')
  async parkedMails(@CurrentEvent() event: EventEntity): Promise<ParkedMails> {
    const { count, mails } = await this.mail.parked(event.id);
    return {
      count,
      mails: mails.map((m) => ({
        id: m.id,
        to: m.toAddress,
        subject: m.subject,
        attempts: m.attempts,
        lastError: m.lastError,
        parkedAt: m.parkedAt.toISOString(),
      })),
    };
  }

  /** Ends every session of a participant of this event (e.g. a lost phone, or before a ban). */
  @Delete('people/:personId/sessions')
  @HttpCode(200)
  async endSessions(
    @CurrentEvent() event: EventEntity,
    @CurrentPrincipal() principal: Principal,
    @Param(new ZodPipe(personParamsSchema)) params: z.output<typeof personParamsSchema>,
  ): Promise<EndedSessions> {
    return this.dataSource.transaction(async (manager) => {
      const member = await manager.query<unknown[]>(
        `SELECT 1 FROM registrations WHERE event_id = $1 AND person_id = $2
         UNION ALL SELECT 1 FROM event_roles WHERE event_id = $1 AND person_id = $2 LIMIT 1`,
        [event.id, params.personId],
      );
      if (member.length === 0)
        throw new AccessException(
          'registration/not-found',
          'This person has no registration or role in this event.',
        );
      const ended = await this.sessions.revokeAll(params.personId, manager);
      await this.audit.record(manager, {
        eventId: event.id,
        actorId: principal.personId,
        action: 'sessions.end',
        targetId: params.personId,
        details: { ended },
      });
      return { ended };
    });
  }

  @Get('registrations')
  list(
    @CurrentEvent() event: EventEntity,
    @Query(new ZodPipe(registrationListQuerySchema)) query: z.output<typeof registrationListQuerySchema>,
  ): Promise<RegistrationList> {
    return this.registrations.list(event, query);
  }

  @Post('registrations/decisions')
  @HttpCode(200)
  decide(
    @CurrentEvent() event: EventEntity,
    @CurrentPrincipal() principal: Principal,
    @Body(new ZodPipe(bulkDecisionRequestSchema)) body: z.output<typeof bulkDecisionRequestSchema>,
  ): Promise<BulkDecisionResult> {
    return this.registrations.decide(event, body.registrationIds, body.decision, principal);
  }

  @Patch('registrations/:registrationId')
  update(
    @CurrentEvent() event: EventEntity,
    @CurrentPrincipal() principal: Principal,
    @Param(new ZodPipe(registrationParamsSchema)) params: RegistrationParams,
    @Body(new ZodPipe(updateRegistrationSchema)) body: z.output<typeof updateRegistrationSchema>,
  ): Promise<RegistrationRow> {
    return this.registrations.changeAttendance(event, params.registrationId, body.attendance, principal);
  }

  @Post('registrations/:registrationId/ticket/reissue')
  @HttpCode(204)
  async reissue(
    @CurrentEvent() event: EventEntity,
    @CurrentPrincipal() principal: Principal,
    @Param(new ZodPipe(registrationParamsSchema)) params: RegistrationParams,
  ): Promise<void> {
    await this.registrations.reissueTicket(event, params.registrationId, principal);
  }

  @Get('settings')
  settings(@CurrentEvent() event: EventEntity): Promise<EventSettings> {
    return this.registrations.settings(event.id);
  }

  @Put('settings')
  updateSettings(
    @CurrentEvent() event: EventEntity,
    @CurrentPrincipal() principal: Principal,
    @Body(new ZodPipe(eventSettingsSchema)) body: EventSettings,
  ): Promise<EventSettings> {
    return this.registrations.updateSettings(event, body, principal);
  }
}
