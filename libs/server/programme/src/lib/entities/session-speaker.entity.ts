import { SPEAKER_ROLES, type SpeakerRole } from '@plenary/contracts';
import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, type Relation } from 'typeorm';
import { SessionEntity } from './session.entity';
import { SpeakerEntity } from './speaker.entity';

@Entity({ name: 'session_speakers' })
@Index('idx_session_speakers_speaker', ['speakerId'])
export class SessionSpeakerEntity {
  @PrimaryColumn({ name: 'session_id', type: 'uuid' })
  sessionId!: string;

  @PrimaryColumn({ name: 'speaker_id', type: 'uuid' })
  speakerId!: string;

  @ManyToOne(() => SessionEntity, (session) => session.speakers, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'session_id' })
  session?: Relation<SessionEntity>;

  @ManyToOne(() => SpeakerEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'speaker_id' })
  speaker?: Relation<SpeakerEntity>;

  @Column({ type: 'enum', enum: SPEAKER_ROLES, enumName: 'speaker_role' })
  role!: SpeakerRole;

  @Column({ name: 'sort_order', type: 'integer', default: 0 })
  sortOrder!: number;
}
