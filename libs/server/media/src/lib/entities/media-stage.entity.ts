import { SessionEntity } from '@plenary/server-programme';
import {
  Column,
  Entity,
  JoinColumn,
  OneToOne,
  PrimaryColumn,
  UpdateDateColumn,
  type Relation,
} from 'typeorm';

/** Stage state of a session beyond its programme state: the backstage and the running recording. */
@Entity({ name: 'media_stages' })
export class MediaStageEntity {
  @PrimaryColumn({ name: 'session_id', type: 'uuid' })
  sessionId!: string;

  /** When a moderator opened the backstage (speakers may join it from then on). */
  @Column({ name: 'backstage_opened_at', type: 'timestamptz', nullable: true })
  backstageOpenedAt!: Date | null;

  /** LiveKit egress id of the running room-composite recording. */
  @Column({ name: 'recording_egress_id', type: 'text', nullable: true })
  recordingEgressId!: string | null;

  @Column({ name: 'recording_started_at', type: 'timestamptz', nullable: true })
  recordingStartedAt!: Date | null;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;

  @OneToOne(() => SessionEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'session_id' })
  session?: Relation<SessionEntity>;
}
