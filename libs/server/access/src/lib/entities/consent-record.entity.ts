import { CONSENT_KINDS, CONSENT_SOURCES, type ConsentKind, type ConsentSource } from '@plenary/contracts';
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
import { PersonEntity } from './person.entity';

/**
 * The consent log: one row each time a consent is given or withdrawn, with who gave it and how. A registration's
 * `photo_recording_consent` is the current state; this is its history. `actor_id` is the signed-in person who made
 * the change — the person themselves, or an organiser — and null for the public form (an unverified address).
 */
@Entity({ name: 'consent_records' })
@Index('idx_consent_records_person', ['personId', 'createdAt'])
export class ConsentRecordEntity {
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  @Column({ name: 'person_id', type: 'uuid' })
  personId!: string;

  @Column({ name: 'event_id', type: 'uuid' })
  eventId!: string;

  @Column({ type: 'enum', enum: CONSENT_KINDS, enumName: 'consent_kind' })
  kind!: ConsentKind;

  @Column({ type: 'boolean' })
  granted!: boolean;

  @Column({ type: 'enum', enum: CONSENT_SOURCES, enumName: 'consent_source' })
  source!: ConsentSource;

  @Column({ name: 'actor_id', type: 'uuid', nullable: true })
  actorId!: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @ManyToOne(() => PersonEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'person_id' })
  person?: Relation<PersonEntity>;

  @ManyToOne(() => EventEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'event_id' })
  event?: Relation<EventEntity>;
}
