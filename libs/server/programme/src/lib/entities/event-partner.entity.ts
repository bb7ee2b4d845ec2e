import { PARTNER_TIERS, type PartnerTier } from '@plenary/contracts';
import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, type Relation } from 'typeorm';
import { EventEntity } from './event.entity';

/** A supporter or partner on the event page; edited as an ordered list with the event. */
@Entity({ name: 'event_partners' })
@Index('idx_event_partners_event', ['eventId', 'sortOrder'])
export class EventPartnerEntity {
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  @Column({ name: 'event_id', type: 'uuid' })
  eventId!: string;

  @ManyToOne(() => EventEntity, (event) => event.partners, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'event_id' })
  event?: Relation<EventEntity>;

  @Column({ type: 'text' })
  name!: string;

  @Column({ type: 'text', nullable: true })
  url!: string | null;

  @Column({ name: 'logo_url', type: 'text', nullable: true })
  logoUrl!: string | null;

  @Column({ type: 'enum', enum: PARTNER_TIERS, enumName: 'partner_tier', default: 'supporter' })
  tier!: PartnerTier;

  @Column({ name: 'sort_order', type: 'integer', default: 0 })
  sortOrder!: number;
}
