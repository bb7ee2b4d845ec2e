import { EventEntity } from './event.entity';
import { SessionSpeakerEntity } from './session-speaker.entity';
import { SessionEntity } from './session.entity';
import { SpeakerEntity } from './speaker.entity';

export { EventEntity, SessionEntity, SessionSpeakerEntity, SpeakerEntity };

/** Entities owned by the programme context. */
export const PROGRAMME_ENTITIES = [EventEntity, SessionEntity, SpeakerEntity, SessionSpeakerEntity];
