import { EventBlockEntity } from './event-block.entity';
import { EventPartnerEntity } from './event-partner.entity';
import { EventSlugRedirectEntity } from './event-slug-redirect.entity';
import { EventEntity } from './event.entity';
import { RoomEntity } from './room.entity';
import { SessionSpeakerEntity } from './session-speaker.entity';
import { SessionEntity } from './session.entity';
import { SpeakerEntity } from './speaker.entity';

export {
  EventBlockEntity,
  EventEntity,
  EventPartnerEntity,
  EventSlugRedirectEntity,
  RoomEntity,
  SessionEntity,
  SessionSpeakerEntity,
  SpeakerEntity,
};

/** Entities owned by the programme context. */
export const PROGRAMME_ENTITIES = [
  EventEntity,
  EventSlugRedirectEntity,
  EventPartnerEntity,
  EventBlockEntity,
  RoomEntity,
  SessionEntity,
  SpeakerEntity,
  SessionSpeakerEntity,
];
