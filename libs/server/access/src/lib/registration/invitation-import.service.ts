import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import {
  IMPORT_ISSUES_LISTED,
  IMPORT_MAX_BYTES,
  IMPORT_MAX_ROWS,
  invitationSchema,
  toValidationIssues,
  type DomainEvent,
  type ImportIssue,
  type ImportList,
  type ImportProgress,
  type ImportSummary,
  type Invitation,
  type Role,
} from '@plenary/contracts';
import {
  APP_CONFIG,
  CoreException,
  JobsService,
  LOGGER,
  MailService,
  publishDomainEvents,
  RateLimitService,
  type AppConfig,
  type RunningJob,
} from '@plenary/server-core';
import { EventEntity } from '@plenary/server-programme';
import { parse } from 'csv-parse';
import { randomUUID } from 'node:crypto';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Logger } from 'pino';
import { DataSource, type EntityManager } from 'typeorm';
import { AccessException } from '../access.exception';
import { ImportEntity } from '../entities';
import { invitationMail } from './invitation.service';

/** The import job's queue: one job (and at most one waiting) per import, keyed by the import id. */
export const INVITATION_IMPORT_QUEUE = 'access.invitation-import';
/** Rows per transaction: the cursor and the counters commit with them. */
const BATCH_ROWS = 1000;
/** A job works this long, then leaves a continuation, so that one import never holds a worker for hours. */
const SLICE_MS = 10_000;
/** Rows written per statement while a file is uploaded. */
const UPLOAD_CHUNK = 2000;

interface ImportJob {
  importId: string;
}

interface ParsedRecord {
  record: Record<string, string>;
  info: { lines: number };
}

interface StagedRow {
  line: number;
  email: string;
  name: string;
  role: string;
}

const iso = (value: Date | string): string => new Date(value).toISOString();

function toSummary(row: ImportEntity): ImportSummary {
  return {
    id: row.id,
    kind: row.kind,
    fileName: row.fileName,
    status: row.status,
    totalRows: row.totalRows,
    processedRows: row.processedRows,
    invited: row.invited,
    peopleCreated: row.peopleCreated,
    duplicates: row.duplicates,
    errorRows: row.errorRows,
    failure: row.failure,
    createdAt: iso(row.createdAt),
    finishedAt: row.finishedAt ? iso(row.finishedAt) : null,
  };
}

/**
 * Invitation imports of up to IMPORT_MAX_ROWS rows: the upload streams the CSV into `import_rows` (one transaction,
 * so a bad file leaves nothing) and queues a job; the job invites in batches of BATCH_ROWS, each one transaction
 * with the import's cursor and counters. Addresses repeated in a file are merged into their first row (one person,
 * one mail). After a restart the job continues from the last committed batch, so nobody is created or mailed twice.
 */
