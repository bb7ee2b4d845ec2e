import { APPROVAL_MODES, type ApprovalMode } from '@plenary/contracts';
import {
  Column,
  Entity,
  JoinColumn,
  ManyToOne,
  PrimaryColumn,
  UpdateDateColumn,
  type Relation,
} from 'typeorm';
import { EventEntity } from '@plenary/server-programme';

/** Registration settings of an event; a missing row means the defaults (approval by organisers, no capacity). */
@Entity({ name: 'event_settings' })
export class EventSettingsEntity {
  @PrimaryColumn({ name: 'event_id', type: 'uuid' })
  eventId!: string;

  @Column({
    name: 'approval_mode',
    type: 'enum',
    enum: APPROVAL_MODES,
    enumName: 'approval_mode',
    default: 'manual',
  })
  approvalMode!: ApprovalMode;

  @Column({ name: 'in_person_capacity', type: 'integer', nullable: true })
  inPersonCapacity!: number | null;

  /** Days after the event when personal data is purged; null means RETENTION_DAYS_AFTER_EVENT. */
  @Column({ name: 'retention_days', type: 'integer', nullable: true })
  retentionDays!: number | null;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;

  @ManyToOne(() => EventEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'event_id' })
  event?: Relation<EventEntity>;
}
