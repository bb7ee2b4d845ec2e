import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * A running live node, as far as online presence is concerned (ADR 0014). Each process takes a fresh id at start
 * and renews `expires_at` on every heartbeat; once it has passed, the node's open presence rows count as ended at
 * `seen_at` (its last heartbeat), whoever reads them.
 */
@Entity({ name: 'live_nodes' })
export class LiveNodeEntity {
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  @Column({ name: 'started_at', type: 'timestamptz' })
  startedAt!: Date;

  /** The last heartbeat. */
  @Column({ name: 'seen_at', type: 'timestamptz' })
  seenAt!: Date;

  /** The node counts as gone from then on unless it beats again. */
  @Column({ name: 'expires_at', type: 'timestamptz' })
  expiresAt!: Date;
}
