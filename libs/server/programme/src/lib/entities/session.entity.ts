import {
  SESSION_KINDS,
  SESSION_STATES,
  SESSION_VISIBILITIES,
  type SessionKind,
  type SessionState,
  type SessionVisibility,
} from '@plenary/contracts';
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
import { RoomEntity } from './room.entity';
import { SessionSpeakerEntity } from './session-speaker.entity';

@Entity({ name: 'sessions' })
@Index('idx_sessions_event_starts', ['eventId', 'startsAt'])
@Index('idx_sessions_room', ['roomId'])
@Index('uq_sessions_event_external_id', ['eventId', 'externalId'], {
  unique: true,
  where: '"external_id" IS NOT NULL',
})
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

  /** Markdown source. */
  @Column({ type: 'text', nullable: true })
  abstract!: string | null;

  @Column({ name: 'starts_at', type: 'timestamptz' })
  startsAt!: Date;

  @Column({ name: 'ends_at', type: 'timestamptz' })
  endsAt!: Date;

  @Column({ name: 'room_id', type: 'uuid', nullable: true })
  roomId!: string | null;

  @ManyToOne(() => RoomEntity, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'room_id' })
  room?: Relation<RoomEntity> | null;

  @Column({ type: 'enum', enum: SESSION_STATES, enumName: 'session_state', default: 'scheduled' })
  state!: SessionState;

  /**
   * Confidential sessions (e.g. under the Chatham House rule): askers' names are hidden from everyone, moderators and
   * exports included, and the video is never recorded. Moderators switch it in the Q&A settings.
   */
  @Column({ type: 'boolean', default: false })
  confidential!: boolean;

  @Column({
    type: 'enum',
    enum: SESSION_VISIBILITIES,
    enumName: 'session_visibility',
    default: 'public',
  })
  visibility!: SessionVisibility;

  /** A cancelled session stays listed, marked as cancelled. */
  @Column({ type: 'boolean', default: false })
  cancelled!: boolean;

  @Column({ name: 'qa_enabled', type: 'boolean', default: true })
  qaEnabled!: boolean;

  @Column({ name: 'polls_enabled', type: 'boolean', default: true })
  pollsEnabled!: boolean;

  /**
   * What a published session's time and room were before it was moved (issue #12's "changed" badge): set by the
   * writer at the first move of a published event's session, kept through further moves (the change shows what
   * people knew), cleared when the session is moved back. `changed_at` is the latest move.
   */
  @Column({ name: 'previous_starts_at', type: 'timestamptz', nullable: true })
  previousStartsAt!: Date | null;

  @Column({ name: 'previous_room_id', type: 'uuid', nullable: true })
  previousRoomId!: string | null;

  @ManyToOne(() => RoomEntity, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'previous_room_id' })
  previousRoom?: Relation<RoomEntity> | null;

  @Column({ name: 'changed_at', type: 'timestamptz', nullable: true })
  changedAt!: Date | null;

  /** Key of an imported schedule; unique per event. */
  @Column({ name: 'external_id', type: 'text', nullable: true })
  externalId!: string | null;

  /**
   * iCalendar `SEQUENCE`: goes up when a change calendar apps must show happens (time, room, title, cancellation);
   * bumped by `ProgrammeWriter` only.
   */
  @Column({ name: 'ical_sequence', type: 'integer', default: 0 })
  icalSequence!: number;

  /** Optimistic concurrency of the editor (`ETag` / `If-Match`). */
  @Column({ type: 'integer', default: 1 })
  version!: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;

  @OneToMany(() => SessionSpeakerEntity, (link) => link.session)
  speakers?: Relation<SessionSpeakerEntity[]>;
}
