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
import { EventEntity } from './event.entity';

/** A slug an event had before: reads by it answer `308` to the event's current address. */
@Entity({ name: 'event_slug_redirects' })
@Index('idx_event_slug_redirects_event', ['eventId'])
export class EventSlugRedirectEntity {
  @PrimaryColumn({ type: 'varchar', length: 64 })
  slug!: string;

  @Column({ name: 'event_id', type: 'uuid' })
  eventId!: string;

  @ManyToOne(() => EventEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'event_id' })
  event?: Relation<EventEntity>;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
