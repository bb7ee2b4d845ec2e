import { dataSourceOptions, MIGRATIONS, runMigrations } from '@plenary/server-core';
import { createTestDatabase, type TestDatabase } from '@plenary/server-core/testing';
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
});
