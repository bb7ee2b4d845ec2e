// Cluster mode (API_WORKERS > 1) with real processes: the api runs from its sources (swc, as in the Jest transform)
// as a child process, primary and workers, against a fresh database.
import { MIGRATIONS } from '@plenary/server-core';
import { createTestDatabase, type TestDatabase } from '@plenary/server-core/testing';
import { spawn, type ChildProcess } from 'node:child_process';
import { get } from 'node:http';
import { createServer, type AddressInfo, type Server } from 'node:net';
import { join } from 'node:path';
import { Client } from 'pg';
import { collectLogLines } from './testing/api-process';

const ROOT = join(__dirname, '../../..');

type LogLine = Record<string, unknown> & { level?: string; msg?: string; worker?: number; role?: string };

interface RunningApi {
  child: ChildProcess;
  port: number;
  logs: LogLine[];
  stderr: string[];
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** Polls the logs (and anything else) until `check` passes; fails early when the primary exits. */
  waitFor<T>(what: string, check: () => T | undefined | false, timeoutMs?: number): Promise<T>;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** A GET on a fresh connection (no keep-alive), so the cluster may hand each request to another worker. */
function httpGet(port: number, path: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const request = get({ host: '127.0.0.1', port, path, agent: false, timeout: 5000 }, (response) => {
      let body = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (body += chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body }));
    });
    request.on('timeout', () => request.destroy(new Error(`GET ${path} timed out`)));
    request.on('error', reject);
  });
}

