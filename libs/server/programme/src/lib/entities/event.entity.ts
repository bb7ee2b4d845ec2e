import { EVENT_FORMATS, EVENT_STATUSES, type EventFormat, type EventStatus } from '@plenary/contracts';
import {
  Column,
  CreateDateColumn,
  Entity,
  OneToMany,
  PrimaryColumn,
  UpdateDateColumn,
  type Relation,
} from 'typeorm';
import { EventBlockEntity } from './event-block.entity';
import { EventPartnerEntity } from './event-partner.entity';
import { RoomEntity } from './room.entity';
import { SessionEntity } from './session.entity';
import { SpeakerEntity } from './speaker.entity';

@Entity({ name: 'events' })
export class EventEntity {
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  @Column({ type: 'varchar', length: 64, unique: true })
  slug!: string;

  /**
   * Drafts are seen by the event's organisers and instance administrators only. The editor creates events as drafts
   * explicitly; the column's default is `published` because every event before this column existed was public.
   */
  @Column({ type: 'enum', enum: EVENT_STATUSES, enumName: 'event_status', default: 'published' })
  status!: EventStatus;

  @Column({ type: 'text' })
  name!: string;

  @Column({ name: 'short_name', type: 'text', nullable: true })
  shortName!: string | null;

  @Column({ type: 'text', nullable: true })
  tagline!: string | null;

  /** Markdown source. */
  @Column({ type: 'text', nullable: true })
  description!: string | null;

  /** IANA zone; sessions' wall-clock times are entered and shown in it. */
  @Column({ name: 'time_zone', type: 'text' })
  timeZone!: string;

  @Column({ name: 'start_date', type: 'date' })
  startDate!: string;

  @Column({ name: 'end_date', type: 'date' })
  endDate!: string;

  @Column({ type: 'enum', enum: EVENT_FORMATS, enumName: 'event_format', default: 'hybrid' })
  format!: EventFormat;

  @Column({ name: 'venue_name', type: 'text' })
  venueName!: string;

  @Column({ name: 'venue_address', type: 'text', nullable: true })
  venueAddress!: string | null;

  @Column({ name: 'venue_city', type: 'text' })
  venueCity!: string;

  @Column({ name: 'venue_country', type: 'text' })
  venueCountry!: string;

  /** BCP 47 tags, at least one; the first is the default. */
  @Column({ type: 'text', array: true, default: () => "'{en}'" })
  languages!: string[];

  @Column({ name: 'organiser_name', type: 'text' })
  organiserName!: string;

  @Column({ name: 'organiser_url', type: 'text', nullable: true })
  organiserUrl!: string | null;

  @Column({ name: 'logo_url', type: 'text', nullable: true })
  logoUrl!: string | null;

  @Column({ name: 'accent_color', type: 'varchar', length: 7, nullable: true })
  accentColor!: string | null;

  @Column({ name: 'contact_email', type: 'text', nullable: true })
  contactEmail!: string | null;

  @Column({ name: 'contact_address', type: 'text', nullable: true })
  contactAddress!: string | null;

  /** Optimistic concurrency of the event's own fields (`ETag` / `If-Match`). */
  @Column({ type: 'integer', default: 1 })
  version!: number;

  /**
   * Bumped in the same transaction by every write to the event or anything of its programme (sessions, speakers,
   * rooms, a session's live state): the event page's `ETag` and the key of its rendered cache.
   */
  @Column({ name: 'programme_version', type: 'integer', default: 1 })
  programmeVersion!: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;

  @OneToMany(() => SessionEntity, (session) => session.event)
  sessions?: Relation<SessionEntity[]>;

  @OneToMany(() => SpeakerEntity, (speaker) => speaker.event)
  speakers?: Relation<SpeakerEntity[]>;

  @OneToMany(() => RoomEntity, (room) => room.event)
  rooms?: Relation<RoomEntity[]>;

  @OneToMany(() => EventPartnerEntity, (partner) => partner.event)
  partners?: Relation<EventPartnerEntity[]>;

  @OneToMany(() => EventBlockEntity, (block) => block.event)
  blocks?: Relation<EventBlockEntity[]>;
}
