import {
  Column,
  CreateDateColumn,
  Entity,
  JoinColumn,
  ManyToOne,
  PrimaryColumn,
  type Relation,
} from 'typeorm';
import { PersonEntity } from './person.entity';

/**
 * An instance administrator (a platform role, not tied to an event): creates events, appoints their organisers and
 * may act on every event. Granted from `ADMIN_EMAILS` at api start or with `npm run admin -- grant <email>`.
 */
@Entity({ name: 'platform_admins' })
export class PlatformAdminEntity {
  @PrimaryColumn({ name: 'person_id', type: 'uuid' })
  personId!: string;

  @CreateDateColumn({ name: 'granted_at', type: 'timestamptz' })
  grantedAt!: Date;

  /** Who granted it; null when it came from the configuration or the command line. */
  @Column({ name: 'granted_by', type: 'uuid', nullable: true })
  grantedBy!: string | null;

  @ManyToOne(() => PersonEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'person_id' })
  person?: Relation<PersonEntity>;
}
