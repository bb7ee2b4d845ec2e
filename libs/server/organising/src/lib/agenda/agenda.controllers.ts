import { Controller, Delete, Get, HttpCode, Param, Post, Put, Req, Res } from '@nestjs/common';
import {
  agendaFeedTokenParamsSchema,
  eventSlugParamsSchema,
  sessionParamsSchema,
  type AgendaFeed,
  type MyAgenda,
  type SessionStar,
} from '@plenary/contracts';
import { Authenticated, CurrentPrincipal, type Principal } from '@plenary/server-access';
import { ZodPipe } from '@plenary/server-core';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import { noneMatch } from '../if-match';
import { PublicProgrammeService } from '../public-programme.service';
import { AgendaService, type CalendarFile } from './agenda.service';

type SlugParams = z.output<typeof eventSlugParamsSchema>;
type SessionParams = z.output<typeof sessionParamsSchema>;

/** My agenda: stars on sessions, the agenda, and the private feed address (signed in; registered people). */
@Controller('events/:slug')
@Authenticated()
export class AgendaController {
  constructor(
    private readonly agenda: AgendaService,
    private readonly reader: PublicProgrammeService,
  ) {}

  @Put('sessions/:sessionId/star')
  async star(
    @Param(new ZodPipe(sessionParamsSchema)) params: SessionParams,
    @CurrentPrincipal() principal: Principal,
    @Req() request: FastifyRequest,
  ): Promise<SessionStar> {
    const event = await this.reader.visibleEvent(params.slug, request);
    return this.agenda.star(principal, event, params.sessionId, true);
  }

  @Delete('sessions/:sessionId/star')
  async unstar(
    @Param(new ZodPipe(sessionParamsSchema)) params: SessionParams,
    @CurrentPrincipal() principal: Principal,
    @Req() request: FastifyRequest,
  ): Promise<SessionStar> {
    const event = await this.reader.visibleEvent(params.slug, request);
    return this.agenda.star(principal, event, params.sessionId, false);
  }

  @Get('my/agenda')
  async myAgenda(
    @Param(new ZodPipe(eventSlugParamsSchema)) params: SlugParams,
    @CurrentPrincipal() principal: Principal,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<MyAgenda> {
    const event = await this.reader.visibleEvent(params.slug, request);
    void reply.header('cache-control', 'private, no-store');
    return this.agenda.myAgenda(principal, event);
  }

  @Post('my/agenda/feed')
  @HttpCode(201)
  async createFeed(
    @Param(new ZodPipe(eventSlugParamsSchema)) params: SlugParams,
    @CurrentPrincipal() principal: Principal,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<AgendaFeed> {
    const event = await this.reader.visibleEvent(params.slug, request);
    void reply.header('cache-control', 'private, no-store');
    return this.agenda.createFeed(principal, event);
  }

  @Delete('my/agenda/feed')
  @HttpCode(204)
  async revokeFeed(
    @Param(new ZodPipe(eventSlugParamsSchema)) params: SlugParams,
    @CurrentPrincipal() principal: Principal,
    @Req() request: FastifyRequest,
  ): Promise<void> {
    const event = await this.reader.visibleEvent(params.slug, request);
    await this.agenda.revokeFeed(principal, event);
  }
}

/** Sends a calendar file: `text/calendar`, its ETag, `304` when `If-None-Match` names it. */
function sendCalendar(
  request: FastifyRequest,
  reply: FastifyReply,
  file: CalendarFile,
  options: { cacheControl: string; download: boolean },
): FastifyReply {
  void reply.header('cache-control', options.cacheControl).header('etag', file.etag);
  if (noneMatch(request.headers['if-none-match'], file.etag)) return reply.status(304).send();
  if (options.download) void reply.header('content-disposition', `attachment; filename="${file.filename}"`);
  return reply.status(200).header('content-type', 'text/calendar; charset=utf-8').send(file.body);
}

/** iCalendar files: the public programme, one session, and the private agenda feeds calendar apps subscribe to. */
@Controller()
export class CalendarController {
  constructor(
    private readonly agenda: AgendaService,
    private readonly reader: PublicProgrammeService,
  ) {}

  @Get('events/:slug/calendar.ics')
  async eventCalendar(
    @Param(new ZodPipe(eventSlugParamsSchema)) params: SlugParams,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<FastifyReply> {
    const event = await this.reader.visibleEvent(params.slug, request);
    const file = await this.agenda.eventCalendar(event, request.ip);
    return sendCalendar(request, reply, file, {
      cacheControl: event.status === 'draft' ? 'private, no-cache' : 'public, no-cache',
      download: true,
    });
  }

  @Get('events/:slug/sessions/:sessionId/calendar.ics')
  async sessionCalendar(
    @Param(new ZodPipe(sessionParamsSchema)) params: SessionParams,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<FastifyReply> {
    const event = await this.reader.visibleEvent(params.slug, request);
    const registered = await this.reader.isRegistered(event, request);
    const file = await this.agenda.sessionCalendar(event, params.sessionId, registered, request.ip);
    return sendCalendar(request, reply, file, {
      cacheControl: registered || event.status === 'draft' ? 'private, no-cache' : 'public, no-cache',
      download: true,
    });
  }

  /** The private feed: the token is the only key, so it never lands in a shared cache. */
  @Get('calendar/agenda/:token')
  async agendaFeed(
    @Param(new ZodPipe(agendaFeedTokenParamsSchema)) params: z.output<typeof agendaFeedTokenParamsSchema>,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<FastifyReply> {
    const file = await this.agenda.feedCalendar(params.token.slice(0, -'.ics'.length), request.ip);
    return sendCalendar(request, reply, file, { cacheControl: 'private, no-cache', download: false });
  }
}
