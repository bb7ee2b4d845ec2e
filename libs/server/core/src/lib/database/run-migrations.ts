import type { DataSource } from 'typeorm';

/** Arbitrary but fixed key of the advisory lock that serialises migrations across api replicas. */
const MIGRATION_LOCK_KEY = 727_001;

/** Applies pending migrations, one transaction each, holding an advisory lock so replicas never race. */
export async function runMigrations(dataSource: DataSource): Promise<string[]> {
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  try {
    await runner.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    const applied = await dataSource.runMigrations({ transaction: 'each' });
    return applied.map((migration) => migration.name);
  } finally {
    await runner.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]).catch(() => undefined);
    await runner.release();
  }
}
