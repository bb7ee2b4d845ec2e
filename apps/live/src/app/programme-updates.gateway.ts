import { Inject, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import {
  ConnectedSocket,
  MessageBody,
  SubscribeMessage,
  WebSocketGateway,
  WebSocketServer,
  type OnGatewayConnection,
  type OnGatewayInit,
} from '@nestjs/websockets';
import {
  PROGRAMME_WATCH_MAX_EVENTS,
  programmeWatchSchema,
  type Ack,
  type DomainEvent,
  type ProgrammeClientToServerEvents,
  type ProgrammeServerToClientEvents,
  type ProgrammeWatch,
  type ProgrammeWatching,
} from '@plenary/contracts';
import {
  EventVisibilityService,
  SessionService,
  sessionTokenFromCookieHeader,
  type Principal,
} from '@plenary/server-access';
import {
  APP_CONFIG,
  CoreException,
  DomainEventListener,
  FailureLog,
  LOGGER,
  RateLimitService,
  type AppConfig,
  type RateLimitRule,
} from '@plenary/server-core';
import { ProgrammeException, ProgrammeService } from '@plenary/server-programme';
import type { Logger } from 'pino';
import type { Namespace, Socket } from 'socket.io';
import { personRoom, signInRoom } from './domain-events.relay';
import { handleSocketEvent } from './socket-handler';

/** What the programme namespace knows about a socket: the signed-in person, if any (never required). */
export interface ProgrammeSocketData {
  principal: Principal | null;
}

export type ProgrammeSocket = Socket<ProgrammeClientToServerEvents, ProgrammeServerToClientEvents>;

/** Everyone watching an event that is not a draft. */
export const watchersRoom = (eventId: string): string => `programme:${eventId}`;
/** The watchers who run the event (organisers, instance administrators): they hear of draft changes too. */
export const teamWatchersRoom = (eventId: string): string => `programme:${eventId}:team`;

/** Watches per client address; pages watch one event each, so this is far above any person's need. */
export const PROGRAMME_WATCH_LIMIT: RateLimitRule = { points: 120, seconds: 60 };

/**
 * Programme updates (issue #12): open programme, session and event pages watch their event on the `/programme`
 * namespace, which accepts visitors who are not signed in, and hear `programme:changed` when the api commits a
 * change (the domain event of the same name, ADR 0013). Drafts are announced to their team only. Like every domain
 * event, each node acts on its own sockets (`local`), so N nodes deliver each change once.
 */
@WebSocketGateway({ namespace: 'programme' })
export class ProgrammeUpdatesGateway
  implements OnGatewayInit, OnGatewayConnection, OnModuleInit, OnModuleDestroy
{
  @WebSocketServer()
  namespace!: Namespace<ProgrammeClientToServerEvents, ProgrammeServerToClientEvents>;

  private readonly unsubscribe: Array<() => void> = [];

  constructor(
    private readonly listener: DomainEventListener,
    private readonly programme: ProgrammeService,
    private readonly visibility: EventVisibilityService,
    private readonly signIns: SessionService,
    private readonly limits: RateLimitService,
    private readonly failures: FailureLog,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  onModuleInit(): void {
    this.unsubscribe.push(
      this.listener.subscribe((event) => void this.apply(event)),
      this.listener.onResume(() => void this.resume()),
    );
  }

  onModuleDestroy(): void {
    for (const unsubscribe of this.unsubscribe.splice(0)) unsubscribe();
  }

  /** The handshake may carry a sign-in cookie; without one (or with an ended session) the socket is anonymous. */
  afterInit(namespace: Namespace): void {
    namespace.use((socket, next) => {
      const token = sessionTokenFromCookieHeader(this.config, socket.request.headers.cookie);
      this.signIns.resolve(token).then(
        (principal) => {
          (socket.data as ProgrammeSocketData).principal = principal;
          next();
        },
        () => next(new Error('core/unavailable')),
      );
    });
  }

  async handleConnection(socket: ProgrammeSocket): Promise<void> {
    const { principal } = socket.data as ProgrammeSocketData;
    if (principal) await socket.join([personRoom(principal.personId), signInRoom(principal.sessionId)]);
  }

  @SubscribeMessage('programme:watch')
  watch(
    @ConnectedSocket() socket: ProgrammeSocket,
    @MessageBody() payload: unknown,
  ): Promise<Ack<ProgrammeWatching>> {
    return handleSocketEvent(
      programmeWatchSchema,
      payload,
      async ({ eventId }) => {
        await this.limits.consume('programme-watch', PROGRAMME_WATCH_LIMIT, this.clientAddress(socket));
        const watched = [...socket.rooms].filter(
          (room) => room.startsWith('programme:') && !room.endsWith(':team'),
        );
        if (!watched.includes(watchersRoom(eventId)) && watched.length >= PROGRAMME_WATCH_MAX_EVENTS)
          throw new CoreException('core/validation-failed', 'This connection watches too many events.', [
            { path: 'eventId', message: `at most ${PROGRAMME_WATCH_MAX_EVENTS} events at once` },
          ]);
        const head = await this.programme.eventHeadById(eventId);
        const team = head !== null && (await this.isTeam(socket, eventId));
        // A draft does not exist for anyone but its team (as over HTTP): the same answer as an unknown id.
        if (head === null || (head.status === 'draft' && !team))
          throw new ProgrammeException('programme/event-not-found', 'There is no such event.');
        await socket.join(team ? [watchersRoom(eventId), teamWatchersRoom(eventId)] : watchersRoom(eventId));
        return { eventId, team };
      },
      this.failures,
      'programme:watch',
    );
  }

  @SubscribeMessage('programme:unwatch')
  unwatch(
    @ConnectedSocket() socket: ProgrammeSocket,
    @MessageBody() payload: unknown,
  ): Promise<Ack<ProgrammeWatch>> {
    return handleSocketEvent(
      programmeWatchSchema,
      payload,
      async ({ eventId }) => {
        await socket.leave(watchersRoom(eventId));
        await socket.leave(teamWatchersRoom(eventId));
        return { eventId };
      },
      this.failures,
      'programme:unwatch',
    );
  }

  /**
   * Whether the socket's person runs the event. Their sign-in must still be live by the idle rules
   * (`SessionService.liveUntil`, which counts the watch as activity like a request); a visitor never touches anyone's
   * idle clock, and a signed-in person watching a public event gets the same as everyone when it is not theirs.
   */
  private async isTeam(socket: ProgrammeSocket, eventId: string): Promise<boolean> {
    const { principal } = socket.data as ProgrammeSocketData;
    if (!principal) return false;
    if (!(await this.visibility.isTeam(principal.personId, eventId))) return false;
    return (await this.signIns.liveUntil(principal.sessionId)) !== null;
  }

  private async apply(event: DomainEvent): Promise<void> {
    try {
      if (event.type === 'access.sessions-revoked') {
        // The person's sockets fall back to what anyone may hear: no more draft changes.
        const room = event.sessionId ? signInRoom(event.sessionId) : personRoom(event.personId);
        for (const socket of this.localSockets(room)) await this.forgetPerson(socket);
        return;
      }
      if (event.type !== 'programme.changed') return;
      const rooms = this.namespace.adapter.rooms;
      const everyone = watchersRoom(event.eventId);
      const team = teamWatchersRoom(event.eventId);
      if (!rooms.has(everyone) && !rooms.has(team)) return; // nobody here watches it: no query
      const head = await this.programme.eventHeadById(event.eventId);
      const to = head !== null && head.status !== 'draft' ? [everyone, team] : [team];
      this.namespace.local.to(to).emit('programme:changed', {
        eventId: event.eventId,
        sessionIds: event.sessionIds,
        scope: event.scope,
        programmeVersion: event.programmeVersion,
      });
    } catch (error) {
      this.logger.error({ err: error, type: event.type }, 'programme update not relayed');
    }
  }

  /** After the listener was away, changes may have been missed: every watched event is re-read (`scope: 'event'`). */
  private async resume(): Promise<void> {
    const eventIds = new Set<string>();
    for (const room of this.namespace.adapter.rooms.keys()) {
      const match = /^programme:([0-9a-f-]{36})(?::team)?$/.exec(room);
      if (match?.[1]) eventIds.add(match[1]);
    }
    for (const eventId of eventIds) {
      try {
        const head = await this.programme.eventHeadById(eventId);
        const to =
          head !== null && head.status !== 'draft'
            ? [watchersRoom(eventId), teamWatchersRoom(eventId)]
            : [teamWatchersRoom(eventId)];
        this.namespace.local.to(to).emit('programme:changed', {
          eventId,
          sessionIds: [],
          scope: 'event',
          programmeVersion: head?.programmeVersion ?? 0,
        });
      } catch (error) {
        this.logger.warn({ err: error }, 'programme watchers not refreshed after the domain-event gap');
      }
    }
  }

  private async forgetPerson(socket: ProgrammeSocket): Promise<void> {
    const data = socket.data as ProgrammeSocketData;
    for (const room of [...socket.rooms]) {
      if (room.startsWith('programme:') && room.endsWith(':team')) await socket.leave(room);
      if (room.startsWith('person:') || room.startsWith('signin:')) await socket.leave(room);
    }
    data.principal = null;
  }

  /** The client's address: behind a trusted proxy (`TRUST_PROXY`) the first hop it names, as the api reads it. */
  private clientAddress(socket: ProgrammeSocket): string {
    const forwarded = socket.handshake.headers['x-forwarded-for'];
    const first = (Array.isArray(forwarded) ? forwarded[0] : forwarded)?.split(',')[0]?.trim();
    return this.config.TRUST_PROXY && first ? first : socket.handshake.address;
  }

  private localSockets(room: string): ProgrammeSocket[] {
    const ids = this.namespace.adapter.rooms.get(room) ?? new Set<string>();
    return [...ids].flatMap((id) => {
      const socket = this.namespace.sockets.get(id);
      return socket ? [socket] : [];
    });
  }
}
