import {
  Column,
  CreateDateColumn,
  Entity,
  JoinColumn,
  ManyToOne,
  PrimaryColumn,
  UpdateDateColumn,
  type Relation,
} from 'typeorm';
import { PollEntity } from './poll.entity';

/** A person's ballot in a poll: one per person per poll, enforced by the primary key. Tallies count these rows. */
@Entity({ name: 'poll_ballots' })
export class PollBallotEntity {
  @PrimaryColumn({ name: 'poll_id', type: 'uuid' })
  pollId!: string;

  @PrimaryColumn({ name: 'person_id', type: 'uuid' })
  personId!: string;

  /** The chosen option ids (one for a single-choice poll). */
  @Column({ name: 'option_ids', type: 'text', array: true })
  optionIds!: string[];

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;

  @ManyToOne(() => PollEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'poll_id' })
  poll?: Relation<PollEntity>;
}
