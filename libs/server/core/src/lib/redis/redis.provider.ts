import { Inject, Injectable, Optional, type OnApplicationShutdown, type Provider } from '@nestjs/common';
import { createClient } from 'redis';
import type { Logger } from 'pino';
import type { AppConfig } from '../config/config.schema';

export type RedisClient = ReturnType<typeof createClient>;

/** Injection token of the shared Redis client, or `null` when `REDIS_URL` is not set. */
export const REDIS_CLIENT = Symbol('REDIS_CLIENT');

export interface RedisClientOptions {
  /**
   * Refuse commands at once while disconnected instead of queueing them until Redis is back. For callers with a
   * fallback (rate limits fall back to per-node memory counters, readiness reports `down`): without it, every
   * rate-limited request would wait for the whole outage.
   */
  failFast?: boolean;
}

/**
 * Creates a Redis client that reconnects with capped, jittered backoff and never crashes the process on a
 * connection error (Redis holds nothing that cannot be rebuilt, so callers degrade while it is away).
 */
export function createRedisClient(
  url: string,
  logger?: Pick<Logger, 'warn'>,
  options: RedisClientOptions = {},
): RedisClient {
  const client = createClient({
    url,
    disableOfflineQueue: options.failFast ?? false,
    socket: {
      connectTimeout: 5000,
      reconnectStrategy: (retries) =>
        Math.min(2000, 50 * 2 ** Math.min(retries, 6)) + Math.floor(Math.random() * 100),
    },
  });
  let lastWarn = 0;
  client.on('error', (error: Error) => {
    const now = Date.now();
    if (now - lastWarn > 5000) {
      lastWarn = now;
      logger?.warn({ err: { message: error.message } }, 'redis connection error');
    }
  });
  return client;
}

export function redisClientProvider(config: AppConfig, logger: Logger): Provider {
  return {
    provide: REDIS_CLIENT,
    useFactory: async (): Promise<RedisClient | null> => {
      if (!config.REDIS_URL) return null;
      // Rate limits and readiness: both have an answer while Redis is away, so nothing waits for it.
      const client = createRedisClient(config.REDIS_URL, logger, { failFast: true });
      await client.connect();
      return client;
    },
  };
}

/** Closes the shared Redis client when the application shuts down, so processes and test runs can exit. */
@Injectable()
export class RedisShutdown implements OnApplicationShutdown {
  constructor(@Optional() @Inject(REDIS_CLIENT) private readonly redis: RedisClient | null) {}

  async onApplicationShutdown(): Promise<void> {
    if (this.redis) await closeRedisClient(this.redis);
  }
}

/**
 * Closes a client politely (pending replies first) for at most `graceMs`, then drops the connection: a shutdown
 * must not wait on a Redis that is restarting, or on a blocking read that will not return soon.
 */
export async function closeRedisClient(client: RedisClient, graceMs = 2_000): Promise<void> {
  if (!client.isOpen) return;
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), graceMs);
  });
  const outcome = await Promise.race([client.close().then(() => 'closed' as const), timedOut]).catch(
    () => 'failed' as const,
  );
  clearTimeout(timer);
  if (outcome !== 'closed' && client.isOpen) client.destroy();
}
