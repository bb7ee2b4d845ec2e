import { Module, type DynamicModule } from '@nestjs/common';
import { CoreModule, type AppConfig } from '@plenary/server-core';
import { AccessModule } from '@plenary/server-access';
import { CheckinModule } from '@plenary/server-checkin';
import { EngagementExportModule, PresenceReadModule, PresenceReader } from '@plenary/server-engagement';
import { MediaAttendanceService, MediaModule } from '@plenary/server-media';
import { ProgrammeModule } from '@plenary/server-programme';
import type { Logger } from 'pino';
import { API_ENTITIES } from './entities';
import { OpenApiController } from './openapi.controller';

@Module({})
export class AppModule {
  static register(config: AppConfig, logger: Logger): DynamicModule {
    return {
      module: AppModule,
      imports: [
        CoreModule.forRoot({ app: 'api', config, logger, entities: API_ENTITIES }),
        ProgrammeModule,
        AccessModule,
        MediaModule,
        EngagementExportModule,
        // Attendance from the door, the video (LiveKit webhooks) and the live nodes' socket presence (ADR 0014).
        CheckinModule.withSources({
          imports: [MediaModule, PresenceReadModule],
          media: MediaAttendanceService,
          presence: PresenceReader,
        }),
      ],
      controllers: [OpenApiController],
    };
  }
}
