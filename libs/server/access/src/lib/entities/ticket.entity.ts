import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, type Relation } from 'typeorm';
import { EventEntity } from '@plenary/server-programme';
import { RegistrationEntity } from './registration.entity';

/** A ticket of an approved registration. Its QR payload is derived (signed) from the ids; revoking keeps the row. */
@Entity({ name: 'tickets' })
@Index('idx_tickets_registration', ['registrationId'])
@Index('uq_tickets_active_registration', ['registrationId'], { unique: true, where: '"revoked_at" IS NULL' })
@Index('idx_tickets_event_revoked', ['eventId', 'revokedAt'])
export class TicketEntity {
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  @Column({ name: 'event_id', type: 'uuid' })
  eventId!: string;

  @Column({ name: 'registration_id', type: 'uuid' })
  registrationId!: string;

  @Column({ name: 'issued_at', type: 'timestamptz' })
  issuedAt!: Date;

  @Column({ name: 'revoked_at', type: 'timestamptz', nullable: true })
  revokedAt!: Date | null;

  @ManyToOne(() => RegistrationEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'registration_id' })
  registration?: Relation<RegistrationEntity>;

  @ManyToOne(() => EventEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'event_id' })
  event?: Relation<EventEntity>;
}
