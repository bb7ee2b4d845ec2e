import { ROOM_VIDEO_MODES, type RoomVideoMode } from '@plenary/contracts';
import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryColumn,
  Unique,
  UpdateDateColumn,
  type Relation,
} from 'typeorm';
import { EventEntity } from './event.entity';

/** A room or stage of an event (Plenary hall, Breakout A…). */
@Entity({ name: 'rooms' })
@Unique('uq_rooms_event_name', ['eventId', 'name'])
@Index('idx_rooms_event', ['eventId', 'sortOrder'])
@Check('chk_rooms_external_url', `"video_mode" <> 'external' OR "external_stream_url" IS NOT NULL`)
export class RoomEntity {
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  @Column({ name: 'event_id', type: 'uuid' })
  eventId!: string;

  @ManyToOne(() => EventEntity, (event) => event.rooms, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'event_id' })
  event?: Relation<EventEntity>;

  @Column({ type: 'text' })
  name!: string;

  /** In-person seats; null: not limited or not known. */
  @Column({ type: 'integer', nullable: true })
  capacity!: number | null;

  @Column({
    name: 'video_mode',
    type: 'enum',
    enum: ROOM_VIDEO_MODES,
    enumName: 'room_video_mode',
    default: 'livekit',
  })
  videoMode!: RoomVideoMode;

  /** https only; required for `external`. */
  @Column({ name: 'external_stream_url', type: 'text', nullable: true })
  externalStreamUrl!: string | null;

  @Column({ name: 'sort_order', type: 'integer', default: 0 })
  sortOrder!: number;

  @Column({ type: 'integer', default: 1 })
  version!: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
