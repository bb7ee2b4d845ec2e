import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { loadConfig } from '../lib/config/load-config';
import type { AppConfig } from '../lib/config/config.schema';
import { dataSourceOptions, type EntityList } from '../lib/database/data-source-options';
import { runMigrations } from '../lib/database/run-migrations';

export interface TestDatabase {
  url: string;
  drop(): Promise<void>;
}

function adminUrl(): string {
  const url = process.env['TEST_DATABASE_URL'];
  if (!url)
    throw new Error(
      'TEST_DATABASE_URL is not set: run tests through jest (global setup provides PostgreSQL)',
    );
  return url;
}

/** Creates an empty, uniquely named database for one test file, on the test PostgreSQL. */
export async function createTestDatabase(): Promise<TestDatabase> {
  const name = `plenary_t_${randomBytes(6).toString('hex')}`;
  const admin = new Client({ connectionString: adminUrl() });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}"`);
  await admin.end();
  const url = new URL(adminUrl());
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const client = new Client({ connectionString: adminUrl() });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await client.end();
    },
  };
}

/** A migrated database with an initialised DataSource over `entities`. */
export async function createMigratedDataSource(
  entities: EntityList,
): Promise<{ dataSource: DataSource; database: TestDatabase }> {
  const database = await createTestDatabase();
  const dataSource = new DataSource(dataSourceOptions(database.url, entities, 5));
  await dataSource.initialize();
  await runMigrations(dataSource);
  return { dataSource, database };
}

/** Config for a process under test: silent logs, the given database, free ports chosen by the test. */
export function testConfig(overrides: Record<string, string | undefined> = {}): AppConfig {
  return loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', ...overrides });
}

/** Redis URL for tests: REDIS_URL, else the local default (tools/test.ts decides whether Redis tests run). */
export function testRedisUrl(): string {
  return process.env['REDIS_URL'] ?? 'redis://127.0.0.1:6379';
}
export * from './smtp-sink';
export * from './private-postgres';
export * from './fault-figures';
export * from './private-redis';
export * from './network-namespace';
export * from './notification-fence';