function startApi(databaseUrl: string, port: number, workers: string): RunningApi {
  const child = spawn(process.execPath, ['-r', '@swc-node/register', 'apps/api/src/main.ts'], {
    cwd: ROOT,
    env: {
      PATH: process.env['PATH'] ?? '',
      HOME: process.env['HOME'] ?? ROOT,
      SWC_NODE_PROJECT: join(ROOT, 'tsconfig.json'),
      NODE_ENV: 'test',
      LOG_LEVEL: 'info',
      HOST: '127.0.0.1',
      API_PORT: String(port),
      API_WORKERS: workers,
      DATABASE_URL: databaseUrl,
      SEED_DEMO: 'true',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const logs: LogLine[] = [];
  const stderr: string[] = [];
  collectLogLines(child, logs);
  child.stderr?.setEncoding('utf8');
  child.stderr?.on('data', (chunk: string) => stderr.push(chunk));
  // 'close': the process has exited and its output (the workers write to the same pipes) is read.
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('close', (code, signal) => resolve({ code, signal })),
  );
  const tail = (): string =>
    [...logs.slice(-15).map((line) => JSON.stringify(line)), ...stderr.slice(-5)].join('\n');
  const waitFor: RunningApi['waitFor'] = async (what, check, timeoutMs = 60_000) => {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const value = check();
      if (value !== undefined && value !== false) return value;
      if (child.exitCode !== null || child.signalCode !== null)
        throw new Error(`api exited while waiting for ${what}:\n${tail()}`);
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}:\n${tail()}`);
      await new Promise((resolve) => setTimeout(resolve, 50)); // the polling interval of waitFor
    }
  };
  return { child, port, logs, stderr, exited, waitFor };
}

const isListening = (line: LogLine, worker: number): boolean =>
  line.msg === 'api listening' && line.worker === worker;
const forkedPid = (line: LogLine, worker: number): number | undefined =>
  line.role === 'primary' && line.msg === 'worker forked' && line.worker === worker
    ? (line['pid'] as number)
    : undefined;
const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

/** `promise`, or a failure after `ms`. */
async function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not happen within ${ms / 1000} s`)), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** Sum of `plenary_http_requests_total` samples for one route in a Prometheus text. */
function requestCount(metrics: string, route: string): number {
  return metrics
    .split('\n')
    .filter((line) => line.startsWith('plenary_http_requests_total{') && line.includes(`route="${route}"`))
    .reduce((sum, line) => sum + Number(line.slice(line.lastIndexOf(' ') + 1)), 0);
}

describe('api cluster mode (API_WORKERS=2)', () => {
  let database: TestDatabase;
  let api: RunningApi;
  const workerPids = new Set<number>();

  beforeAll(async () => {
    database = await createTestDatabase();
    api = startApi(database.url, await freePort(), '2');
    await api.waitFor('both workers to listen', () =>
      [1, 2].every((worker) => api.logs.some((line) => isListening(line, worker))),
    );
    for (const line of api.logs) {
      const pid = forkedPid(line, 1) ?? forkedPid(line, 2);
      if (pid) workerPids.add(pid);
    }
  }, 90_000);

  afterAll(async () => {
    if (api.child.exitCode === null && api.child.signalCode === null) api.child.kill('SIGKILL');
    for (const pid of workerPids) if (alive(pid)) process.kill(pid, 'SIGKILL');
    await database.drop();
  });

  it('starts worker 2 once worker 1 has migrated, seeded and listens; migrates once', async () => {
    // Lines of different processes share one pipe: compare events far enough apart to be ordered.
    const firstSeeded = api.logs.findIndex((line) => line.msg === 'demo event seeded' && line.worker === 1);
    const firstListening = api.logs.findIndex((line) => isListening(line, 1));
    const secondForked = api.logs.findIndex((line) => forkedPid(line, 2) !== undefined);
    const secondsFirstLine = api.logs.findIndex((line) => line.worker === 2 && line.role === undefined);
    expect(firstSeeded).toBeGreaterThanOrEqual(0);
    expect(secondForked).toBeGreaterThan(firstSeeded);
    expect(firstListening).toBeGreaterThanOrEqual(0);
    expect(secondsFirstLine).toBeGreaterThan(firstListening);

    const migrated = api.logs.filter((line) => line.msg === 'migrations applied');
    expect(migrated).toHaveLength(1);
    expect(migrated[0]?.worker).toBe(1);
    const client = new Client({ connectionString: database.url });
    await client.connect();
    try {
      const { rows } = await client.query<{ count: string }>('SELECT count(*) FROM typeorm_migrations');
      expect(Number(rows[0]?.count)).toBe(MIGRATIONS.length);
    } finally {
      await client.end();
    }

    const redisWarnings = api.logs.filter(
      (line) => line.role === 'primary' && line.level === 'warn' && String(line.msg).startsWith('REDIS_URL'),
    );
    expect(redisWarnings).toHaveLength(1);
    expect(api.logs.filter((line) => line.level === 'error' || line.level === 'fatal')).toEqual([]);
  });

  it('spreads connections over both workers and answers /metrics for the whole cluster', async () => {
    const requests = 12;
    for (let i = 0; i < requests; i++) expect((await httpGet(api.port, '/readyz')).status).toBe(200);
    const served = await api.waitFor(
      'request logs of every /readyz',
      () => {
        const lines = api.logs.filter((line) => line.msg === 'request' && line['route'] === '/readyz');
        return lines.length >= requests ? lines : undefined;
      },
      10_000,
    );
    const byWorker = [1, 2].map((worker) => served.filter((line) => line.worker === worker).length);
    expect(byWorker.every((count) => count > 0 && count < requests)).toBe(true);

    // Whichever worker answers the scrape, it reports what both served.
    for (let i = 0; i < 2; i++) {
      const metrics = await httpGet(api.port, '/metrics');
      expect(metrics.status).toBe(200);
      expect(requestCount(metrics.body, '/readyz')).toBe(requests);
    }
  }, 30_000);

  it('replaces a worker killed with SIGKILL while the other keeps answering (fault: api-worker-killed)', async () => {
    const victim = api.logs.map((line) => forkedPid(line, 2)).find((pid) => pid !== undefined);
    if (!victim) throw new Error('no pid of worker 2 in the logs');
    const before = api.logs.length;
    process.kill(victim, 'SIGKILL');
    await api.waitFor(
      'the primary to notice the exit',
      () =>
        api.logs
          .slice(before)
          .some((line) => line.level === 'warn' && line.worker === 2 && line['signal'] === 'SIGKILL'),
      10_000,
    );
    const statuses: number[] = [];
    let replaced = false;
    const replacement = api
      .waitFor(
        'a new worker 2 to listen',
        () => api.logs.slice(before).some((line) => isListening(line, 2)),
        45_000,
      )
      .finally(() => (replaced = true));
    while (!replaced) {
      statuses.push((await httpGet(api.port, '/healthz')).status);
      // Pacing of the health probes while the worker is replaced (they are the measurement), not synchronisation.
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    await replacement;
    expect(statuses.length).toBeGreaterThan(0);
    expect(statuses.every((status) => status === 200)).toBe(true);

    const successor = api.logs
      .slice(before)
      .map((line) => forkedPid(line, 2))
      .find((pid) => pid !== undefined);
    expect(successor).toBeDefined();
    expect(successor).not.toBe(victim);
    if (successor) workerPids.add(successor);
    expect(alive(victim)).toBe(false);
    expect((await httpGet(api.port, '/readyz')).status).toBe(200);
  }, 60_000);

  it('stops on SIGTERM: the workers shut down and the primary exits 0', async () => {
    api.child.kill('SIGTERM');
    const result = await within(api.exited, 20_000, 'the exit of the primary');
    expect(result).toEqual({ code: 0, signal: null });
    for (const pid of workerPids) expect(alive(pid)).toBe(false);
    expect(api.logs.filter((line) => line.level === 'error' || line.level === 'fatal')).toEqual([]);
    expect(api.logs.at(-1)?.msg).toBe('api cluster stopped');
  }, 30_000);
});

describe('api cluster start-up failure', () => {
  let database: TestDatabase;
  let blocker: Server;

  beforeAll(async () => {
    database = await createTestDatabase();
  });

  afterAll(async () => {
    await new Promise((resolve) => blocker?.close(resolve));
    await database.drop();
  });

  it('exits non-zero without retrying when worker 1 cannot start', async () => {
    // Worker 1 migrates, then cannot listen: the port is taken.
    blocker = createServer();
    const port = await new Promise<number>((resolve) =>
      blocker.listen(0, '127.0.0.1', () => resolve((blocker.address() as AddressInfo).port)),
    );
    const api = startApi(database.url, port, '2');
    const result = await within(api.exited, 60_000, 'the exit of the primary').finally(() => {
      if (api.child.exitCode === null && api.child.signalCode === null) api.child.kill('SIGKILL');
    });
    expect(result.code).not.toBe(0);
    expect(result.code).not.toBeNull();
    expect(api.logs.filter((line) => line.msg === 'worker forked')).toHaveLength(1);
    expect(
      api.logs.some((line) => line.role === 'primary' && line.level === 'error' && line.worker === 1),
    ).toBe(true);
    expect(api.stderr.join('')).toMatch(/api failed to start/);
  }, 75_000);
});
