import { Body, Controller, Get, HttpCode, Param, Patch, Post, Put, Query, Res, Req } from '@nestjs/common';
import {
  bulkDecisionRequestSchema,
  eventSettingsSchema,
  eventSlugParamsSchema,
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
  type EventSettings,
  type Me,
  type RegistrationList,
  type RegistrationRow,
  type Role,
  type Ticket,
  type TicketKey,
} from '@plenary/contracts';
import { ZodPipe } from '@plenary/server-core';
import { ProgrammeService, type EventEntity } from '@plenary/server-programme';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import { AccountService } from './account/account.service';
import { Authenticated, RequireEventRole } from './identity/guards';
import { CurrentEvent, CurrentPrincipal, type Principal } from './identity/principal';
import { SessionService } from './identity/session.service';
import { SignInService } from './identity/sign-in.service';
import { RegistrationService } from './registration/registration.service';
import { TicketService } from './tickets/ticket.service';

type SlugParams = z.output<typeof eventSlugParamsSchema>;
type SessionParams = z.output<typeof sessionParamsSchema>;
type RegistrationParams = z.output<typeof registrationParamsSchema>;

/** Public: the registration form and the event's ticket-verification key. */
@Controller('events/:slug')
export class RegistrationController {
  constructor(
    private readonly programme: ProgrammeService,
    private readonly registrations: RegistrationService,
    private readonly tickets: TicketService,
  ) {}

  @Post('registrations')
  @HttpCode(202)
  async register(
    @Param(new ZodPipe(eventSlugParamsSchema)) params: SlugParams,
    @Body(new ZodPipe(registrationRequestSchema)) body: z.output<typeof registrationRequestSchema>,
    @Req() request: FastifyRequest,
  ): Promise<AcceptedResponse> {
    const event = await this.programme.requireEvent(params.slug);
    return this.registrations.register(event, body, request.ip);
  }

  @Get('ticket-key')
  async ticketKey(@Param(new ZodPipe(eventSlugParamsSchema)) params: SlugParams): Promise<TicketKey> {
    const event = await this.programme.requireEvent(params.slug);
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
  ) {}

  @Post('auth/sign-in')
  @HttpCode(202)
  request(
    @Body(new ZodPipe(signInRequestSchema)) body: z.output<typeof signInRequestSchema>,
    @Req() request: FastifyRequest,
  ): Promise<AcceptedResponse> {
    return this.signIn.request(body.email, request.ip);
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

  private async startSession(cookie: string, reply: FastifyReply): Promise<Me> {
    void reply.header('set-cookie', cookie).header('cache-control', 'no-store');
    const token = /=([A-Za-z0-9_-]{43});/.exec(cookie)?.[1] ?? null;
    const principal = await this.sessions.resolve(token);
    if (!principal) throw new Error('a session just created could not be resolved');
    return this.account.me(principal);
  }
}

/** What a signed-in participant reaches: their ticket and the sessions of their events. */
@Controller('events/:slug')
export class ParticipantController {
  constructor(
    private readonly programme: ProgrammeService,
    private readonly account: AccountService,
  ) {}

  @Get('my/ticket')
  @Authenticated()
  async myTicket(
    @Param(new ZodPipe(eventSlugParamsSchema)) params: SlugParams,
    @CurrentPrincipal() principal: Principal,
  ): Promise<Ticket> {
    return this.account.myTicket(principal, await this.programme.requireEvent(params.slug));
  }

  @Get('sessions/:sessionId/access')
  @Authenticated()
  async sessionAccess(
    @Param(new ZodPipe(sessionParamsSchema)) params: SessionParams,
    @CurrentPrincipal() principal: Principal,
  ): Promise<{ granted: true; roles: Role[] }> {
    await this.programme.getSession(params.slug, params.sessionId);
    return this.account.sessionAccess(principal, await this.programme.requireEvent(params.slug));
  }
}

/** The organiser console. */
@Controller('events/:slug')
@RequireEventRole('organiser')
export class OrganiserController {
  constructor(private readonly registrations: RegistrationService) {}

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
