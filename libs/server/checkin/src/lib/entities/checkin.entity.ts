import {
  CHECKIN_VERDICTS,
  INVALID_REASONS,
  SCAN_METHODS,
  SCAN_MODES,
  type CheckinVerdict,
  type InvalidReason,
  type ScanMethod,
  type ScanMode,
} from '@plenary/contracts';
import { RegistrationEntity, TicketEntity } from '@plenary/server-access';
import { EventEntity } from '@plenary/server-programme';
import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, Unique, type Relation } from 'typeorm';
import { CheckinDeviceEntity } from './checkin-device.entity';

/**
 * One scan at a door, whatever its verdict: online or uploaded from an offline queue. `(device_id, nonce)` is
 * unique, so a retried upload records nothing twice; the partial unique index `uq_checkins_admission` lets one
 * registration be admitted at most once per event day (an undone admission no longer counts). See ADR 0011.
 */
@Entity({ name: 'checkins' })
@Unique('uq_checkins_device_nonce', ['deviceId', 'nonce'])
@Index('uq_checkins_admission', ['registrationId', 'day'], {
  unique: true,
  where: `"verdict" = 'admitted' AND "undone_at" IS NULL`,
})
@Index('idx_checkins_registration', ['registrationId'])
@Index('idx_checkins_event_received', ['eventId', 'receivedAt'])
export class CheckinEntity {
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  @Column({ name: 'event_id', type: 'uuid' })
  eventId!: string;

  @Column({ name: 'device_id', type: 'uuid' })
  deviceId!: string;

  /** Client-generated id of the scan. */
  @Column({ type: 'uuid' })
  nonce!: string;

  @Column({ type: 'text' })
  gate!: string;

  @Column({ type: 'enum', enum: SCAN_MODES, enumName: 'checkin_mode' })
  mode!: ScanMode;

  @Column({ type: 'enum', enum: SCAN_METHODS, enumName: 'checkin_method' })
  method!: ScanMethod;

  @Column({ type: 'enum', enum: CHECKIN_VERDICTS, enumName: 'checkin_verdict' })
  verdict!: CheckinVerdict;

  @Column({ type: 'enum', enum: INVALID_REASONS, enumName: 'checkin_invalid_reason', nullable: true })
  reason!: InvalidReason | null;

  /** Offline scans: what the device showed. */
  @Column({
    name: 'local_verdict',
    type: 'enum',
    enum: CHECKIN_VERDICTS,
    enumName: 'checkin_verdict',
    nullable: true,
  })
  localVerdict!: CheckinVerdict | null;

  @Column({ name: 'ticket_id', type: 'uuid', nullable: true })
  ticketId!: string | null;

  @Column({ name: 'registration_id', type: 'uuid', nullable: true })
  registrationId!: string | null;

  /** No foreign key: erasure leaves the row pseudonymous for attendance counts. */
  @Column({ name: 'person_id', type: 'uuid', nullable: true })
  personId!: string | null;

  /** Device clock. */
  @Column({ name: 'scanned_at', type: 'timestamptz' })
  scannedAt!: Date;

  /** Server clock when the scan reached the api. */
  @Column({ name: 'received_at', type: 'timestamptz' })
  receivedAt!: Date;

  /** When the scan counts as having happened: `received_at` online, `least(scanned_at, received_at)` offline. */
  @Column({ name: 'occurred_at', type: 'timestamptz' })
  occurredAt!: Date;

  /** Event day (event time zone) of `occurred_at`. */
  @Column({ type: 'date' })
  day!: string;

  /** `already_checked_in`: the admission it collided with. */
  @Column({ name: 'first_checkin_id', type: 'uuid', nullable: true })
  firstCheckinId!: string | null;

  @Column({ name: 'undone_at', type: 'timestamptz', nullable: true })
  undoneAt!: Date | null;

  @Column({ name: 'undone_by', type: 'uuid', nullable: true })
  undoneBy!: string | null;

  @ManyToOne(() => EventEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'event_id' })
  event?: Relation<EventEntity>;

  @ManyToOne(() => CheckinDeviceEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'device_id' })
  device?: Relation<CheckinDeviceEntity>;

  @ManyToOne(() => TicketEntity, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'ticket_id' })
  ticket?: Relation<TicketEntity>;

  @ManyToOne(() => RegistrationEntity, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'registration_id' })
  registration?: Relation<RegistrationEntity>;
}
