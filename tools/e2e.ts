// `npm run test:e2e`: builds api, live and web, then runs the end-to-end suite (real processes, PostgreSQL,
// Chromium). Screenshots land in e2e-artifacts/.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

const ROOT = join(__dirname, '..');
const env = { ...process.env, NX_DAEMON: 'false', NX_NO_CLOUD: 'true', NX_TUI: 'false' };

function run(title: string, command: string, args: string[]): void {
  process.stdout.write(`\n▶ ${title}\n`);
  const result = spawnSync(command, args, { cwd: ROOT, env, stdio: 'inherit' });
  if (result.status !== 0) {
    process.stderr.write(`\n✖ ${title} failed\n`);
    process.exit(result.status ?? 1);
  }
}

run('build', join(ROOT, 'node_modules/.bin/nx'), [
  'run-many',
  '-t',
  'build',
  '--projects=api,live,web',
  '--output-style=static',
]);
run('end-to-end tests', join(ROOT, 'node_modules/.bin/jest'), [
  '--config',
  'apps/e2e/jest.config.cjs',
  '--ci',
  '--runInBand',
  // `npm run test:e2e -- apps/e2e/src/x.e2e-spec.ts` runs only that spec.
  ...process.argv.slice(2),
]);
