import {
  Inject,
  Injectable,
  type BeforeApplicationShutdown,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import PgBoss from 'pg-boss';
import type { Logger } from 'pino';
import { DataSource, type EntityManager } from 'typeorm';
import type { AppConfig } from '../config/config.schema';
import { APP_CONFIG, APP_NAME } from '../config/config.tokens';
import { FailureLog } from '../errors/failure-log';
import { LOGGER } from '../logging/logger.token';
import { JOBS_SCHEMA, jobsSqlOver } from './job-schema';

/** One job handed to a handler. */
export interface RunningJob<T> {
  id: string;
  data: T;
  /** Earlier attempts of this job that failed (0 on the first run). */
  retryCount: number;
  retryLimit: number;
}

/**
 * A queue and the handler that runs its jobs. Contexts declare theirs with `JobsService.define` (in `onModuleInit`);
 * only api processes run handlers, each job once across all of them.
 */
export interface JobDefinition<T extends object> {
  /** `context.what`, e.g. `access.invitation-import`. */
  queue: string;
  /**
   * pg-boss queue policy: `standard` (any number), `stately` (at most one queued and one running per singleton key),
   * `singleton` (at most one running), `short` (at most one queued).
   */
  policy?: 'standard' | 'stately' | 'singleton' | 'short';
  retryLimit?: number;
  retryDelaySeconds?: number;
  retryBackoff?: boolean;
  /** A running job not finished after this long counts as failed (and is retried): a process that died mid-job. */
  expireInSeconds?: number;
  /** Jobs handed to one call of `handle` (default 1). */
  batchSize?: number;
  /** Cron expression (UTC, minute resolution): one job is sent at each tick, once across all processes. */
  cron?: string;
  /**
   * Runs the jobs; a throw fails them all (retried up to `retryLimit`). `signal` aborts when the process stops: a
   * long handler finishes what it is doing, leaves a continuation (`send`) and returns.
   */
  handle(jobs: Array<RunningJob<T>>, signal: AbortSignal): Promise<void>;
}

export interface SendOptions {
  /** The caller's transaction: the job exists only if it commits. */
  manager?: EntityManager;
  /** Run no earlier than this many seconds from now. */
  startAfterSeconds?: number;
  /** For `stately`/`singleton` queues: jobs with the same key are coalesced. */
  singletonKey?: string;
}

/**
 * The one job runner (ADR 0020): pg-boss on PostgreSQL. Queues, jobs and schedules live in the `pgboss` schema
 * (created by `runMigrations`); jobs are fetched with `FOR UPDATE SKIP LOCKED`, so with N api processes each job runs
 * once, and a job of a process that stopped is retried by another. The live service may send jobs but runs none.
 */
@Injectable()
export class JobsService implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly definitions = new Map<string, JobDefinition<object>>();
  private boss: PgBoss | null = null;
  private started = false;
  private readonly stopping = new AbortController();

  constructor(
    private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(APP_NAME) private readonly app: string,
    @Inject(LOGGER) private readonly logger: Logger,
    private readonly failures: FailureLog,
  ) {}

  /** Declares a queue and its handler; call before the application bootstraps (e.g. in `onModuleInit`). */
  define<T extends object>(definition: JobDefinition<T>): void {
    if (this.started) throw new Error(`queue ${definition.queue} defined after the job runner started`);
    if (this.definitions.has(definition.queue)) throw new Error(`queue ${definition.queue} defined twice`);
    this.definitions.set(definition.queue, definition);
  }

  /** Whether this process runs jobs (api processes, once bootstrapped, until they stop). */
  get running(): boolean {
    return this.started && !this.stopping.signal.aborted;
  }

  /** Aborts when this process stops running jobs. */
  get signal(): AbortSignal {
    return this.stopping.signal;
  }

  /**
   * Sends a job; with `manager`, inside the caller's transaction (it exists only if that commits). Resolves with the
   * job id, or null when a `stately`/`singleton` queue already holds one for the key.
   */
  async send<T extends object>(queue: string, data: T, options: SendOptions = {}): Promise<string | null> {
    const runner = options.manager?.queryRunner ?? this.dataSource.createQueryRunner();
    const own = !options.manager?.queryRunner;
    try {
      return await this.client().send(queue, data, {
        db: jobsSqlOver(runner),
        ...(options.startAfterSeconds ? { startAfter: Math.ceil(options.startAfterSeconds) } : {}),
        ...(options.singletonKey ? { singletonKey: options.singletonKey } : {}),
      });
    } finally {
      if (own) await runner.release();
    }
  }

  /** Jobs waiting (created or retry) and running per queue: for operators and tests. */
  async queueStates(): Promise<Record<string, { queued: number; active: number; failed: number }>> {
    const rows = await this.dataSource.query<Array<{ name: string; state: string; count: number }>>(
      `SELECT name, state::text AS state, count(*)::int AS count FROM ${JOBS_SCHEMA}.job
        WHERE name NOT LIKE '\\_\\_pgboss%' GROUP BY name, state`,
    );
    const states: Record<string, { queued: number; active: number; failed: number }> = {};
    for (const row of rows) {
      const queue = (states[row.name] ??= { queued: 0, active: 0, failed: 0 });
      if (row.state === 'created' || row.state === 'retry') queue.queued += row.count;
      else if (row.state === 'active') queue.active += row.count;
      else if (row.state === 'failed') queue.failed += row.count;
    }
    return states;
  }

  async onApplicationBootstrap(): Promise<void> {
    if (this.app !== 'api') return;
    this.started = true;
    const boss = this.client();
    // While PostgreSQL is away every poll fails: one throttled warning per interval, not a line per poll.
    boss.on('error', (error: Error & { queue?: string }) => {
      if (!this.failures.recordOutage(error, 'job runner'))
        this.logger.warn({ queue: error.queue, err: { message: error.message } }, 'job runner error');
    });
    await boss.start();
    for (const definition of this.definitions.values()) {
      const queue = {
        name: definition.queue,
        policy: definition.policy ?? 'standard',
        ...(definition.retryLimit === undefined ? {} : { retryLimit: definition.retryLimit }),
        ...(definition.retryDelaySeconds === undefined ? {} : { retryDelay: definition.retryDelaySeconds }),
        ...(definition.retryBackoff === undefined ? {} : { retryBackoff: definition.retryBackoff }),
        ...(definition.expireInSeconds === undefined ? {} : { expireInSeconds: definition.expireInSeconds }),
      };
      await boss.createQueue(definition.queue, queue);
      // createQueue keeps an existing queue as it was: bring its options up to date with the code.
      await boss.updateQueue(definition.queue, queue);
      if (definition.cron) await boss.schedule(definition.queue, definition.cron, {}, { tz: 'UTC' });
      else await boss.unschedule(definition.queue);
      await boss.work<object>(
        definition.queue,
        {
          batchSize: definition.batchSize ?? 1,
          includeMetadata: true,
          pollingIntervalSeconds: this.config.JOBS_POLL_SECONDS,
        },
        (jobs) => this.run(definition, jobs),
      );
    }
    this.logger.info({ queues: [...this.definitions.keys()] }, 'job runner started');
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.stopping.abort();
    if (!this.boss || !this.started) return;
    // Handlers see the signal, finish their step and return; what is still running then is failed and retried.
    await this.boss.stop({ graceful: true, timeout: 20_000, wait: true });
    this.boss = null;
  }

  private async run(definition: JobDefinition<object>, jobs: Array<PgBoss.JobWithMetadata<object>>) {
    try {
      await definition.handle(
        jobs.map((job) => ({
          id: job.id,
          data: job.data,
          retryCount: job.retryCount,
          retryLimit: job.retryLimit,
        })),
        this.stopping.signal,
      );
    } catch (error) {
      if (this.failures.recordOutage(error, `job ${definition.queue}`)) throw error;
      this.logger.warn(
        {
          queue: definition.queue,
          jobs: jobs.map((job) => job.id),
          err: { message: error instanceof Error ? error.message : String(error) },
        },
        'job failed',
      );
      throw error;
    }
  }

  private client(): PgBoss {
    if (this.boss) return this.boss;
    if (!this.config.DATABASE_URL) throw new Error('the job runner needs DATABASE_URL');
    this.boss = new PgBoss({
      connectionString: this.config.DATABASE_URL,
      application_name: 'plenary-jobs',
      schema: JOBS_SCHEMA,
      // runMigrations owns the schema; a process finding it missing or outdated refuses to start.
      migrate: false,
      // Fetching, maintenance and cron are short statements: a small pool of its own, outside DATABASE_POOL_SIZE.
      max: 3,
      // Expired jobs (a process that died mid-job) are failed and retried within this interval.
      maintenanceIntervalSeconds: 30,
    });
    return this.boss;
  }
}
