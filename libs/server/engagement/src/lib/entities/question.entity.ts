import {
  QUESTION_SOURCES,
  QUESTION_STATUSES,
  type QuestionSource,
  type QuestionStatus,
} from '@plenary/contracts';
import { SessionEntity } from '@plenary/server-programme';
import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryColumn,
  UpdateDateColumn,
  type Relation,
} from 'typeorm';

/**
 * A question asked in a session. The primary key is the id the client generated, so a retried ask is stored once.
 * The asker is an opaque person id (no foreign key): erasing the person leaves the question pseudonymous.
 */
@Entity({ name: 'questions' })
@Index('idx_questions_session_created', ['sessionId', 'createdAt'])
@Index('uq_questions_session_highlighted', ['sessionId'], { unique: true, where: '"highlighted"' })
@Check('chk_questions_highlighted_approved', `NOT "highlighted" OR "status" = 'approved'`)
export class QuestionEntity {
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  @Column({ name: 'session_id', type: 'uuid' })
  sessionId!: string;

  /** Who asked; null for questions a moderator entered from the floor or the room. */
  @Column({ name: 'person_id', type: 'uuid', nullable: true })
  personId!: string | null;

  /** The moderator who entered a floor or room question. */
  @Column({ name: 'entered_by', type: 'uuid', nullable: true })
  enteredBy!: string | null;

  /** As typed (cleaned of control characters), never HTML. */
  @Column({ type: 'text' })
  text!: string;

  @Column({ type: 'boolean', default: false })
  anonymous!: boolean;

  @Column({ type: 'enum', enum: QUESTION_SOURCES, enumName: 'question_source' })
  source!: QuestionSource;

  @Column({ type: 'enum', enum: QUESTION_STATUSES, enumName: 'question_status' })
  status!: QuestionStatus;

  /** The one being answered now: at most one per session (partial unique index). */
  @Column({ type: 'boolean', default: false })
  highlighted!: boolean;

  @Column({ name: 'edited_by_moderator', type: 'boolean', default: false })
  editedByModerator!: boolean;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;

  @ManyToOne(() => SessionEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'session_id' })
  session?: Relation<SessionEntity>;
}
