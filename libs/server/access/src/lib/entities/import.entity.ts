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
import type { ImportStatus } from '@plenary/contracts';
import { EventEntity } from '@plenary/server-programme';
import { PersonEntity } from './person.entity';

/**
 * A CSV import processed in batches by a job. Each batch commits with the cursor (the last file line done) and the
 * counters, so a job resumed after a restart continues where the last commit left it, and nothing is done twice.
 */
@Entity({ name: 'imports' })
@Index('idx_imports_event', ['eventId', 'createdAt'])
@Check('chk_imports_status', `"status" IN ('queued', 'running', 'completed', 'failed')`)
export class ImportEntity {
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  @Column({ name: 'event_id', type: 'uuid' })
  eventId!: string;

  /** What is imported: `invitations` (email,name,role). */
  @Column({ type: 'text' })
  kind!: 'invitations';

  @Column({ name: 'file_name', type: 'text' })
  fileName!: string;

  @Column({ name: 'created_by', type: 'uuid', nullable: true })
  createdBy!: string | null;

  @Column({ type: 'text', default: 'queued' })
  status!: ImportStatus;

  @Column({ name: 'total_rows', type: 'integer' })
  totalRows!: number;

  /** The last file line processed (the header is line 1). */
  @Column({ name: 'cursor_line', type: 'integer', default: 1 })
  cursorLine!: number;

  @Column({ name: 'processed_rows', type: 'integer', default: 0 })
  processedRows!: number;

  /** Distinct addresses invited (each mailed once). */
  @Column({ type: 'integer', default: 0 })
  invited!: number;

  @Column({ name: 'people_created', type: 'integer', default: 0 })
  peopleCreated!: number;

  /** Rows whose address an earlier row of the file already had: merged into that one. */
  @Column({ type: 'integer', default: 0 })
  duplicates!: number;

  @Column({ name: 'error_rows', type: 'integer', default: 0 })
  errorRows!: number;

  /** Why a failed import stopped. */
  @Column({ type: 'text', nullable: true })
  failure!: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;

  @Column({ name: 'finished_at', type: 'timestamptz', nullable: true })
  finishedAt!: Date | null;

  @ManyToOne(() => EventEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'event_id' })
  event?: Relation<EventEntity>;

  @ManyToOne(() => PersonEntity, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'created_by' })
  creator?: Relation<PersonEntity>;
}

/** A row of an uploaded file, as read (validated when its batch runs). Deleted when the import finishes. */
@Entity({ name: 'import_rows' })
export class ImportRowEntity {
  @PrimaryColumn({ name: 'import_id', type: 'uuid' })
  importId!: string;

  /** Line in the file where the record starts (the header is line 1). */
  @PrimaryColumn({ type: 'integer' })
  line!: number;

  @Column({ type: 'text' })
  email!: string;

  @Column({ type: 'text' })
  name!: string;

  @Column({ type: 'text' })
  role!: string;

  @ManyToOne(() => ImportEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'import_id' })
  import?: Relation<ImportEntity>;
}

/** Each address of an import once, with its first line and person: later rows with it are merged. Deleted at the end. */
@Entity({ name: 'import_addresses' })
export class ImportAddressEntity {
  @PrimaryColumn({ name: 'import_id', type: 'uuid' })
  importId!: string;

  @PrimaryColumn({ type: 'text' })
  email!: string;

  @Column({ name: 'first_line', type: 'integer' })
  firstLine!: number;

  @Column({ name: 'person_id', type: 'uuid' })
  personId!: string;

  @ManyToOne(() => ImportEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'import_id' })
  import?: Relation<ImportEntity>;
}

/** A row that could not be used (`error`) or was merged into an earlier one (`duplicate`). No addresses in here. */
@Entity({ name: 'import_issues' })
@Check('chk_import_issues_kind', `"kind" IN ('error', 'duplicate')`)
export class ImportIssueEntity {
  @PrimaryColumn({ name: 'import_id', type: 'uuid' })
  importId!: string;

  @PrimaryColumn({ type: 'integer' })
  line!: number;

  @Column({ type: 'text' })
  kind!: 'error' | 'duplicate';

  @Column({ type: 'text' })
  message!: string;

  @ManyToOne(() => ImportEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'import_id' })
  import?: Relation<ImportEntity>;
}
