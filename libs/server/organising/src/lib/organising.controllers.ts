import {
  Body,
  Controller,
  Delete,
  Get,
  Headers,
  HttpCode,
  Param,
  Patch,
  Post,
  Query,
  Req,
  Res,
} from '@nestjs/common';
import {
  appointOrganiserRequestSchema,
  createEventRequestSchema,
  createRoomRequestSchema,
  createSessionRequestSchema,
  createSpeakerRequestSchema,
  duplicateEventRequestSchema,
  eventListQuerySchema,
  eventSlugParamsSchema,
  eventStatusChangeSchema,
  organiserParamsSchema,
  roomParamsSchema,
  sessionParamsSchema,
  speakerParamsSchema,
  updateEventRequestSchema,
  updateRoomRequestSchema,
  updateSessionRequestSchema,
  updateSpeakerRequestSchema,
  type EventList,
  type EventOrganiserList,
  type ManagedEvent,
  type ManagedEventList,
  type ManagedRoom,
  type ManagedRoomList,
  type ManagedSession,
  type ManagedSessionList,
  type ManagedSpeaker,
  type ManagedSpeakerList,
  type ProgrammeEditorView,
  type ProgrammeWarningList,
  type Session,
  type SessionWriteResult,
} from '@plenary/contracts';
import {
  Authenticated,
  CurrentEvent,
  CurrentPrincipal,
  RequireEventRole,
  RequirePlatformAdmin,
  type Principal,
} from '@plenary/server-access';
import { ZodPipe } from '@plenary/server-core';
import { ProgrammeService, type EventEntity } from '@plenary/server-programme';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import { expectedVersion, versionEtag } from './if-match';
import { OrganisingService } from './organising.service';
import { PublicProgrammeService } from './public-programme.service';

type SlugParams = z.output<typeof eventSlugParamsSchema>;
type IfMatch = string | undefined;

/** Sends a versioned resource with its ETag. */
function withEtag<T extends { version: number }>(reply: FastifyReply, resource: T): T {
  void reply.header('etag', versionEtag(resource.version));
  return resource;
}

/** The public programme: published events, the event page (ETag, 304), one session. Drafts: the team only. */
@Controller('events')
export class PublicProgrammeController {
  constructor(private readonly reader: PublicProgrammeService) {}

  @Get()
  listEvents(
    @Query(new ZodPipe(eventListQuerySchema)) query: z.output<typeof eventListQuerySchema>,
  ): Promise<EventList> {
    return this.reader.listEvents(query);
  }

  /** `EventDetail`, rendered once per programme version; `304` when `If-None-Match` names the current ETag. */
  @Get(':slug')
  async getEvent(
    @Param(new ZodPipe(eventSlugParamsSchema)) params: SlugParams,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<FastifyReply> {
    const answer = await this.reader.eventPage(params.slug, request);
    // Drafts are for their team: never kept by a shared cache.
    void reply.header('cache-control', answer.public ? 'public, no-cache' : 'private, no-cache');
    if (answer.kind === 'not-modified') return reply.status(304).header('etag', answer.etag).send();
    return reply
      .status(200)
      .header('etag', answer.page.etag)
      .header('content-type', 'application/json; charset=utf-8')
      .send(answer.page.body);
  }

  @Get(':slug/sessions/:sessionId')
  getSession(
    @Param(new ZodPipe(sessionParamsSchema)) params: z.output<typeof sessionParamsSchema>,
    @Req() request: FastifyRequest,
  ): Promise<Session> {
    return this.reader.session(params.slug, params.sessionId, request);
  }
}

/** Events as instance administrators and organisers run them: create, edit, publish, duplicate, organisers. */
@Controller()
export class EventAdministrationController {
  constructor(
    private readonly organising: OrganisingService,
    private readonly programme: ProgrammeService,
  ) {}

