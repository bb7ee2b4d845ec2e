import { DEMO_PEOPLE, seedDemoPeople } from '@plenary/server-access';
import { dataSourceOptions, MIGRATIONS, runMigrations } from '@plenary/server-core';
import { createTestDatabase, type TestDatabase } from '@plenary/server-core/testing';
import { REFERENCE_SESSIONS, seedReferenceEvent } from '@plenary/server-programme';
import { DataSource } from 'typeorm';
import { API_ENTITIES } from './entities';

describe('Schema', () => {
  let database: TestDatabase;
  let dataSource: DataSource;

  beforeAll(async () => {
    database = await createTestDatabase();
    dataSource = new DataSource(dataSourceOptions(database.url, API_ENTITIES, 2));
    await dataSource.initialize();
  });

  afterAll(async () => {
    await dataSource.destroy();
    await database.drop();
  });

  it('has migrations that produce exactly what the entities describe', async () => {
    await runMigrations(dataSource);
    const pending = await dataSource.driver.createSchemaBuilder().log();
    // When this fails, run `npx tsx tools/generate-migration.ts <Name>` and commit the new migration.
    expect(pending.upQueries.map((query) => query.query)).toEqual([]);
  });

  it('applies each migration once when two processes start together', async () => {
    const fresh = await createTestDatabase();
    const first = new DataSource(dataSourceOptions(fresh.url, API_ENTITIES, 2));
    const second = new DataSource(dataSourceOptions(fresh.url, API_ENTITIES, 2));
    await Promise.all([first.initialize(), second.initialize()]);
    try {
      const [a, b] = await Promise.all([runMigrations(first), runMigrations(second)]);
      expect([...a, ...b].sort()).toEqual(MIGRATIONS.map((migration) => migration.name).sort());
      expect(await first.showMigrations()).toBe(false);
    } finally {
      await Promise.all([first.destroy(), second.destroy()]);
      await fresh.drop();
    }
  });

  it('seeds once when two processes seed together', async () => {
    const fresh = await createTestDatabase();
    const first = new DataSource(dataSourceOptions(fresh.url, API_ENTITIES, 2));
    const second = new DataSource(dataSourceOptions(fresh.url, API_ENTITIES, 2));
    await Promise.all([first.initialize(), second.initialize()]);
    try {
      await runMigrations(first);
      await Promise.all(
        [first, second].map(async (dataSource) => {
          await seedReferenceEvent(dataSource);
          await seedDemoPeople(dataSource);
        }),
      );
      const count = async (table: string): Promise<number> => {
        const rows: Array<{ count: number }> = await first.query(
          `SELECT count(*)::int AS count FROM ${table}`,
        );
        return rows[0]?.count ?? -1;
      };
      expect(await count('events')).toBe(1);
      expect(await count('sessions')).toBe(REFERENCE_SESSIONS.length);
      expect(await count('people')).toBe(DEMO_PEOPLE.length);
      expect(await count('event_settings')).toBe(1);
    } finally {
      await Promise.all([first.destroy(), second.destroy()]);
      await fresh.drop();
    }
  });
});
