import type { INestApplicationContext } from '@nestjs/common';
import { IoAdapter } from '@nestjs/platform-socket.io';
import { LIVE_SOCKET_PATH } from '@plenary/contracts';
import { createRedisClient, type AppConfig, type RedisClient } from '@plenary/server-core';
import { createAdapter } from '@socket.io/redis-streams-adapter';
import type { Logger } from 'pino';
import type { Server, ServerOptions } from 'socket.io';

/**
 * socket.io server settings of the live service: fixed path, 64 KB payload cap, no compression, an Origin allowlist
 * checked on every handshake and upgrade, and the Redis streams adapter when `REDIS_URL` is set.
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
      allowRequest: (
        request: { headers: Record<string, string | string[] | undefined> },
        callback: (error: string | null, success: boolean) => void,
      ) => {
        const origin = request.headers.origin;
        callback(null, typeof origin === 'string' && allowed.has(origin));
      },
    }) as Server;
    if (this.redis) server.adapter(createAdapter(this.redis));
    return server;
  }

  override async close(server: Server): Promise<void> {
    await super.close(server);
    if (this.redis?.isOpen) await this.redis.quit().catch(() => undefined);
  }
}
