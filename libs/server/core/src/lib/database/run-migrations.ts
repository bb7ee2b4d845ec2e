import { MigrationExecutor, type DataSource, type EntityManager } from 'typeorm';
import { migrateJobSchema } from '../jobs/job-schema';

/** Arbitrary but fixed key of the advisory lock that serialises migrations across api replicas. */
const MIGRATION_LOCK_KEY = 727_001;
/** Key of the advisory lock that serialises seeding (reference data, demo accounts) across processes. */
const SEED_LOCK_KEY = 727_002;

/**
 * Applies pending migrations, one transaction each, then creates or upgrades the job runner's schema (pg-boss, ADR
 * 0020), all under one advisory lock so replicas never race. They run on one connection without the pool's
 * `statement_timeout`: building an index on a big table, or waiting for another replica's migrations, may take
 * longer than any request should.
 */
export async function runMigrations(dataSource: DataSource): Promise<string[]> {
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  try {
    await runner.query('SET statement_timeout = 0');
    await runner.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    const executor = new MigrationExecutor(dataSource, runner);
    executor.transaction = 'each';
    const applied = await executor.executePendingMigrations();
    await migrateJobSchema(runner);
    return applied.map((migration) => migration.name);
  } finally {
    await runner.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]).catch(() => undefined);
    // Back to the pool's setting before the connection serves requests.
    await runner.query('RESET statement_timeout').catch(() => undefined);
    await runner.release();
  }
}

/**
 * Call first inside a seeding transaction: seeders started together (cluster workers, replicas) then run one after
 * another; the lock is released at commit or rollback.
 */
export async function lockSeeding(manager: EntityManager): Promise<void> {
  await manager.query('SELECT pg_advisory_xact_lock($1)', [SEED_LOCK_KEY]);
}
