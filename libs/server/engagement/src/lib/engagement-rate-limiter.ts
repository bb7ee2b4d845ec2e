import { Inject, Injectable } from '@nestjs/common';
import { RateLimitService, type RateLimitRule } from '@plenary/server-core';

/** Per-person limits of the engagement events (shared through Redis when configured). */
export interface EngagementLimits {
  join: RateLimitRule;
  ask: RateLimitRule;
  edit: RateLimitRule;
  upvote: RateLimitRule;
  vote: RateLimitRule;
  moderate: RateLimitRule;
}

export const DEFAULT_ENGAGEMENT_LIMITS: EngagementLimits = {
  join: { points: 30, seconds: 60 },
  ask: { points: 5, seconds: 60 },
  edit: { points: 10, seconds: 60 },
  upvote: { points: 10, seconds: 1 },
  vote: { points: 5, seconds: 1 },
  moderate: { points: 20, seconds: 1 },
};

/** Injection token of the limits in force (tests and benchmarks may raise them). */
export const ENGAGEMENT_LIMITS = Symbol('ENGAGEMENT_LIMITS');

/** Counts one event of a kind for a person; throws `core/rate-limited` (with `retryAfterSeconds`) over the limit. */
@Injectable()
export class EngagementRateLimiter {
  constructor(
    private readonly limiter: RateLimitService,
    @Inject(ENGAGEMENT_LIMITS) private readonly limits: EngagementLimits,
  ) {}

  consume(kind: keyof EngagementLimits, personId: string): Promise<void> {
    return this.limiter.consume(`engagement:${kind}`, this.limits[kind], personId);
  }
}
