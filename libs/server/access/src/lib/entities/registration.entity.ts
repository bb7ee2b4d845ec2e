import {
  ATTENDANCE_MODES,
  REGISTRATION_STATUSES,
  type Attendance,
  type RegistrationStatus,
} from '@plenary/contracts';
import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryColumn,
  Unique,
  UpdateDateColumn,
  type Relation,
} from 'typeorm';
import { EventEntity } from '@plenary/server-programme';
import { PersonEntity } from './person.entity';

/** A person's registration for an event. One per person and event: registering again updates it. */
@Entity({ name: 'registrations' })
@Unique('uq_registrations_event_person', ['eventId', 'personId'])
@Index('idx_registrations_event_status', ['eventId', 'status', 'createdAt'])
export class RegistrationEntity {
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  @Column({ name: 'event_id', type: 'uuid' })
  eventId!: string;

  @Column({ name: 'person_id', type: 'uuid' })
  personId!: string;

  @Column({ type: 'text' })
  organisation!: string;

  @Column({ name: 'job_title', type: 'text' })
  jobTitle!: string;

  @Column({ type: 'varchar', length: 2 })
  country!: string;

  @Column({ type: 'enum', enum: ATTENDANCE_MODES, enumName: 'attendance_mode' })
  attendance!: Attendance;

  @Column({ type: 'enum', enum: REGISTRATION_STATUSES, enumName: 'registration_status', default: 'pending' })
  status!: RegistrationStatus;

  @Column({ name: 'accessibility_needs', type: 'text', nullable: true })
  accessibilityNeeds!: string | null;

  @Column({ name: 'privacy_accepted_at', type: 'timestamptz' })
  privacyAcceptedAt!: Date;

  @Column({ name: 'photo_recording_consent', type: 'boolean', default: false })
  photoRecordingConsent!: boolean;

  @Column({ name: 'decided_at', type: 'timestamptz', nullable: true })
  decidedAt!: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;

  @ManyToOne(() => PersonEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'person_id' })
  person?: Relation<PersonEntity>;

  @ManyToOne(() => EventEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'event_id' })
  event?: Relation<EventEntity>;
}
