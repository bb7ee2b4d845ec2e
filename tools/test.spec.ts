import { spawnSync } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';

const ROOT = join(__dirname, '..');

/** A loopback port nothing listens on: taken from the kernel, then released. */
function closedPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}

describe('npm test without Redis (outside CI)', () => {
  it('reports the Redis tests as not run and still runs the web specs in jsdom only', async () => {
    const env: NodeJS.ProcessEnv = { ...process.env, REDIS_URL: `redis://127.0.0.1:${await closedPort()}` };
    delete env.CI;
    delete env.PLENARY_SKIP_REDIS_TESTS;
    // A web spec that fails under node (it needs the DOM) and a Redis spec: the first must run once, in the web
    // project; the second must not run at all.
    const webSpec = 'libs/web/feature-live/src/lib/moderation-queue-model.spec.ts';
    const redisSpec = 'apps/live/src/app/system.redis-spec.ts';
    const result = spawnSync(
      process.execPath,
      ['--import', 'tsx', 'tools/test.ts', '--jest-only', '--', webSpec, redisSpec],
      { cwd: ROOT, env, encoding: 'utf8', timeout: 170_000 },
    );
    const output = `${result.stdout}\n${result.stderr}`;
    expect(output).toContain('the Redis tests (*.redis-spec.ts) are NOT run');
    expect(output).toContain(`PASS web ${webSpec}`);
    expect(output).not.toContain(`server ${webSpec}`);
    expect(output).not.toMatch(/(PASS|FAIL) \w+ apps\/live\/src\/app\/system\.redis-spec\.ts/);
    expect(output).toMatch(/Tests:\s+\d+ passed, \d+ total/);
    expect(result.status).toBe(0);
  }, 180_000);
});
