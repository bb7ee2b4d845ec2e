import { Inject, Injectable, Optional } from '@nestjs/common';
import { createHash } from 'node:crypto';
import {
  RateLimiterMemory,
  RateLimiterRedis,
  RateLimiterRes,
  RLWrapperTimeouts,
  type RateLimiterAbstract,
} from 'rate-limiter-flexible';
import { CoreException } from '../errors/core.exception';
import { REDIS_CLIENT, type RedisClient } from '../redis/redis.provider';

export interface RateLimitRule {
  /** Requests allowed per window. */
  points: number;
  /** Window length in seconds. */
  seconds: number;
}

/** How long a limit waits for Redis before the process's own counters decide (a Redis round trip is ~0.2 ms). */
export const REDIS_LIMIT_TIMEOUT_MS = 500;

/** `core/rate-limited` with the seconds to wait; the error filter turns it into a `Retry-After` header. */
export class RateLimitedException extends CoreException {
  constructor(readonly retryAfterSeconds: number) {
    super('core/rate-limited', 'Too many attempts. Try again later.', { retryAfterSeconds });
  }
}

/** Hashes an identifier (an e-mail, an IP) so limiter keys in Redis hold nothing personal. */
export function limiterKey(value: string): string {
  return createHash('sha256').update(value).digest('base64url').slice(0, 22);
}

/**
 * Fixed-window rate limits shared through Redis when `REDIS_URL` is set (every replica counts together), in memory
 * otherwise. Backed by rate-limiter-flexible.
 */
@Injectable()
export class RateLimitService {
  private readonly limiters = new Map<string, RateLimiterAbstract>();

  constructor(@Optional() @Inject(REDIS_CLIENT) private readonly redis: RedisClient | null) {}

  private limiter(name: string, rule: RateLimitRule): RateLimiterAbstract {
    const id = `${name}:${rule.points}:${rule.seconds}`;
    let limiter = this.limiters.get(id);
    if (!limiter) {
      const options = { keyPrefix: `plenary:rl:${name}`, points: rule.points, duration: rule.seconds };
      limiter = this.redis
        ? // A Redis that does not answer (a partition: the connection looks open, commands never return) must not
          // hold the request: past REDIS_LIMIT_TIMEOUT_MS the per-process insurance limiter decides, as it does when
          // Redis refuses.
          new RLWrapperTimeouts({
            limiter: new RateLimiterRedis({
              ...options,
              storeClient: this.redis,
              useRedisPackage: true,
              insuranceLimiter: new RateLimiterMemory(options),
            }),
            timeoutMs: REDIS_LIMIT_TIMEOUT_MS,
          })
        : new RateLimiterMemory(options);
      this.limiters.set(id, limiter);
    }
    return limiter;
  }

  /** Counts one attempt for `key`; throws `RateLimitedException` when the rule is exceeded. */
  async consume(name: string, rule: RateLimitRule, key: string): Promise<void> {
    try {
      await this.limiter(name, rule).consume(limiterKey(key));
    } catch (error) {
      if (error instanceof RateLimiterRes)
        throw new RateLimitedException(Math.max(1, Math.ceil(error.msBeforeNext / 1000)));
      throw error;
    }
  }

  /** True when `key` has no attempts left, without counting one. */
  async isBlocked(name: string, rule: RateLimitRule, key: string): Promise<RateLimiterRes | null> {
    const state = await this.limiter(name, rule).get(limiterKey(key));
    return state && state.remainingPoints <= 0 ? state : null;
  }

  /** Forgets the attempts of `key` (after a success). */
  async reset(name: string, rule: RateLimitRule, key: string): Promise<void> {
    await this.limiter(name, rule).delete(limiterKey(key));
  }
}
