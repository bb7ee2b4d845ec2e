import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createTestDatabase, testConfig, type TestDatabase } from '@plenary/server-core/testing';
import { REFERENCE_EVENT } from '@plenary/server-programme';
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { createConnection, createServer } from 'node:net';
import { SystemGateway } from './system.gateway';
import {
  connectClient,
  createTestPeople,
  eventually,
  request,
  startLiveNode,
  TEST_ORIGIN,
  type TestClient,
  type TestPeople,
} from './test-support';

/** A Redis of this test's own (the shared one on 6379 must not be stopped under other tests). */
class PrivateRedis {
  private process: ChildProcess | null = null;
  constructor(readonly port: number) {}

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  async start(): Promise<void> {
    this.process = spawn(
      'redis-server',
      ['--port', String(this.port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
      { stdio: 'ignore' },
    );
    // Never left behind, whatever happens to the hooks: a stray redis-server would keep Jest from exiting.
    const child = this.process;
    child.unref();
    process.once('exit', () => child.kill('SIGKILL'));
    const deadline = Date.now() + 10_000;
    while (!(await accepts(this.port))) {
      if (Date.now() > deadline) throw new Error(`redis-server did not start on ${this.port}`);
      await sleep(50);
    }
  }

  /** Kills Redis as a crash would (no clean shutdown) and waits until the port is closed. */
  async kill(): Promise<void> {
    const child = this.process;
    this.process = null;
    if (!child || child.exitCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGKILL');
    await exited;
  }
}

function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ port, host: '127.0.0.1' });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

function freePort(): Promise<number> {
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

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

describe('Live nodes through a Redis restart', () => {
  let database: TestDatabase;
  let redis: PrivateRedis;
  let people: TestPeople;
  const nodes: Array<{ app: NestFastifyApplication; url: string }> = [];
  const clients: TestClient[] = [];

  beforeAll(async () => {
    database = await createTestDatabase();
    redis = new PrivateRedis(await freePort());
    await redis.start();
    const config = testConfig({ DATABASE_URL: database.url, PUBLIC_URL: TEST_ORIGIN, REDIS_URL: redis.url });
    people = await createTestPeople(config);
    nodes.push(await startLiveNode(config), await startLiveNode(config));
  }, 30_000);

  // Closing nodes waits for their Redis clients to quit, which after a restart can take a reconnect backoff or two.
  afterAll(async () => {
    try {
      clients.forEach((client) => client.close());
      await Promise.all(nodes.map((node) => node.app.close()));
      await people.close();
    } finally {
      await redis.kill();
      await database.drop();
    }
  }, 30_000);

  /** Broadcasts from node A every 200 ms until the client on node B hears one. */
  const crossNodeDelivery = async (client: TestClient, timeoutMs: number): Promise<void> => {
    const heard = new Promise<void>((resolve) => client.once('system:notice', () => resolve()));
    const deadline = Date.now() + timeoutMs;
    let done = false;
    void heard.then(() => (done = true));
    while (!done) {
      if (Date.now() > deadline) throw new Error('node B heard nothing from node A');
      nodes[0]?.app.get(SystemGateway).broadcastNotice('still there?');
      await Promise.race([heard, sleep(200)]);
    }
  };

  it('keeps answering while Redis is down and delivers across nodes again once it is back', async () => {
    const ada = await people.add({ registration: 'approved' });
    const onB = await connectClient(nodes[1]?.url ?? '', ada.cookie);
    clients.push(onB);
    await crossNodeDelivery(onB, 5_000);

    const sessionId = randomUUID();
    await people.dataSource.query(
      `INSERT INTO sessions (id, event_id, kind, title, starts_at, ends_at)
       VALUES ($1, $2, 'panel', 'Test panel', now(), now() + interval '1 hour')`,
      [sessionId, REFERENCE_EVENT.id],
    );
    expect((await request(onB, 'session:join', { sessionId })).ok).toBe(true);

    await redis.kill();
    // Rate-limited events fall back to per-node counters at once instead of waiting for Redis.
    const started = Date.now();
    const asked = await request(onB, 'question:ask', {
      clientId: randomUUID(),
      sessionId,
      text: 'Asked while Redis was down',
    });
    expect(asked.ok).toBe(true);
    expect(Date.now() - started).toBeLessThan(2_000);
    // Readiness says so, and the processes are still up.
    const readiness = await fetch(`${nodes[0]?.url ?? ''}/readyz`);
    expect(readiness.status).toBe(503);
    expect(((await readiness.json()) as { checks: Record<string, string> }).checks['redis']).toBe('down');

    await sleep(1_000);
    await redis.start();
    await crossNodeDelivery(onB, 15_000);
    // Each node's own Redis client reconnects on its own backoff (≤ ~2 s): readiness comes back with it.
    for (const node of nodes) {
      await eventually(async () => {
        const ready = await fetch(`${node.url}/readyz`);
        return ready.status === 200 ? true : undefined;
      }, 10_000);
    }
  }, 40_000);
});
