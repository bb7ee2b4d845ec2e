// Generates a migration from the difference between the entities and the migrations applied so far, against a
// throw-away embedded PostgreSQL. Usage: npx tsx tools/generate-migration.ts <PascalCaseName>
import 'reflect-metadata';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { dataSourceOptions, runMigrations, startEmbeddedPostgres } from '@plenary/server-core';
import { ACCESS_ENTITIES } from '@plenary/server-access';
import { CHECKIN_ENTITIES } from '@plenary/server-checkin';
import { CORE_ENTITIES } from '@plenary/server-core';
import { ENGAGEMENT_ENTITIES } from '@plenary/server-engagement';
import { MEDIA_ENTITIES } from '@plenary/server-media';
import { PROGRAMME_ENTITIES } from '@plenary/server-programme';

// Keep in step with apps/api/src/app/entities.ts (the schema check test compares that list with the migrations).
const API_ENTITIES = [
  ...CORE_ENTITIES,
  ...PROGRAMME_ENTITIES,
  ...ACCESS_ENTITIES,
  ...MEDIA_ENTITIES,
  ...ENGAGEMENT_ENTITIES,
  ...CHECKIN_ENTITIES,
];

async function main(): Promise<void> {
  const name = process.argv[2];
  if (!name || !/^[A-Z][A-Za-z0-9]+$/.test(name)) throw new Error('Give the migration a PascalCase name');
  const pg = await startEmbeddedPostgres({
    dataDir: mkdtempSync(join(tmpdir(), 'plenary-gen-')),
    database: 'gen',
    persistent: false,
  });
  const dataSource = new DataSource(dataSourceOptions(pg.url, API_ENTITIES));
  try {
    await dataSource.initialize();
    await runMigrations(dataSource);
    const sql = await dataSource.driver.createSchemaBuilder().log();
    if (sql.upQueries.length === 0) {
      process.stdout.write('Entities and migrations agree; nothing to generate.\n');
      return;
    }
    const timestamp = Date.now();
    const quote = (query: string): string => '`' + query.replace(/\\/g, '\\\\').replace(/`/g, '\\`') + '`';
    const up = sql.upQueries.map((q) => `    await queryRunner.query(${quote(q.query)});`).join('\n');
    const down = sql.downQueries
      .reverse()
      .map((q) => `    await queryRunner.query(${quote(q.query)});`)
      .join('\n');
    const file = join('libs/server/core/src/lib/database/migrations', `${timestamp}-${name}.ts`);
    writeFileSync(
      file,
      `import type { MigrationInterface, QueryRunner } from 'typeorm';\n\nexport class ${name}${timestamp} implements MigrationInterface {\n  name = '${name}${timestamp}';\n\n  async up(queryRunner: QueryRunner): Promise<void> {\n${up}\n  }\n\n  async down(queryRunner: QueryRunner): Promise<void> {\n${down}\n  }\n}\n`,
    );
    process.stdout.write(`Wrote ${file}; add ${name}${timestamp} to migrations/index.ts.\n`);
  } finally {
    if (dataSource.isInitialized) await dataSource.destroy();
    await pg.stop();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
