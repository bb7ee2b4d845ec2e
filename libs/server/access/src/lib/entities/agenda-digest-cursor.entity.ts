import { EventEntity } from '@plenary/server-programme';
import { Column, Entity, JoinColumn, OneToOne, PrimaryColumn, type Relation } from 'typeorm';

/** How far an event's programme changes have been mailed as agenda digests (issue #12). */
@Entity({ name: 'agenda_digest_cursors' })
export class AgendaDigestCursorEntity {
  @PrimaryColumn({ name: 'event_id', type: 'uuid' })
  eventId!: string;

  /** Changes recorded up to this instant are in a digest already. */
  @Column({ name: 'changes_until', type: 'timestamptz' })
  changesUntil!: Date;

  @OneToOne(() => EventEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'event_id' })
  event?: Relation<EventEntity>;
}
