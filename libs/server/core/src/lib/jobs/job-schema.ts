import PgBoss from 'pg-boss';
import type { QueryRunner } from 'typeorm';

/** The PostgreSQL schema that holds pg-boss's queues, jobs and schedules (created by `runMigrations`). */
export const JOBS_SCHEMA = 'pgboss';

/** pg-boss's "bring your own connection" interface over a TypeORM query runner (its transaction, if one is open). */
export function jobsSqlOver(runner: QueryRunner): {
  executeSql(text: string, values?: unknown[]): Promise<{ rows: unknown[] }>;
} {
  return {
    executeSql: async (text, values) => {
      const result = await runner.query(text, values, true);
      return { rows: (result as { records?: unknown[] }).records ?? [] };
    },
  };
}

/**
 * Creates or upgrades pg-boss's schema with pg-boss's own plans, on the given connection. `runMigrations` calls it
 * after the application's migrations and under the same advisory lock, so the job schema follows the project's
 * migration discipline: api processes only check it (`migrate: false`) and refuse to start on a mismatch.
 */
export async function migrateJobSchema(runner: QueryRunner): Promise<void> {
  const boss = new PgBoss({
    db: jobsSqlOver(runner),
    schema: JOBS_SCHEMA,
    migrate: true,
    supervise: false,
    schedule: false,
  });
  await boss.start();
  await boss.stop({ graceful: false, close: false });
}
