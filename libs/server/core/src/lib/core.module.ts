import { Global, Module, type DynamicModule } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import type { Logger } from 'pino';
import type { AppConfig } from './config/config.schema';
import { APP_CONFIG, APP_NAME } from './config/config.tokens';
import { dataSourceOptions, type EntityList } from './database/data-source-options';
import { AllExceptionsFilter } from './errors/all-exceptions.filter';
import { FailureLog } from './errors/failure-log';
import { HealthController } from './health/health.controller';
import { AccessCaches } from './cache/access-cache';
import { DomainEventListener } from './domain-events/domain-event.listener';
import { ReadinessService } from './health/readiness.service';
import { LOGGER } from './logging/logger.token';
import { MetricsController } from './metrics/metrics.controller';
import { MetricsService } from './metrics/metrics.service';
import { MailOutboxEntity } from './mail/mail-outbox.entity';
import { JobsService } from './jobs/jobs.service';
import { MailService } from './mail/mail.service';
import { OutboxController } from './mail/outbox.controller';
import { RateLimitService } from './rate-limit/rate-limit.service';
import { REDIS_CLIENT, RedisShutdown, redisClientProvider } from './redis/redis.provider';
import { MediaController } from './storage/media.controller';
import { MEDIA_STORE } from './storage/media-store';
import { mediaStoreProvider } from './storage/media-store.provider';

/** Entities owned by the core library. */
export const CORE_ENTITIES = [MailOutboxEntity];

export interface CoreModuleOptions {
  app: 'api' | 'live';
  config: AppConfig;
  logger: Logger;
  entities: EntityList;
}

/**
 * Wires what every backend process needs: config, logger, PostgreSQL (TypeORM, migrations own the schema),
 * optional Redis, the job runner (api only runs jobs), the mail outbox, the error filter, /healthz, /readyz and /metrics, the media store (api: served at /api/media).
 */
@Global()
@Module({})
export class CoreModule {
  static forRoot(options: CoreModuleOptions): DynamicModule {
    const { config } = options;
    if (!config.DATABASE_URL)
      throw new Error('DATABASE_URL is required (npm start provides an embedded PostgreSQL)');
    return {
      module: CoreModule,
      imports: [
        TypeOrmModule.forRoot(
          dataSourceOptions(config.DATABASE_URL, options.entities, config.DATABASE_POOL_SIZE, {
            connectTimeoutMs: config.DATABASE_CONNECT_TIMEOUT_MS,
            statementTimeoutMs: config.DATABASE_STATEMENT_TIMEOUT_MS,
            readTimeoutMs:
              options.app === 'live' ? config.LIVE_DATABASE_READ_TIMEOUT_MS : config.DATABASE_READ_TIMEOUT_MS,
          }),
        ),
      ],
      controllers:
        options.app === 'api'
          ? [HealthController, MetricsController, OutboxController, MediaController]
          : [HealthController, MetricsController],
      providers: [
        { provide: APP_CONFIG, useValue: config },
        { provide: APP_NAME, useValue: options.app },
        { provide: LOGGER, useValue: options.logger },
        { provide: FailureLog, useFactory: () => new FailureLog(options.logger) },
        { provide: APP_FILTER, useClass: AllExceptionsFilter },
        redisClientProvider(config, options.logger),
        mediaStoreProvider(config),
        RedisShutdown,
        MetricsService,
        ReadinessService,
        RateLimitService,
        JobsService,
        MailService,
        DomainEventListener,
        AccessCaches,
      ],
      exports: [
        APP_CONFIG,
        APP_NAME,
        LOGGER,
        FailureLog,
        REDIS_CLIENT,
        MEDIA_STORE,
        MetricsService,
        ReadinessService,
        RateLimitService,
        JobsService,
        MailService,
        DomainEventListener,
        AccessCaches,
      ],
    };
  }
}
