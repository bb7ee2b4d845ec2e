import {
  POLL_KINDS,
  POLL_STATES,
  RESULT_VISIBILITIES,
  type PollKind,
  type PollOption,
  type PollState,
  type ResultVisibility,
} from '@plenary/contracts';
import { SessionEntity } from '@plenary/server-programme';
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

/** A poll of a session, keyed by the id the client generated. Options never change once created. */
@Entity({ name: 'polls' })
@Index('idx_polls_session_created', ['sessionId', 'createdAt'])
export class PollEntity {
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  @Column({ name: 'session_id', type: 'uuid' })
  sessionId!: string;

  @Column({ type: 'text' })
  question!: string;

  @Column({ type: 'enum', enum: POLL_KINDS, enumName: 'poll_kind' })
  kind!: PollKind;

  /** `[{ id: 'o1', label }]`, in the order given. */
  @Column({ type: 'jsonb' })
  options!: PollOption[];

  @Column({ type: 'enum', enum: POLL_STATES, enumName: 'poll_state', default: 'draft' })
  state!: PollState;

  @Column({ type: 'enum', enum: RESULT_VISIBILITIES, enumName: 'poll_result_visibility', default: 'live' })
  visibility!: ResultVisibility;

  /** Whether a voter may change their ballot while the poll is open. */
  @Column({ name: 'allow_change', type: 'boolean', default: false })
  allowChange!: boolean;

  @Column({ name: 'created_by', type: 'uuid' })
  createdBy!: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'opened_at', type: 'timestamptz', nullable: true })
  openedAt!: Date | null;

  @Column({ name: 'closed_at', type: 'timestamptz', nullable: true })
  closedAt!: Date | null;

  @ManyToOne(() => SessionEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'session_id' })
  session?: Relation<SessionEntity>;
}
