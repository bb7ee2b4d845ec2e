import { Module, type DynamicModule } from '@nestjs/common';
import { CoreModule, type AppConfig } from '@plenary/server-core';
import { PROGRAMME_ENTITIES } from '@plenary/server-programme';
import type { Logger } from 'pino';
import { SystemGateway } from './system.gateway';

@Module({})
export class AppModule {
  static register(config: AppConfig, logger: Logger): DynamicModule {
    return {
      module: AppModule,
      imports: [CoreModule.forRoot({ app: 'live', config, logger, entities: [...PROGRAMME_ENTITIES] })],
      providers: [SystemGateway],
    };
  }
}
