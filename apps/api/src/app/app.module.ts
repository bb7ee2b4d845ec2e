import { Module, type DynamicModule } from '@nestjs/common';
import { CoreModule, type AppConfig } from '@plenary/server-core';
import { AccessModule } from '@plenary/server-access';
import { CheckinModule } from '@plenary/server-checkin';
import {
  EngagementExportModule,
  EngagementSessionActivity,
  EngagementSessionClosing,
  PresenceReadModule,
  PresenceReader,
} from '@plenary/server-engagement';
import {
  MediaAttendanceService,
  MediaModule,
  MediaSessionActivity,
  MediaSessionClosing,
} from '@plenary/server-media';
import { OrganisingModule } from '@plenary/server-organising';
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
        // Event administration, the programme editor and the public programme (ADR 0017). A session with
        // questions, polls or attendance is cancelled, not deleted: engagement and media say whether it has any.
        OrganisingModule.register({
          imports: [EngagementExportModule, MediaModule],
          sessionActivity: [EngagementSessionActivity, MediaSessionActivity],
          // A cancelled session closes its polls and Q&A, then its stage (issue #12): engagement's lock first.
          sessionCancellation: [EngagementSessionClosing, MediaSessionClosing],
        }),
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
