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
 * The private calendar feed of one person's agenda for one event: calendar apps subscribe to
 * `/api/calendar/agenda/<token>.ics`. Only the SHA-256 of the token is kept; creating a new one replaces the row, so
 * the old address stops working, and deleting it turns the feed off.
 */
@Entity({ name: 'agenda_feeds' })
@Index('uq_agenda_feeds_token_hash', ['tokenHash'], { unique: true })
export class AgendaFeedEntity {
  @PrimaryColumn({ name: 'person_id', type: 'uuid' })
  personId!: string;

  @PrimaryColumn({ name: 'event_id', type: 'uuid' })
  eventId!: string;

  @Column({ name: 'token_hash', type: 'bytea' })
  tokenHash!: Buffer;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @ManyToOne(() => PersonEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'person_id' })
  person?: Relation<PersonEntity>;

  @ManyToOne(() => EventEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'event_id' })
  event?: Relation<EventEntity>;
}
