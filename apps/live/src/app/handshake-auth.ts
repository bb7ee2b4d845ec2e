import { Inject, Injectable } from '@nestjs/common';
import { SessionService, sessionTokenFromCookieHeader, type Principal } from '@plenary/server-access';
import { APP_CONFIG, type AppConfig } from '@plenary/server-core';
import type { Server, Socket } from 'socket.io';

/** What the live service knows about each socket, set once at the handshake. */
export interface LiveSocketData {
  principal: Principal;
}

/**
 * Authenticates every socket.io handshake from the api's session cookie (Nest guards do not run on connect).
 * A refused handshake gets `connect_error` with the message `identity/unauthenticated`.
 */
@Injectable()
export class HandshakeAuth {
  constructor(
    private readonly sessions: SessionService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  install(server: Server): void {
    server.use((socket: Socket, next) => {
      const token = sessionTokenFromCookieHeader(this.config, socket.request.headers.cookie);
      this.sessions.resolve(token).then(
        (principal) => {
          if (!principal) return next(new Error('identity/unauthenticated'));
          (socket.data as LiveSocketData).principal = principal;
          next();
        },
        () => next(new Error('core/unavailable')),
      );
    });
  }
}
