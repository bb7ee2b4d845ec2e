// `npm run db:migrate` / `npm run db:seed`: builds the api and runs its migrate or seed command against
// DATABASE_URL, or against the embedded database in PLENARY_DATA_DIR when DATABASE_URL is unset.
import { spawnSync } from 'node:child_process';
import { join, resolve } from 'node:path';
import { ConfigError, loadConfig, startEmbeddedPostgres } from '@plenary/server-core';
import { ROOT } from './stack';

async function main(): Promise<void> {
  const command = process.argv[2];
  if (command !== 'migrate' && command !== 'seed') throw new Error('usage: tsx tools/db.ts migrate|seed');
  const config = loadConfig(process.env);
  const build = spawnSync(join(ROOT, 'node_modules/.bin/nx'), ['run', 'api:build', '--output-style=static'], {
    cwd: ROOT,
    env: { ...process.env, NX_DAEMON: 'false', NX_NO_CLOUD: 'true', NX_TUI: 'false' },
    stdio: 'inherit',
  });
  if (build.status !== 0) process.exit(build.status ?? 1);
  const embedded = config.DATABASE_URL
    ? undefined
    : await startEmbeddedPostgres({
        dataDir: join(resolve(ROOT, config.PLENARY_DATA_DIR), 'postgres'),
        database: 'plenary',
        persistent: true,
      });
  try {
    const result = spawnSync(process.execPath, [join(ROOT, 'dist/apps/api/main.js'), command], {
      cwd: ROOT,
      env: { ...process.env, DATABASE_URL: config.DATABASE_URL ?? embedded?.url },
      stdio: 'inherit',
    });
    process.exitCode = result.status ?? 1;
  } finally {
    await embedded?.stop();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(
    `${error instanceof ConfigError ? error.message : error instanceof Error ? error.message : String(error)}\n`,
  );
  process.exit(1);
});
