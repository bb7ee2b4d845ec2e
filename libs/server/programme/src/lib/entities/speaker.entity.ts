import {
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
import { EventEntity } from './event.entity';

@Entity({ name: 'speakers' })
@Index('idx_speakers_event', ['eventId', 'sortOrder'])
@Index('uq_speakers_event_external_id', ['eventId', 'externalId'], {
  unique: true,
  where: '"external_id" IS NOT NULL',
})
export class SpeakerEntity {
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  @Column({ name: 'event_id', type: 'uuid' })
  eventId!: string;

  @ManyToOne(() => EventEntity, (event) => event.speakers, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'event_id' })
  event?: Relation<EventEntity>;

  @Column({ type: 'text' })
  name!: string;

  @Column({ type: 'text', nullable: true })
  honorific!: string | null;

  @Column({ type: 'text' })
  title!: string;

  @Column({ type: 'text', nullable: true })
  organisation!: string | null;

  @Column({ type: 'text', nullable: true })
  country!: string | null;

  /** Biography, Markdown source. */
  @Column({ type: 'text', nullable: true })
  bio!: string | null;

  /** An external image (imports). An uploaded photo, when there is one, is shown instead. */
  @Column({ name: 'photo_url', type: 'text', nullable: true })
  photoUrl!: string | null;

  /** The uploaded photo: its content hash, naming its sizes in the media store (`speakers/<photo>/<width>.webp`). */
  @Column({ type: 'text', nullable: true })
  photo!: string | null;

  @Column({ name: 'sort_order', type: 'integer', default: 0 })
  sortOrder!: number;

  /** Key of an imported schedule; unique per event. */
  @Column({ name: 'external_id', type: 'text', nullable: true })
  externalId!: string | null;

  /** Optimistic concurrency of the editor (`ETag` / `If-Match`). */
  @Column({ type: 'integer', default: 1 })
  version!: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