@Injectable()
export class InvitationImportService implements OnModuleInit {
  constructor(
    private readonly dataSource: DataSource,
    private readonly jobs: JobsService,
    private readonly mail: MailService,
    private readonly limits: RateLimitService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  onModuleInit(): void {
    this.jobs.define<ImportJob>({
      queue: INVITATION_IMPORT_QUEUE,
      policy: 'stately',
      retryLimit: 5,
      retryDelaySeconds: 5,
      retryBackoff: true,
      // A process that died mid-slice leaves its job active: after this it is failed and retried elsewhere.
      expireInSeconds: 120,
      handle: ([job], signal) => (job ? this.runJob(job, signal) : Promise.resolve()),
    });
  }

  /**
   * Reads an `email,name,role` CSV from `body` (header required; role defaults to attendee) into a new import and
   * queues its job, all in one transaction. Refuses a file that is not CSV, lacks the columns, is empty or too big.
   */
  async upload(
    event: EventEntity,
    body: Readable,
    fileName: string,
    actorId: string,
    declaredBytes?: number,
  ): Promise<ImportProgress> {
    if (declaredBytes !== undefined && declaredBytes > IMPORT_MAX_BYTES) {
      body.resume();
      throw tooLarge();
    }
    await this.limits.consume('import-upload', { points: 30, seconds: 3600 }, actorId);
    const importId = randomUUID();
    let bytes = 0;
    const counter = new Transform({
      transform(chunk: Buffer, _encoding, done) {
        bytes += chunk.length;
        done(bytes > IMPORT_MAX_BYTES ? tooLarge() : null, chunk);
      },
    });
    let header: string[] = [];
    const parser = parse({
      columns: (columns: string[]) => (header = columns.map((h) => h.trim().toLowerCase())),
      skip_empty_lines: true,
      trim: true,
      bom: true,
      max_record_size: 4096,
      info: true,
    });
    const total = await this.dataSource.transaction(async (manager) => {
      await manager.insert(ImportEntity, {
        id: importId,
        eventId: event.id,
        kind: 'invitations',
        fileName,
        createdBy: actorId,
        status: 'queued',
        totalRows: 0,
      });
      let rows = 0;
      let chunk: StagedRow[] = [];
      try {
        // Nothing is read before this point: the file streams through the counter and the parser into the table.
        await pipeline(body, counter, parser, async (records: AsyncIterable<ParsedRecord>) => {
          for await (const { record, info } of records) {
            if (rows === 0 && (!header.includes('email') || !header.includes('name'))) throw headerError();
            rows += 1;
            if (rows > IMPORT_MAX_ROWS)
              throw new CoreException(
                'core/validation-failed',
                `Import at most ${IMPORT_MAX_ROWS.toLocaleString('en')} rows at a time.`,
                [{ path: 'csv', message: 'too many rows' }],
              );
            chunk.push({
              line: info.lines,
              email: record['email'] ?? '',
              name: record['name'] ?? '',
              role: record['role'] ?? '',
            });
            if (chunk.length >= UPLOAD_CHUNK) {
              await stage(manager, importId, chunk);
              chunk = [];
            }
          }
        });
      } catch (error) {
        if (error instanceof CoreException) throw error;
        throw new CoreException('core/validation-failed', 'The file is not valid CSV.', [
          { path: 'csv', message: error instanceof Error ? error.message : 'unreadable' },
        ]);
      }
      if (rows === 0 && header.length > 0 && (!header.includes('email') || !header.includes('name')))
        throw headerError();
      if (rows === 0)
        throw new CoreException('core/validation-failed', 'The file has no rows.', [
          { path: 'csv', message: 'no rows' },
        ]);
      await stage(manager, importId, chunk);
      await manager.update(ImportEntity, importId, { totalRows: rows });
      await this.jobs.send<ImportJob>(
        INVITATION_IMPORT_QUEUE,
        { importId },
        { manager, singletonKey: importId },
      );
      return rows;
    });
    this.logger.info({ importId, rows: total }, 'invitation import queued');
    return this.progress(event, importId);
  }

  /** Progress of one import of the event, with its first IMPORT_ISSUES_LISTED issues. */
  async progress(event: EventEntity, importId: string): Promise<ImportProgress> {
    const row = await this.dataSource
      .getRepository(ImportEntity)
      .findOneBy({ id: importId, eventId: event.id });
    if (!row)
      throw new AccessException('registration/import-not-found', 'There is no such import for this event.');
    const issues = await this.dataSource.query<ImportIssue[]>(
      `SELECT line, kind, message FROM import_issues WHERE import_id = $1 ORDER BY line LIMIT $2`,
      [importId, IMPORT_ISSUES_LISTED + 1],
    );
    return {
      ...toSummary(row),
      issues: issues.slice(0, IMPORT_ISSUES_LISTED),
      issuesTruncated: issues.length > IMPORT_ISSUES_LISTED,
    };
  }

  /** The event's latest imports, newest first. */
  async list(event: EventEntity, limit = 20): Promise<ImportList> {
    const rows = await this.dataSource
      .getRepository(ImportEntity)
      .find({ where: { eventId: event.id }, order: { createdAt: 'DESC' }, take: limit });
    return { imports: rows.map(toSummary) };
  }

  /** Processes batches for one slice; leaves a continuation unless the import is finished. */
  private async runJob(job: RunningJob<ImportJob>, signal: AbortSignal): Promise<void> {
    const { importId } = job.data;
    const started = Date.now();
    try {
      for (;;) {
        if (await this.processBatch(importId)) return;
        if (signal.aborted || Date.now() - started > SLICE_MS) break;
      }
    } catch (error) {
      if (job.retryCount >= job.retryLimit) await this.fail(importId, error);
      throw error;
    }
    // Stopping or slice over: the next batch runs in a new job, here or in another process.
    await this.jobs.send<ImportJob>(INVITATION_IMPORT_QUEUE, { importId }, { singletonKey: importId });
  }

  private async fail(importId: string, error: unknown): Promise<void> {
    this.logger.error(
      { importId, err: { message: error instanceof Error ? error.message : String(error) } },
      'invitation import failed',
    );
    await this.dataSource.query(
      `UPDATE imports SET status = 'failed', failure = $2, finished_at = now(), updated_at = now()
        WHERE id = $1 AND status IN ('queued', 'running')`,
      [importId, 'The import stopped after repeated errors. The rows done so far are kept.'],
    );
  }

  /** One batch in one transaction (import row locked). Resolves true when the import is finished. */
  private processBatch(importId: string): Promise<boolean> {
    return this.dataSource.transaction(async (manager) => {
      const imported = await manager
        .getRepository(ImportEntity)
        .findOne({ where: { id: importId }, lock: { mode: 'pessimistic_write' } });
      if (!imported || imported.status === 'completed' || imported.status === 'failed') return true;
      const rows = await manager.query<StagedRow[]>(
        `SELECT line, email, name, role FROM import_rows WHERE import_id = $1 AND line > $2 ORDER BY line LIMIT $3`,
        [importId, imported.cursorLine, BATCH_ROWS],
      );
      if (rows.length === 0) {
        await this.finish(manager, imported);
        return true;
      }
      const event = await manager.getRepository(EventEntity).findOneByOrFail({ id: imported.eventId });
      const counts = await this.invite(manager, imported, event, rows);
      await manager.query(
        `UPDATE imports SET status = 'running', cursor_line = $2, processed_rows = processed_rows + $3,
                invited = invited + $4, people_created = people_created + $5, duplicates = duplicates + $6,
                error_rows = error_rows + $7, updated_at = now()
          WHERE id = $1`,
        [
          importId,
          rows[rows.length - 1]?.line,
          rows.length,
          counts.invited,
          counts.created,
          counts.duplicates,
          counts.errors,
        ],
      );
      return false;
    });
  }

  /** Validates, merges and invites one batch of rows. */
  private async invite(
    manager: EntityManager,
    imported: ImportEntity,
    event: EventEntity,
    rows: StagedRow[],
  ): Promise<{ invited: number; created: number; duplicates: number; errors: number }> {
    const issues: ImportIssue[] = [];
    const valid: Array<{ line: number; email: string; name: string; role: Role }> = [];
    for (const row of rows) {
      const parsed = invitationSchema.safeParse({
        email: row.email,
        name: row.name,
        role: (row.role || 'attendee').toLowerCase(),
      } satisfies Record<keyof Invitation, unknown>);
      if (parsed.success) valid.push({ line: row.line, ...parsed.data });
      else
        issues.push({
          line: row.line,
          kind: 'error',
          message: toValidationIssues(parsed.error)
            .map((i) => `${i.path}: ${i.message}`)
            .join('; '),
        });
    }
    // Addresses seen in earlier batches of this file, then the first row of each new address in this batch.
    const seen = new Map<string, { firstLine: number; personId: string }>();
    for (const row of await manager.query<Array<{ email: string; first_line: number; person_id: string }>>(
      `SELECT email, first_line, person_id FROM import_addresses WHERE import_id = $1 AND email = ANY($2::text[])`,
      [imported.id, [...new Set(valid.map((row) => row.email))]],
    ))
      seen.set(row.email, { firstLine: row.first_line, personId: row.person_id });
    const fresh = new Map<string, { line: number; name: string; role: Role }>();
    const duplicates: Array<{ line: number; email: string; role: Role; firstLine: number }> = [];
    for (const row of valid) {
      const earlier = seen.get(row.email)?.firstLine ?? fresh.get(row.email)?.line;
      if (earlier === undefined) fresh.set(row.email, row);
      else duplicates.push({ line: row.line, email: row.email, role: row.role, firstLine: earlier });
    }
    // Sorted by address, so two imports touching the same people lock them in the same order.
    const newcomers = [...fresh.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    const people = await manager.query<Array<{ id: string; email: string; name: string; created: boolean }>>(
      `INSERT INTO people (id, email, name) SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[])
       ON CONFLICT (email) DO UPDATE SET updated_at = now()
       RETURNING id, email, name, (xmax = 0) AS created`,
      [
        newcomers.map(() => randomUUID()),
        newcomers.map(([email]) => email),
        newcomers.map(([, row]) => row.name),
      ],
    );
    const personByEmail = new Map(people.map((person) => [person.email, person]));
    await manager.query(
      `INSERT INTO import_addresses (import_id, email, first_line, person_id)
       SELECT $1, * FROM unnest($2::text[], $3::int[], $4::uuid[])`,
      [
        imported.id,
        newcomers.map(([email]) => email),
        newcomers.map(([, row]) => row.line),
        newcomers.map(([email]) => personByEmail.get(email)?.id),
      ],
    );
    for (const [email, person] of personByEmail) seen.set(email, { firstLine: 0, personId: person.id });
    // Roles: each new address's role, and the role of each merged row (a person invited as speaker and attendee).
    const grants = [
      ...newcomers.map(([email, row]) => ({ personId: personByEmail.get(email)?.id ?? '', role: row.role })),
      ...duplicates.map((row) => ({ personId: seen.get(row.email)?.personId ?? '', role: row.role })),
    ];
    const granted = await manager.query<Array<{ person_id: string }>>(
      `INSERT INTO event_roles (event_id, person_id, role, granted_by)
       SELECT $1, person_id, role::event_role, $4 FROM unnest($2::uuid[], $3::text[]) AS t(person_id, role)
       ON CONFLICT DO NOTHING RETURNING person_id`,
      [event.id, grants.map((g) => g.personId), grants.map((g) => g.role), imported.createdBy],
    );
    // People created just now are in no cache: only those who existed need their access re-read.
    const createdIds = new Set(people.filter((person) => person.created).map((person) => person.id));
    const events: DomainEvent[] = [...new Set(granted.map((row) => row.person_id))]
      .filter((personId) => !createdIds.has(personId))
      .map((personId) => ({ type: 'access.roles-changed', eventId: event.id, personId }));
    await publishDomainEvents(manager, events);
    await this.mail.enqueueMany(
      newcomers.flatMap(([email, row]) => {
        const person = personByEmail.get(email);
        return person ? [invitationMail(event, person, row.role, this.config.PUBLIC_URL)] : [];
      }),
      manager,
    );
    await manager.query(
      `INSERT INTO audit_log (id, event_id, actor_id, action, target_id, details)
       SELECT id, $1, $2, 'invitation.send', target_id, jsonb_build_object('role', role, 'importId', $3::text)
         FROM unnest($4::uuid[], $5::uuid[], $6::text[]) AS t(id, target_id, role)`,
      [
        event.id,
        imported.createdBy,
        imported.id,
        newcomers.map(() => randomUUID()),
        newcomers.map(([email]) => personByEmail.get(email)?.id),
        newcomers.map(([, row]) => row.role),
      ],
    );
    for (const row of duplicates)
      issues.push({
        line: row.line,
        kind: 'duplicate',
        message: `Same address as line ${row.firstLine}: merged into one invitation.`,
      });
    if (issues.length > 0)
      await manager.query(
        `INSERT INTO import_issues (import_id, line, kind, message)
         SELECT $1, * FROM unnest($2::int[], $3::text[], $4::text[])`,
        [imported.id, issues.map((i) => i.line), issues.map((i) => i.kind), issues.map((i) => i.message)],
      );
    return {
      invited: newcomers.length,
      created: createdIds.size,
      duplicates: duplicates.length,
      errors: rows.length - valid.length,
    };
  }

  /** Marks the import done, drops its staged rows and addresses (personal data), records it in the audit log. */
  private async finish(manager: EntityManager, imported: ImportEntity): Promise<void> {
    await manager.query('DELETE FROM import_rows WHERE import_id = $1', [imported.id]);
    await manager.query('DELETE FROM import_addresses WHERE import_id = $1', [imported.id]);
    await manager.query(
      `UPDATE imports SET status = 'completed', finished_at = now(), updated_at = now() WHERE id = $1`,
      [imported.id],
    );
    await manager.query(
      `INSERT INTO audit_log (id, event_id, actor_id, action, target_id, details)
       VALUES ($1, $2, $3, 'invitations.import', NULL, $4)`,
      [
        randomUUID(),
        imported.eventId,
        imported.createdBy,
        {
          importId: imported.id,
          rows: imported.totalRows,
          invited: imported.invited,
          duplicates: imported.duplicates,
          errors: imported.errorRows,
        },
      ],
    );
  }
}

async function stage(manager: EntityManager, importId: string, rows: StagedRow[]): Promise<void> {
  if (rows.length === 0) return;
  await manager.query(
    `INSERT INTO import_rows (import_id, line, email, name, role)
     SELECT $1, * FROM unnest($2::int[], $3::text[], $4::text[], $5::text[])`,
    [
      importId,
      rows.map((r) => r.line),
      rows.map((r) => r.email),
      rows.map((r) => r.name),
      rows.map((r) => r.role),
    ],
  );
}

const tooLarge = (): CoreException =>
  new CoreException(
    'core/payload-too-large',
    `The file is larger than ${IMPORT_MAX_BYTES / 1024 / 1024} MB. Split it into smaller files.`,
  );

const headerError = (): CoreException =>
  new CoreException(
    'core/validation-failed',
    'The file needs a header row with the columns email and name.',
    [{ path: 'csv', message: 'missing email or name column' }],
  );
