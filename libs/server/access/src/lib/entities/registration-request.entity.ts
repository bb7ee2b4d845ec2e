import type { RegistrationRequest } from '@plenary/contracts';
import { EventEntity } from '@plenary/server-programme';
import {
  Column,
  CreateDateColumn,
  Entity,
  JoinColumn,
  ManyToOne,
  PrimaryColumn,
  type Relation,
} from 'typeorm';

/**
 * A public registration form as received, before it is applied. The public endpoint only stores it and answers, so
 * the answer and its timing are the same whether the address is new or already registered (ADR 0016); the row is
 * applied right after the answer (or at the next api start) and deleted in the same transaction.
 */
@Entity({ name: 'registration_requests' })
export class RegistrationRequestEntity {
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  @Column({ name: 'event_id', type: 'uuid' })
  eventId!: string;

  @Column({ type: 'jsonb' })
  payload!: RegistrationRequest;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @ManyToOne(() => EventEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'event_id' })
  event?: Relation<EventEntity>;
}
