import { Inject, type OnApplicationBootstrap } from '@nestjs/common';
import { WebSocketGateway, WebSocketServer, type OnGatewayConnection } from '@nestjs/websockets';
import type { DomainEvent, ServerToClientEvents } from '@plenary/contracts';
import { DomainEventListener, LOGGER } from '@plenary/server-core';
import { rooms, SessionEngagementService } from '@plenary/server-engagement';
import type { Logger } from 'pino';
import type { Server } from 'socket.io';
import { SessionService } from '@plenary/server-access';
import type { LiveSocketData } from './handshake-auth';
import type { LiveSocket } from './system.gateway';

/** Rooms every socket joins at connect: all sockets of a person, and all sockets of one sign-in session. */
export const personRoom = (personId: string): string => `person:${personId}`;
export const signInRoom = (sessionId: string): string => `signin:${sessionId}`;

/**
 * Acts on the api's domain events (ADR 0013). Every live node hears every event and acts on its own sockets only
 * (`server.local`, or this node's room registry), so each socket is told once whatever the number of nodes.
 */
@WebSocketGateway()
export class DomainEventsRelay implements OnGatewayConnection, OnApplicationBootstrap {
  @WebSocketServer()
  server!: Server<Record<string, never>, ServerToClientEvents>;

  constructor(
    private readonly listener: DomainEventListener,
    private readonly engagement: SessionEngagementService,
    private readonly signIns: SessionService,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    this.listener.subscribe((event) => void this.apply(event));
    this.listener.onResume(() => void this.revalidate());
    await this.listener.start();
  }

  async handleConnection(socket: LiveSocket): Promise<void> {
    const { principal } = socket.data as LiveSocketData;
    await socket.join([personRoom(principal.personId), signInRoom(principal.sessionId)]);
  }

  private async apply(event: DomainEvent): Promise<void> {
    try {
      switch (event.type) {
        case 'access.sessions-revoked':
          this.signOut(event.sessionId ? signInRoom(event.sessionId) : personRoom(event.personId));
          return;
        case 'access.ticket-reissued':
          // Only the person's open ticket pages care: the old QR code is void.
          this.server.local
            .to(personRoom(event.personId))
            .emit('account:registration-changed', { eventId: event.eventId, reason: 'ticket' });
          return;
        case 'access.registration-changed':
          // Open ticket and registration pages read the new status (and the ticket an approval issued).
          this.server.local
            .to(personRoom(event.personId))
            .emit('account:registration-changed', { eventId: event.eventId, reason: 'status' });
          await this.engagement.accessChanged(
            this.localSockets(personRoom(event.personId)),
            event.personId,
            event.eventId,
          );
          return;
        case 'access.roles-changed':
          // What the person may do in the event's sessions changed: their sockets re-check their access.
          await this.engagement.accessChanged(
            this.localSockets(personRoom(event.personId)),
            event.personId,
            event.eventId,
          );
          return;
        case 'checkin.admitted':
        case 'checkin.undone':
          this.server.local.to(personRoom(event.personId)).emit('attendance:presence', {
            eventId: event.eventId,
            day: event.day,
            inRoom: event.type === 'checkin.admitted',
          });
          return;
        case 'programme.changed':
          // Open programme and session pages will be told here (issue #12, live propagation); not yet.
          return;
        case 'engagement.session-closed':
          // The session was cancelled: its polls closed without events of their own; everyone reads the snapshot.
          this.server.local
            .to(rooms.session(event.sessionId))
            .emit('session:resync', { sessionId: event.sessionId, reason: 'server' });
          return;
        case 'media.ban-changed':
          // Nothing to do on sockets: a ban also ends the person's sign-in sessions (access.sessions-revoked).
          return;
        case 'media.stage-changed':
          // Everyone who joined the session (moderators included): the stage's new state, as the api answered it.
          this.server.local.to(rooms.session(event.sessionId)).emit('stage:changed', event.stage);
          return;
        case 'media.hand-changed':
          // The moderators refetch the queue (names are not sent around); the person learns their own status.
          this.server.local
            .to(rooms.moderators(event.sessionId))
            .emit('stage:hands-changed', { sessionId: event.sessionId });
          this.server.local
            .to(personRoom(event.personId))
            .emit('stage:my-hand', { sessionId: event.sessionId, status: event.status });
          return;
      }
    } catch (error) {
      this.logger.error({ err: error, type: event.type }, 'domain event not applied');
    }
  }

  private signOut(room: string): void {
    const sockets = this.localSockets(room);
    for (const socket of sockets) socket.emit('account:signed-out', { reason: 'session-ended' });
    // After the notice is written: the socket closes and, told by the server, the client does not reconnect.
    for (const socket of sockets) socket.disconnect(true);
  }

  /**
   * After the listener reconnected, events sent meanwhile are lost: every local socket's sign-in session is
   * checked again in one query, and the sockets of ended ones are signed out.
   */
  private async revalidate(): Promise<void> {
    const sockets = [...this.server.of('/').sockets.values()] as LiveSocket[];
    const ids = [...new Set(sockets.map((socket) => (socket.data as LiveSocketData).principal.sessionId))];
    if (ids.length === 0) return;
    try {
      const live = await this.signIns.liveAmong(ids);
      for (const id of ids) if (!live.has(id)) this.signOut(signInRoom(id));
    } catch (error) {
      this.logger.warn({ err: error }, 'sessions not revalidated after the domain-event gap');
    }
  }

  /** This node's sockets in a room (never other nodes': they act on the same event themselves). */
  private localSockets(room: string): LiveSocket[] {
    const namespace = this.server.of('/');
    const ids = namespace.adapter.rooms.get(room) ?? new Set<string>();
    return [...ids].flatMap((id) => {
      const socket = namespace.sockets.get(id);
      return socket ? [socket] : [];
    });
  }
}
