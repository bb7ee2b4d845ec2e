import { SESSION_KINDS, SESSION_STATES, type SessionKind, type SessionState } from '@plenary/contracts';
import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  OneToMany,
  PrimaryColumn,
  UpdateDateColumn,
  type Relation,
} from 'typeorm';
import { EventEntity } from './event.entity';
import { SessionSpeakerEntity } from './session-speaker.entity';

@Entity({ name: 'sessions' })
@Index('idx_sessions_event_starts', ['eventId', 'startsAt'])
@Check('chk_sessions_time_order', '"ends_at" > "starts_at"')
export class SessionEntity {
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  @Column({ name: 'event_id', type: 'uuid' })
  eventId!: string;

  @ManyToOne(() => EventEntity, (event) => event.sessions, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'event_id' })
  event?: Relation<EventEntity>;

  @Column({ type: 'enum', enum: SESSION_KINDS, enumName: 'session_kind' })
  kind!: SessionKind;

  @Column({ type: 'text' })
  title!: string;

  @Column({ type: 'text', nullable: true })
  abstract!: string | null;

  @Column({ name: 'starts_at', type: 'timestamptz' })
  startsAt!: Date;

  @Column({ name: 'ends_at', type: 'timestamptz' })
  endsAt!: Date;

  @Column({ type: 'text', nullable: true })
  room!: string | null;

  @Column({ type: 'enum', enum: SESSION_STATES, enumName: 'session_state', default: 'scheduled' })
  state!: SessionState;

  /**
   * Confidential sessions (e.g. under the Chatham House rule): askers' names are hidden from everyone, moderators and
   * exports included, and the video is never recorded. Moderators switch it in the Q&A settings.
   */
  @Column({ type: 'boolean', default: false })
  confidential!: boolean;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;

  @OneToMany(() => SessionSpeakerEntity, (link) => link.session)
  speakers?: Relation<SessionSpeakerEntity[]>;
}
