import { MediaBanEntity } from './media-ban.entity';
import { MediaPresenceEntity } from './media-presence.entity';
import { MediaStageEntity } from './media-stage.entity';
import { MediaWebhookEventEntity } from './media-webhook-event.entity';
import { StageHandEntity } from './stage-hand.entity';

export { MediaBanEntity, MediaPresenceEntity, MediaStageEntity, MediaWebhookEventEntity, StageHandEntity };

/** Entities owned by the media context. */
export const MEDIA_ENTITIES = [
  MediaStageEntity,
  StageHandEntity,
  MediaBanEntity,
  MediaWebhookEventEntity,
  MediaPresenceEntity,
];
