// A live node cut off from PostgreSQL and Redis by a network partition (black box): the node runs as a real process
// in a network namespace of its own, joined to this one by two veth pairs — one to its data stores (the machine's
// PostgreSQL through a relay, and a private Redis), one to its clients. The data-store link goes down for 10 s and
// comes back. Its clients must be told (every action answered, `core/unavailable` while cut off), nothing acked may be
// lost or doubled, and the node must rejoin the cluster by itself: ready again, its clients hearing the other node.
import type { Ack, QuestionView } from '@plenary/contracts';
import { findFreePort } from '@plenary/server-core';
import {
  createTestDatabase,
  NetworkNamespace,
  PrivateRedis,
  relayTcp,
  reportFigure,
  testConfig,
  type TestDatabase,
} from '@plenary/server-core/testing';
import { REFERENCE_EVENT } from '@plenary/server-programme';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { SystemGateway } from './system.gateway';
import {
  connectClient,
  createTestPeople,
  eventually,
  startLiveNode,
  TEST_ORIGIN,
  type TestClient,
  type TestPeople,
} from './test-support';

const ROOT = join(__dirname, '../../../..');
const CLIENTS = 30;
const PARTITION_MS = 10_000;

/** Sends an event and waits for its ack, up to `timeoutMs`; `null` when none came. */
async function ask(
  client: TestClient,
  payload: { clientId: string; sessionId: string; text: string },
  timeoutMs: number,
) {
  const untyped = client.timeout(timeoutMs) as unknown as {
    emitWithAck(event: string, payload: unknown): Promise<Ack<QuestionView>>;
  };
  return untyped.emitWithAck('question:ask', payload).catch(() => null);
}

