import { EventEntity } from '@plenary/server-programme';
import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryColumn,
  type Relation,
} from 'typeorm';

/**
 * A phone or tablet a staff member registered for scanning at one event. Scans name it; only its owner may use
 * it, and an organiser's revocation (which also ends the session that registered it) refuses it from then on.
 * `person_id` has no foreign key: erasing the staff member leaves the device (and its scans) pseudonymous.
 */
@Entity({ name: 'checkin_devices' })
@Index('idx_checkin_devices_event_person', ['eventId', 'personId'])
export class CheckinDeviceEntity {
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  @Column({ name: 'event_id', type: 'uuid' })
  eventId!: string;

  @Column({ name: 'person_id', type: 'uuid' })
  personId!: string;

  /** The sign-in session that registered the device: revoking the device ends it. */
  @Column({ name: 'session_id', type: 'uuid', nullable: true })
  sessionId!: string | null;

  @Column({ type: 'text' })
  name!: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'last_seen_at', type: 'timestamptz' })
  lastSeenAt!: Date;

  @Column({ name: 'revoked_at', type: 'timestamptz', nullable: true })
  revokedAt!: Date | null;

  @Column({ name: 'revoked_by', type: 'uuid', nullable: true })
  revokedBy!: string | null;

  @ManyToOne(() => EventEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'event_id' })
  event?: Relation<EventEntity>;
}
