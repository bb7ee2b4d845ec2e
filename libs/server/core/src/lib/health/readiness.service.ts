import { Inject, Injectable, Optional } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { DomainEventListener } from '../domain-events/domain-event.listener';
import { REDIS_CLIENT, type RedisClient } from '../redis/redis.provider';

export interface ReadinessReport {
  status: 'ready' | 'not-ready';
  checks: Record<string, 'up' | 'down'>;
}

async function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Checks the dependencies a node needs to serve traffic: PostgreSQL, Redis when configured, and the domain-event
 * listener where the process started one (live nodes).
 */
@Injectable()
export class ReadinessService {
  constructor(
    private readonly dataSource: DataSource,
    @Optional() @Inject(REDIS_CLIENT) private readonly redis: RedisClient | null,
    @Optional() @Inject(DomainEventListener) private readonly domainEvents: DomainEventListener | null,
  ) {}

  async check(): Promise<ReadinessReport> {
    const checks: ReadinessReport['checks'] = {};
    checks['postgres'] = await withTimeout(this.dataSource.query('SELECT 1'), 2000).then(
      () => 'up' as const,
      () => 'down' as const,
    );
    if (this.redis) {
      const redis = this.redis;
      checks['redis'] = await withTimeout(redis.ping(), 2000).then(
        () => 'up' as const,
        () => 'down' as const,
      );
    }
    if (this.domainEvents?.requiredForReadiness) {
      checks['domain-events'] = this.domainEvents.listening ? 'up' : 'down';
    }
    const ready = Object.values(checks).every((state) => state === 'up');
    return { status: ready ? 'ready' : 'not-ready', checks };
  }
}