describe('a live node cut off from PostgreSQL and Redis', () => {
  let database: TestDatabase;
  let net: NetworkNamespace;
  let redis: PrivateRedis;
  let relay: { port: number; close(): Promise<void> };
  let people: TestPeople;
  let child: ChildProcess | null = null;
  let exited: Promise<void> = Promise.resolve();
  const output: string[] = [];
  let nodeB: { app: NestFastifyApplication; url: string } | null = null;
  const clients: TestClient[] = [];

  beforeAll(async () => {
    database = await createTestDatabase();
    net = await NetworkNamespace.create();
    redis = await PrivateRedis.start(net.hostBackendIp);
    const pg = new URL(database.url);
    relay = await relayTcp(net.hostBackendIp, { host: pg.hostname, port: Number(pg.port || 5432) });
    const config = testConfig({ DATABASE_URL: database.url, PUBLIC_URL: TEST_ORIGIN, REDIS_URL: redis.url });
    people = await createTestPeople(config);
    nodeB = await startLiveNode(config);
  }, 60_000);

  afterAll(async () => {
    clients.forEach((client) => client.close());
    if (child && child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    await exited;
    await nodeB?.app.close();
    await people?.close();
    await relay?.close();
    await redis?.kill();
    await net?.destroy();
    await database?.drop();
  }, 60_000);

  async function startPartitionedNode(): Promise<string> {
    const port = await findFreePort();
    const databaseUrl = new URL(database.url);
    databaseUrl.hostname = net.hostBackendIp;
    databaseUrl.port = String(relay.port);
    const { command, args } = net.exec(process.execPath, [
      '-r',
      '@swc-node/register',
      'apps/live/src/main.ts',
    ]);
    child = spawn(command, args, {
      cwd: ROOT,
      env: {
        PATH: process.env['PATH'] ?? '',
        HOME: process.env['HOME'] ?? ROOT,
        SWC_NODE_PROJECT: join(ROOT, 'tsconfig.json'),
        NODE_ENV: 'test',
        LOG_LEVEL: 'warn',
        HOST: net.frontIp,
        LIVE_PORT: String(port),
        PUBLIC_URL: TEST_ORIGIN,
        DATABASE_URL: databaseUrl.toString(),
        REDIS_URL: redis.url,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const started = child;
    started.stdout?.setEncoding('utf8').on('data', (chunk: string) => output.push(chunk));
    started.stderr?.setEncoding('utf8').on('data', (chunk: string) => output.push(chunk));
    exited = new Promise<void>((resolve) => started.once('exit', () => resolve()));
    const url = `http://${net.frontIp}:${port}`;
    await eventually(async () => {
      if (started.exitCode !== null) throw new Error(`live node exited:\n${output.join('')}`);
      const ready = await fetch(`${url}/readyz`).catch(() => null);
      return ready?.status === 200 ? true : undefined;
    }, 90_000);
    return url;
  }

  it('tells its clients, loses nothing acked, and rejoins the cluster by itself (fault: live-node-partitioned)', async () => {
    const url = await startPartitionedNode();
    const sessionId = randomUUID();
    await people.dataSource.query(
      `INSERT INTO sessions (id, event_id, kind, title, starts_at, ends_at)
       VALUES ($1, $2, 'panel', 'Partition panel', now(), now() + interval '1 hour')`,
      [sessionId, REFERENCE_EVENT.id],
    );
    await people.dataSource.query(
      `INSERT INTO session_engagement (session_id, qa_mode) VALUES ($1, 'open')
       ON CONFLICT (session_id) DO UPDATE SET qa_mode = 'open'`,
      [sessionId],
    );
    const persons = await Promise.all(
      Array.from({ length: CLIENTS }, () => people.add({ registration: 'approved' })),
    );
    for (const person of persons) clients.push(await connectClient(url, person.cookie));
    for (const client of clients) {
      const joined = (await client
        .timeout(10_000)
        .emitWithAck('session:join', { sessionId })) as Ack<unknown>;
      expect(joined.ok).toBe(true);
    }
    // Before the cut: the cluster works both ways.
    const before = await ask(
      clients[0] as TestClient,
      { clientId: randomUUID(), sessionId, text: 'Before the cut' },
      5_000,
    );
    expect(before?.ok).toBe(true);

    const acked = new Map<string, number>(); // clientId → times acked ok
    const pending = clients.map((client, index) => ({
      client,
      payload: { clientId: randomUUID(), sessionId, text: `Asked during the partition ${index}` },
      answeredIn: [] as number[],
      refused: 0,
      done: false,
    }));

    await net.cut();
    const cutAt = Date.now();
    // Every client asks while the node is cut off: each must be answered (not left hanging), with core/unavailable.
    await Promise.all(
      pending.map(async (entry) => {
        const sent = Date.now();
        const answer = await ask(entry.client, entry.payload, 10_000);
        entry.answeredIn.push(Date.now() - sent);
        if (answer?.ok) {
          acked.set(entry.payload.clientId, (acked.get(entry.payload.clientId) ?? 0) + 1);
          entry.done = true;
        } else if (answer && answer.error.code === 'core/unavailable') entry.refused += 1;
        else throw new Error(`no answer, or an unexpected one: ${JSON.stringify(answer)}`);
      }),
    );
    const answered = pending.flatMap((entry) => entry.answeredIn);
    reportFigure('live-node-partitioned', 'answers while cut off, slowest', Math.max(...answered), 'ms');
    reportFigure(
      'live-node-partitioned',
      'refused with core/unavailable',
      pending.filter((e) => e.refused > 0).length,
      `of ${CLIENTS}`,
    );
    // The node says it is not ready (reachable on its front link).
    await eventually(async () => ((await fetch(`${url}/readyz`)).status === 503 ? true : undefined), 10_000);
    // Its clients stay connected.
    expect(clients.filter((client) => !client.connected)).toEqual([]);

    // The partition lasts its 10 s whatever happened meanwhile: this wait is the fault, not a synchronisation.
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, PARTITION_MS - (Date.now() - cutAt))));
    await net.heal();
    const healedAt = Date.now();

    // Clients send again what was refused, with the same ids, as the web client does on `retryAfterSeconds`.
    await eventually(async () => {
      await Promise.all(
        pending
          .filter((entry) => !entry.done)
          .map(async (entry) => {
            const answer = await ask(entry.client, entry.payload, 3_000);
            if (answer?.ok) {
              acked.set(entry.payload.clientId, (acked.get(entry.payload.clientId) ?? 0) + 1);
              entry.done = true;
            }
          }),
      );
      return pending.every((entry) => entry.done) ? true : undefined;
    }, 30_000);
    reportFigure(
      'live-node-partitioned',
      'every refused question stored after the link is back',
      Date.now() - healedAt,
      'ms',
    );
    await eventually(async () => ((await fetch(`${url}/readyz`)).status === 200 ? true : undefined), 15_000);
    reportFigure(
      'live-node-partitioned',
      'node ready again after the link is back',
      Date.now() - healedAt,
      'ms',
    );

    // Rejoined the cluster: a broadcast from the other node reaches this node's clients.
    const listener = clients[0] as TestClient;
    const heard = new Promise<void>((resolve) => listener.once('system:notice', () => resolve()));
    let isHeard = false;
    void heard.then(() => (isHeard = true));
    await eventually(async () => {
      nodeB?.app.get(SystemGateway).broadcastNotice('across the healed link');
      await Promise.race([heard, new Promise((resolve) => setTimeout(resolve, 200))]);
      return isHeard ? true : undefined;
    }, 15_000);
    reportFigure(
      'live-node-partitioned',
      'cross-node delivery after the link is back',
      Date.now() - healedAt,
      'ms',
    );

    // Nothing lost, nothing doubled: every question acked is stored once.
    const ids = pending.map((entry) => entry.payload.clientId);
    const stored = await people.dataSource.query<Array<{ id: string; n: number }>>(
      `SELECT id, count(*)::int AS n FROM questions WHERE id = ANY($1::uuid[]) GROUP BY id`,
      [ids],
    );
    expect(stored.length).toBe(CLIENTS);
    expect(stored.filter((row) => row.n !== 1)).toEqual([]);
    expect(child?.exitCode).toBeNull();
  }, 180_000);
});
