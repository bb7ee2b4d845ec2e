import type { INestApplicationContext } from '@nestjs/common';
import { IoAdapter } from '@nestjs/platform-socket.io';
import { LIVE_SOCKET_PATH } from '@plenary/contracts';
import { closeRedisClient, createRedisClient, type AppConfig, type RedisClient } from '@plenary/server-core';
import { createAdapter } from '@socket.io/redis-streams-adapter';
import type { MessageMappingProperties } from '@nestjs/websockets';
import { ServerResponse, type IncomingMessage } from 'node:http';
import type { Logger } from 'pino';
import { filter, type Observable } from 'rxjs';
import type { Server, ServerOptions, Socket } from 'socket.io';

/**
 * Refuses every engine.io request — handshake, polling request of an open session, websocket upgrade — whose Origin
 * is not allowed, with `403` (engine.io's `Forbidden`, code 4) before engine.io looks at it.
 */
export function originCheck(allowed: ReadonlySet<string>) {
  return (request: IncomingMessage, response: ServerResponse, next: (error?: unknown) => void): void => {
    const origin = request.headers.origin;
    if (typeof origin === 'string' && allowed.has(origin)) {
      next();
      return;
    }
    const body = JSON.stringify({ code: 4, message: 'Forbidden' });
    if (response instanceof ServerResponse) {
      response.writeHead(403, {
        'content-type': 'application/json',
        'content-length': Buffer.byteLength(body),
      });
      response.end(body);
      return;
    }
    // An upgrade: engine.io passes a stand-in response; answer on the raw socket, as engine.io does for its errors.
    request.socket.end(
      `HTTP/1.1 403 Forbidden\r\nConnection: close\r\nContent-Type: application/json\r\n` +
        `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
    );
  };
}

/**
 * socket.io server settings of the live service: fixed path, 64 KB payload cap, no compression, an Origin allowlist
 * checked on every engine.io request (handshake, polling, upgrade), and the Redis streams adapter when `REDIS_URL`
 * is set.
 */
export class LiveIoAdapter extends IoAdapter {
  private redis: RedisClient | null = null;

  constructor(
    app: INestApplicationContext,
    private readonly config: AppConfig,
    private readonly logger: Logger,
  ) {
    super(app);
  }

  /** Connects the Redis client used by the streams adapter (call before the app listens). */
  async connectRedis(): Promise<void> {
    if (!this.config.REDIS_URL) return;
    this.redis = createRedisClient(this.config.REDIS_URL, this.logger);
    await this.redis.connect();
  }

  override createIOServer(port: number, options?: ServerOptions): Server {
    const allowed = new Set(this.config.allowedOrigins);
    const server = super.createIOServer(port, {
      ...options,
      path: LIVE_SOCKET_PATH,
      serveClient: false,
      maxHttpBufferSize: 64 * 1024,
      perMessageDeflate: false,
      httpCompression: false,
      pingInterval: 20_000,
      pingTimeout: 20_000,
      connectTimeout: 10_000,
    }) as Server;
    // Not `allowRequest`: engine.io asks it for the handshake only, so a session opened from our origin could be
    // upgraded to a websocket, or polled, from any other. Middlewares run on every engine.io request.
    server.engine.use(originCheck(allowed));
    if (this.redis) server.adapter(createAdapter(this.redis));
    return server;
  }

  /**
   * Binds the gateways' message handlers with one plain listener per event, where Nest's IoAdapter keeps an rxjs
   * pipeline per event and socket (`fromEvent` → `mergeMap` → `takeUntil(disconnect)`: ~60 subscribers and ~300
   * closures, ~70 KB of heap per connected socket with our 15 events; benchmark B1). Same contract: each event's
   * payload and ack go to the handler, a non-null result is sent as the ack (or emitted when it names an `event`).
   */
  override bindMessageHandlers(
    socket: Socket,
    handlers: MessageMappingProperties[],
    transform: (data: unknown) => Observable<unknown>,
  ): void {
    for (const { message, callback, isAckHandledManually } of handlers) {
      socket.on(message as string, (...args: unknown[]) => {
        const { data, ack } = this.mapPayload(args.length > 1 ? args : args[0]) as {
          data: unknown;
          ack?: unknown;
        };
        transform(callback(data, ack))
          .pipe(filter((response) => response !== null && response !== undefined))
          .subscribe((response) => {
            const reply = response as { event?: string; data?: unknown };
            if (reply.event) {
              socket.emit(reply.event, reply.data);
              return;
            }
            if (!isAckHandledManually && typeof ack === 'function')
              (ack as (value: unknown) => void)(response);
          });
      });
    }
  }

  override async close(server: Server): Promise<void> {
    try {
      await super.close(server);
    } finally {
      // Even when closing the server fails: a Redis client left open reconnects forever and keeps the process alive.
      if (this.redis) await closeRedisClient(this.redis);
    }
  }
}
