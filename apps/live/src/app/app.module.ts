import { Module, type DynamicModule } from '@nestjs/common';
import {
  ACCESS_ENTITIES,
  EventVisibilityService,
  PlatformAdminService,
  RoleService,
  SessionService,
} from '@plenary/server-access';
import { CHECKIN_ENTITIES } from '@plenary/server-checkin';
import { CORE_ENTITIES, CoreModule, type AppConfig } from '@plenary/server-core';
import {
  ENGAGEMENT_ENTITIES,
  EngagementModule,
  type EngagementModuleOptions,
} from '@plenary/server-engagement';
import { MEDIA_ENTITIES } from '@plenary/server-media';
import { PROGRAMME_ENTITIES, ProgrammeModule } from '@plenary/server-programme';
import type { Logger } from 'pino';
import { DomainEventsRelay } from './domain-events.relay';
import { EngagementGateway } from './engagement.gateway';
import { HandshakeAuth } from './handshake-auth';
import { ProgrammeUpdatesGateway } from './programme-updates.gateway';
import { SystemGateway } from './system.gateway';

/** Settings of the live service beyond the environment (tests and benchmarks). */
export interface LiveOptions {
  engagement?: EngagementModuleOptions;
}

@Module({})
export class AppModule {
  static register(config: AppConfig, logger: Logger, options: LiveOptions = {}): DynamicModule {
    return {
      module: AppModule,
      imports: [
        CoreModule.forRoot({
          app: 'live',
          config,
          logger,
          entities: [
            ...CORE_ENTITIES,
            ...PROGRAMME_ENTITIES,
            ...ACCESS_ENTITIES,
            ...MEDIA_ENTITIES,
            ...ENGAGEMENT_ENTITIES,
            ...CHECKIN_ENTITIES,
          ],
        }),
        EngagementModule.register({
          limitFactor: config.ENGAGEMENT_RATE_LIMIT_FACTOR,
          ...options.engagement,
        }),
        ProgrammeModule,
      ],
      providers: [
        SessionService,
        HandshakeAuth,
        SystemGateway,
        EngagementGateway,
        DomainEventsRelay,
        // Programme updates for open pages, visitors included (issue #12): the `/programme` namespace.
        RoleService,
        PlatformAdminService,
        EventVisibilityService,
        ProgrammeUpdatesGateway,
      ],
    };
  }
}
