import { QA_MODES, type QaMode } from '@plenary/contracts';
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

/**
 * Q&A settings of a session and its event sequence number. Every discrete change (question, poll, settings) bumps
 * `seq` in the transaction that makes it, so the number orders changes exactly as they committed.
 */
@Entity({ name: 'session_engagement' })
export class SessionEngagementEntity {
  @PrimaryColumn({ name: 'session_id', type: 'uuid' })
  sessionId!: string;

  @Column({ name: 'qa_mode', type: 'enum', enum: QA_MODES, enumName: 'qa_mode', default: 'pre_moderated' })
  qaMode!: QaMode;

  @Column({ name: 'anonymous_allowed', type: 'boolean', default: true })
  anonymousAllowed!: boolean;

  @Column({ type: 'bigint', default: 0 })
  seq!: string;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;

  @OneToOne(() => SessionEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'session_id' })
  session?: Relation<SessionEntity>;
}
