import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * Tombstone of a deleted registration (erasure, retention purge), written by a trigger on `registrations`, so an
 * incremental snapshot tells offline devices to forget it. Holds opaque ids only.
 */
@Entity({ name: 'checkin_removals' })
@Index('idx_checkin_removals_event', ['eventId', 'removedAt'])
export class CheckinRemovalEntity {
  @PrimaryColumn({ name: 'registration_id', type: 'uuid' })
  registrationId!: string;

  @Column({ name: 'event_id', type: 'uuid' })
  eventId!: string;

  @Column({ name: 'removed_at', type: 'timestamptz', default: () => 'now()' })
  removedAt!: Date;
}
