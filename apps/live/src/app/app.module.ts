import { Module, type DynamicModule } from '@nestjs/common';
import { ACCESS_ENTITIES, SessionService } from '@plenary/server-access';
import { CORE_ENTITIES, CoreModule, type AppConfig } from '@plenary/server-core';
import { PROGRAMME_ENTITIES } from '@plenary/server-programme';
import type { Logger } from 'pino';
import { HandshakeAuth } from './handshake-auth';
import { SystemGateway } from './system.gateway';

@Module({})
export class AppModule {
  static register(config: AppConfig, logger: Logger): DynamicModule {
    return {
      module: AppModule,
      imports: [
        CoreModule.forRoot({
          app: 'live',
          config,
          logger,
          entities: [...CORE_ENTITIES, ...PROGRAMME_ENTITIES, ...ACCESS_ENTITIES],
        }),
      ],
      providers: [SessionService, HandshakeAuth, SystemGateway],
    };
  }
}
