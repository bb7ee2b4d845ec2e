import { Controller, Get, Header, Inject, Req } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { timingSafeEqual } from 'node:crypto';
import type { AppConfig } from '../config/config.schema';
import { APP_CONFIG } from '../config/config.tokens';
import { CoreException } from '../errors/core.exception';
import { MetricsService } from './metrics.service';

function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

@Controller()
export class MetricsController {
  constructor(
    private readonly metrics: MetricsService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Prometheus exposition (cluster-wide under API_WORKERS > 1); behind a bearer token when `METRICS_TOKEN` is set. */
  @Get('metrics')
  @Header('content-type', 'text/plain; version=0.0.4; charset=utf-8')
  async scrape(@Req() request: FastifyRequest): Promise<string> {
    const token = this.config.METRICS_TOKEN;
    if (token && !sameSecret(request.headers.authorization ?? '', `Bearer ${token}`)) {
      throw new CoreException('core/unauthenticated', 'A metrics token is required.');
    }
    return this.metrics.exposition();
  }
}
