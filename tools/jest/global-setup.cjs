// Gives every integration test a PostgreSQL: DATABASE_URL when set, otherwise an embedded PostgreSQL in a temporary
// folder, started by the same code as `npm start`'s (so it also works as root from a folder only root can enter).
// Test files create their own databases from TEST_DATABASE_URL (see @plenary/server-core/testing).
const { mkdtempSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { join } = require('node:path');
const tsx = require('tsx/cjs/api');

module.exports = async function globalSetup() {
  if (process.env.DATABASE_URL) {
    process.env.TEST_DATABASE_URL = process.env.DATABASE_URL;
    return;
  }
  /** @type {typeof import('../../libs/server/core/src/lib/database/embedded-postgres')} */
  const { startEmbeddedPostgres } = tsx.require(
    '../../libs/server/core/src/lib/database/embedded-postgres.ts',
    __filename,
  );
  const lines = [];
  const pg = await startEmbeddedPostgres({
    dataDir: mkdtempSync(join(tmpdir(), 'plenary-test-pg-')),
    database: 'postgres',
    persistent: false,
    postgresFlags: [
      '-c',
      'fsync=off',
      '-c',
      'synchronous_commit=off',
      '-c',
      'full_page_writes=off',
      '-c',
      'max_connections=300',
    ],
    log: (line) => lines.push(line),
  }).catch((error) => {
    process.stderr.write(`\n${lines.slice(-20).join('')}\n`);
    throw error;
  });
  globalThis.__PLENARY_EMBEDDED_PG__ = pg;
  process.env.TEST_DATABASE_URL = pg.url;
  process.stdout.write(
    `\nIntegration tests use an embedded PostgreSQL on port ${pg.port} (set DATABASE_URL to use another).\n`,
  );
};
