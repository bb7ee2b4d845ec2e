import { Module } from '@nestjs/common';
import { AccessModule, AuditService } from '@plenary/server-access';
import { ProgrammeModule } from '@plenary/server-programme';
import { MediaAttendanceService } from './attendance/media-attendance.service';
import { MediaSessionActivity } from './attendance/media-session-activity';
import { MediaSessionClosing } from './stage/media-session-closing';
import { MediaIdentityService } from './identity/media-identity.service';
import { LiveKitGateway } from './livekit/livekit.gateway';
import {
  MediaBansController,
  MediaParticipantController,
  MediaWebhookController,
  StageModeratorController,
} from './media.controllers';
import { MediaPersonalData } from './attendance/media-personal-data';
import { MediaRepository } from './media.repository';
import { StageModerationService } from './stage/stage-moderation.service';
import { StageQueueService } from './stage/stage-queue.service';
import { StageService } from './stage/stage.service';
import { MediaTokenService } from './token/media-token.service';
import { MediaWebhookService } from './webhooks/media-webhook.service';
import { WebhookBodyParser } from './webhooks/webhook-body.parser';

/** Media context: LiveKit tokens, the session stage, moderation, recording, webhooks and media attendance. */
@Module({
  imports: [ProgrammeModule, AccessModule],
  controllers: [
    MediaParticipantController,
    StageModeratorController,
    MediaBansController,
    MediaWebhookController,
  ],
  providers: [
    MediaPersonalData,
    MediaRepository,
    MediaIdentityService,
    AuditService,
    LiveKitGateway,
    MediaTokenService,
    StageService,
    StageQueueService,
    StageModerationService,
    MediaWebhookService,
    MediaAttendanceService,
    MediaSessionActivity,
    MediaSessionClosing,
    WebhookBodyParser,
  ],
  exports: [
    MediaAttendanceService,
    MediaSessionActivity,
    MediaSessionClosing,
    StageService,
    StageQueueService,
    StageModerationService,
    MediaIdentityService,
  ],
})
export class MediaModule {}
