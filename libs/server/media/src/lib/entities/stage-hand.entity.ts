import { HAND_STATUSES, type HandStatus } from '@plenary/contracts';
import { PersonEntity } from '@plenary/server-access';
import { SessionEntity } from '@plenary/server-programme';
import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, type Relation } from 'typeorm';

/** A raised hand in a session: raised → invited (by a moderator) → on_stage (accepted). Lowering deletes it. */
@Entity({ name: 'media_hands' })
@Index('idx_media_hands_queue', ['sessionId', 'raisedAt'])
@Index('idx_media_hands_person', ['personId'])
export class StageHandEntity {
  @PrimaryColumn({ name: 'session_id', type: 'uuid' })
  sessionId!: string;

  @PrimaryColumn({ name: 'person_id', type: 'uuid' })
  personId!: string;

  @Column({ type: 'enum', enum: HAND_STATUSES, enumName: 'media_hand_status', default: 'raised' })
  status!: HandStatus;

  @Column({ name: 'raised_at', type: 'timestamptz', default: () => 'now()' })
  raisedAt!: Date;

  @Column({ name: 'invited_at', type: 'timestamptz', nullable: true })
  invitedAt!: Date | null;

  @Column({ name: 'invited_by', type: 'uuid', nullable: true })
  invitedBy!: string | null;

  @Column({ name: 'accepted_at', type: 'timestamptz', nullable: true })
  acceptedAt!: Date | null;

  @ManyToOne(() => SessionEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'session_id' })
  session?: Relation<SessionEntity>;

  @ManyToOne(() => PersonEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'person_id' })
  person?: Relation<PersonEntity>;
}