  @Post('events')
  @HttpCode(201)
  @RequirePlatformAdmin()
  async createEvent(
    @CurrentPrincipal() principal: Principal,
    @Body(new ZodPipe(createEventRequestSchema)) body: z.output<typeof createEventRequestSchema>,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<ManagedEvent> {
    return withEtag(reply, await this.organising.createEvent(principal, body));
  }

  @Get('manage/events')
  @Authenticated()
  manageableEvents(@CurrentPrincipal() principal: Principal): Promise<ManagedEventList> {
    return this.organising.manageableEvents(principal);
  }

  @Get('manage/events/:slug')
  @RequireEventRole('organiser')
  async managedEvent(
    @CurrentEvent() event: EventEntity,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<ManagedEvent> {
    return withEtag(reply, await this.organising.managedEvent(event));
  }

  @Patch('events/:slug')
  @RequireEventRole('organiser')
  async updateEvent(
    @CurrentEvent() event: EventEntity,
    @CurrentPrincipal() principal: Principal,
    @Headers('if-match') ifMatch: IfMatch,
    @Body(new ZodPipe(updateEventRequestSchema)) body: z.output<typeof updateEventRequestSchema>,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<ManagedEvent> {
    const version = expectedVersion(ifMatch);
    return withEtag(reply, await this.organising.updateEvent(principal, event, version, body));
  }

  @Post('events/:slug/status')
  @HttpCode(200)
  @RequireEventRole('organiser')
  async changeStatus(
    @CurrentEvent() event: EventEntity,
    @CurrentPrincipal() principal: Principal,
    @Body(new ZodPipe(eventStatusChangeSchema)) body: z.output<typeof eventStatusChangeSchema>,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<ManagedEvent> {
    return withEtag(reply, await this.organising.changeStatus(principal, event, body.status));
  }

  @Post('events/:slug/duplicate')
  @HttpCode(201)
  @RequireEventRole('organiser')
  async duplicateEvent(
    @CurrentEvent() event: EventEntity,
    @CurrentPrincipal() principal: Principal,
    @Body(new ZodPipe(duplicateEventRequestSchema)) body: z.output<typeof duplicateEventRequestSchema>,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<ManagedEvent> {
    return withEtag(reply, await this.organising.duplicateEvent(principal, event, body));
  }

  @Get('events/:slug/organisers')
  @RequireEventRole('organiser')
  organisers(@CurrentEvent() event: EventEntity): Promise<EventOrganiserList> {
    return this.organising.organisers(event);
  }

  @Post('events/:slug/organisers')
  @HttpCode(200)
  @RequirePlatformAdmin()
  async appointOrganiser(
    @Param(new ZodPipe(eventSlugParamsSchema)) params: SlugParams,
    @CurrentPrincipal() principal: Principal,
    @Body(new ZodPipe(appointOrganiserRequestSchema)) body: z.output<typeof appointOrganiserRequestSchema>,
  ): Promise<EventOrganiserList> {
    const event = await this.programme.requireEvent(params.slug);
    return this.organising.appointOrganiser(principal, event, body);
  }

  @Delete('events/:slug/organisers/:personId')
  @HttpCode(204)
  @RequirePlatformAdmin()
  async removeOrganiser(
    @Param(new ZodPipe(organiserParamsSchema)) params: z.output<typeof organiserParamsSchema>,
    @CurrentPrincipal() principal: Principal,
  ): Promise<void> {
    const event = await this.programme.requireEvent(params.slug);
    await this.organising.removeOrganiser(principal, event, params.personId);
  }
}

/** The programme editor: rooms, speakers, sessions and the warnings, for the event's organisers. */
@Controller('events/:slug/programme')
@RequireEventRole('organiser')
export class ProgrammeEditorController {
  constructor(private readonly organising: OrganisingService) {}

  @Get()
  editorView(@CurrentEvent() event: EventEntity): Promise<ProgrammeEditorView> {
    return this.organising.editorView(event);
  }

  @Get('warnings')
  async warnings(@CurrentEvent() event: EventEntity): Promise<ProgrammeWarningList> {
    return { warnings: await this.organising.warnings(event) };
  }

  // Rooms

  @Get('rooms')
  async rooms(@CurrentEvent() event: EventEntity): Promise<ManagedRoomList> {
    return { rooms: await this.organising.listRooms(event) };
  }

  @Post('rooms')
  @HttpCode(201)
  async createRoom(
    @CurrentEvent() event: EventEntity,
    @CurrentPrincipal() principal: Principal,
    @Body(new ZodPipe(createRoomRequestSchema)) body: z.output<typeof createRoomRequestSchema>,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<ManagedRoom> {
    return withEtag(reply, await this.organising.createRoom(principal, event, body));
  }

  @Get('rooms/:roomId')
  async room(
    @CurrentEvent() event: EventEntity,
    @Param(new ZodPipe(roomParamsSchema)) params: z.output<typeof roomParamsSchema>,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<ManagedRoom> {
    return withEtag(reply, await this.organising.room(event, params.roomId));
  }

  @Patch('rooms/:roomId')
  async updateRoom(
    @CurrentEvent() event: EventEntity,
    @CurrentPrincipal() principal: Principal,
    @Param(new ZodPipe(roomParamsSchema)) params: z.output<typeof roomParamsSchema>,
    @Headers('if-match') ifMatch: IfMatch,
    @Body(new ZodPipe(updateRoomRequestSchema)) body: z.output<typeof updateRoomRequestSchema>,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<ManagedRoom> {
    const version = expectedVersion(ifMatch);
    return withEtag(reply, await this.organising.updateRoom(principal, event, params.roomId, version, body));
  }

  @Delete('rooms/:roomId')
  @HttpCode(204)
  async deleteRoom(
    @CurrentEvent() event: EventEntity,
    @CurrentPrincipal() principal: Principal,
    @Param(new ZodPipe(roomParamsSchema)) params: z.output<typeof roomParamsSchema>,
  ): Promise<void> {
    await this.organising.deleteRoom(principal, event, params.roomId);
  }

  // Speakers

  @Get('speakers')
  async speakers(@CurrentEvent() event: EventEntity): Promise<ManagedSpeakerList> {
    return { speakers: await this.organising.listSpeakers(event) };
  }

  @Post('speakers')
  @HttpCode(201)
  async createSpeaker(
    @CurrentEvent() event: EventEntity,
    @CurrentPrincipal() principal: Principal,
    @Body(new ZodPipe(createSpeakerRequestSchema)) body: z.output<typeof createSpeakerRequestSchema>,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<ManagedSpeaker> {
    return withEtag(reply, await this.organising.createSpeaker(principal, event, body));
  }

  @Get('speakers/:speakerId')
  async speaker(
    @CurrentEvent() event: EventEntity,
    @Param(new ZodPipe(speakerParamsSchema)) params: z.output<typeof speakerParamsSchema>,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<ManagedSpeaker> {
    return withEtag(reply, await this.organising.speaker(event, params.speakerId));
  }

  @Patch('speakers/:speakerId')
  async updateSpeaker(
    @CurrentEvent() event: EventEntity,
    @CurrentPrincipal() principal: Principal,
    @Param(new ZodPipe(speakerParamsSchema)) params: z.output<typeof speakerParamsSchema>,
    @Headers('if-match') ifMatch: IfMatch,
    @Body(new ZodPipe(updateSpeakerRequestSchema)) body: z.output<typeof updateSpeakerRequestSchema>,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<ManagedSpeaker> {
    const version = expectedVersion(ifMatch);
    return withEtag(
      reply,
      await this.organising.updateSpeaker(principal, event, params.speakerId, version, body),
    );
  }

  @Delete('speakers/:speakerId')
  @HttpCode(204)
  async deleteSpeaker(
    @CurrentEvent() event: EventEntity,
    @CurrentPrincipal() principal: Principal,
    @Param(new ZodPipe(speakerParamsSchema)) params: z.output<typeof speakerParamsSchema>,
  ): Promise<void> {
    await this.organising.deleteSpeaker(principal, event, params.speakerId);
  }

  // Sessions

  @Get('sessions')
  async sessions(@CurrentEvent() event: EventEntity): Promise<ManagedSessionList> {
    return { sessions: await this.organising.listSessions(event) };
  }

  @Post('sessions')
  @HttpCode(201)
  async createSession(
    @CurrentEvent() event: EventEntity,
    @CurrentPrincipal() principal: Principal,
    @Body(new ZodPipe(createSessionRequestSchema)) body: z.output<typeof createSessionRequestSchema>,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<SessionWriteResult> {
    const result = await this.organising.createSession(principal, event, body);
    withEtag(reply, result.session);
    return result;
  }

  @Get('sessions/:sessionId')
  async session(
    @CurrentEvent() event: EventEntity,
    @Param(new ZodPipe(sessionParamsSchema)) params: z.output<typeof sessionParamsSchema>,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<ManagedSession> {
    return withEtag(reply, await this.organising.session(event, params.sessionId));
  }

  @Patch('sessions/:sessionId')
  async updateSession(
    @CurrentEvent() event: EventEntity,
    @CurrentPrincipal() principal: Principal,
    @Param(new ZodPipe(sessionParamsSchema)) params: z.output<typeof sessionParamsSchema>,
    @Headers('if-match') ifMatch: IfMatch,
    @Body(new ZodPipe(updateSessionRequestSchema)) body: z.output<typeof updateSessionRequestSchema>,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<SessionWriteResult> {
    const version = expectedVersion(ifMatch);
    const result = await this.organising.updateSession(principal, event, params.sessionId, version, body);
    withEtag(reply, result.session);
    return result;
  }

  @Post('sessions/:sessionId/cancel')
  @HttpCode(200)
  async cancelSession(
    @CurrentEvent() event: EventEntity,
    @CurrentPrincipal() principal: Principal,
    @Param(new ZodPipe(sessionParamsSchema)) params: z.output<typeof sessionParamsSchema>,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<SessionWriteResult> {
    const result = await this.organising.cancelSession(principal, event, params.sessionId);
    withEtag(reply, result.session);
    return result;
  }

  @Delete('sessions/:sessionId')
  @HttpCode(204)
  async deleteSession(
    @CurrentEvent() event: EventEntity,
    @CurrentPrincipal() principal: Principal,
    @Param(new ZodPipe(sessionParamsSchema)) params: z.output<typeof sessionParamsSchema>,
  ): Promise<void> {
    await this.organising.deleteSession(principal, event, params.sessionId);
  }
}
