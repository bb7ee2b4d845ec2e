import { MEDIA_ROOMS, type MediaRoom } from '@plenary/contracts';
import { SessionEntity } from '@plenary/server-programme';
import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, type Relation } from 'typeorm';

/**
 * One LiveKit connection of a person to a session's room (from `participant_joined` / `participant_left`
 * webhooks), keyed by LiveKit's participant sid. `left_at` null means still connected. The person id has no
 * foreign key: after erasure the interval stays, pseudonymous, for attendance aggregates.
 */
@Entity({ name: 'media_presence' })
@Index('idx_media_presence_session_person', ['sessionId', 'personId'])
export class MediaPresenceEntity {
  @PrimaryColumn({ name: 'participant_sid', type: 'text' })
  participantSid!: string;

  @Column({ name: 'session_id', type: 'uuid' })
  sessionId!: string;

  @Column({ name: 'person_id', type: 'uuid' })
  personId!: string;

  @Column({ type: 'enum', enum: MEDIA_ROOMS, enumName: 'media_room' })
  room!: MediaRoom;

  @Column({ name: 'joined_at', type: 'timestamptz' })
  joinedAt!: Date;

  @Column({ name: 'left_at', type: 'timestamptz', nullable: true })
  leftAt!: Date | null;

  @ManyToOne(() => SessionEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'session_id' })
  session?: Relation<SessionEntity>;
}
