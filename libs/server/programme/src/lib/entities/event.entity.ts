import { EVENT_FORMATS, type EventFormat } from '@plenary/contracts';
import {
  Column,
  CreateDateColumn,
  Entity,
  OneToMany,
  PrimaryColumn,
  UpdateDateColumn,
  type Relation,
} from 'typeorm';
import { SessionEntity } from './session.entity';
import { SpeakerEntity } from './speaker.entity';

@Entity({ name: 'events' })
export class EventEntity {
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  @Column({ type: 'varchar', length: 64, unique: true })
  slug!: string;

  @Column({ type: 'text' })
  name!: string;

  @Column({ type: 'text', nullable: true })
  tagline!: string | null;

  @Column({ type: 'text', nullable: true })
  description!: string | null;

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

  @Column({ name: 'venue_city', type: 'text' })
  venueCity!: string;

  @Column({ name: 'venue_country', type: 'text' })
  venueCountry!: string;

  @Column({ name: 'organiser_name', type: 'text' })
  organiserName!: string;

  @Column({ name: 'organiser_url', type: 'text', nullable: true })
  organiserUrl!: string | null;

  @Column({ name: 'contact_email', type: 'text', nullable: true })
  contactEmail!: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;

  @OneToMany(() => SessionEntity, (session) => session.event)
  sessions?: Relation<SessionEntity[]>;

  @OneToMany(() => SpeakerEntity, (speaker) => speaker.event)
  speakers?: Relation<SpeakerEntity[]>;
}
