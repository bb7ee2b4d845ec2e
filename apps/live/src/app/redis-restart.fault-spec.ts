import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { closeRedisClient, createRedisClient } from '@plenary/server-core';
import {
  createTestDatabase,
  PrivateRedis,
  reportFigure,
  testConfig,
  type TestDatabase,
} from '@plenary/server-core/testing';
import { REFERENCE_EVENT } from '@plenary/server-programme';
import { randomUUID } from 'node:crypto';
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

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

describe('Live nodes through a Redis restart', () => {
  let database: TestDatabase;
  let redis: PrivateRedis;
  let people: TestPeople;
  const nodes: Array<{ app: NestFastifyApplication; url: string }> = [];
  const clients: TestClient[] = [];

  beforeAll(async () => {
    database = await createTestDatabase();
    redis = await PrivateRedis.start();
    const config = testConfig({ DATABASE_URL: database.url, PUBLIC_URL: TEST_ORIGIN, REDIS_URL: redis.url });
    people = await createTestPeople(config);
    nodes.push(await startLiveNode(config), await startLiveNode(config));
  }, 30_000);

  // Closing nodes waits for their Redis clients to quit, which after a restart can take a reconnect backoff or two.
  afterAll(async () => {
    try {
      clients.forEach((client) => client.close());
      await Promise.all(nodes.map((node) => node.app.close()));
      await people?.close();
    } finally {
      await redis?.kill();
      await database?.drop();
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
      await Promise.race([heard, sleep(200)]); // resend period until heard (a poll with a timeout)
    }
  };

  it('acks questions and votes while Redis is down, stores each once, and delivers across nodes again once it is back (fault: redis-live)', async () => {
    const [ada, bob, mo] = await Promise.all([
      people.add({ registration: 'approved' }),
      people.add({ registration: 'approved' }),
      people.add({ roles: ['moderator'] }),
    ]);
    const onB = await connectClient(nodes[1]?.url ?? '', ada.cookie);
    const onA = await connectClient(nodes[0]?.url ?? '', bob.cookie);
    const modOnA = await connectClient(nodes[0]?.url ?? '', mo.cookie);
    clients.push(onB, onA, modOnA);
    await crossNodeDelivery(onB, 5_000);

    const sessionId = randomUUID();
    await people.dataSource.query(
      `INSERT INTO sessions (id, event_id, kind, title, starts_at, ends_at)
       VALUES ($1, $2, 'panel', 'Test panel', now(), now() + interval '1 hour')`,
      [sessionId, REFERENCE_EVENT.id],
    );
    for (const client of [onB, onA, modOnA])
      expect((await request(client, 'session:join', { sessionId })).ok).toBe(true);
    const pollId = randomUUID();
    expect(
      (
        await request(modOnA, 'poll:create', {
          clientId: pollId,
          sessionId,
          question: 'Which transport?',
          kind: 'single',
          options: ['WebSocket', 'Polling'],
        })
      ).ok,
    ).toBe(true);
    expect((await request(modOnA, 'poll:open', { pollId })).ok).toBe(true);

    await redis.kill();
    const downAt = Date.now();
    // Rate-limited events fall back to per-node counters at once instead of waiting for Redis.
    const questionId = randomUUID();
    const ask = { clientId: questionId, sessionId, text: 'Asked while Redis was down' };
    const started = Date.now();
    const asked = await request(onB, 'question:ask', ask);
    expect(asked.ok).toBe(true);
    reportFigure('redis-live', 'question acked while Redis was down in', Date.now() - started, 'ms');
    expect(Date.now() - started).toBeLessThan(2_000);
    expect((await request(onA, 'poll:vote', { pollId, optionIds: ['o2'] })).ok).toBe(true);
    // Readiness says so, and the processes are still up.
    const readiness = await fetch(`${nodes[0]?.url ?? ''}/readyz`);
    expect(readiness.status).toBe(503);
    expect(((await readiness.json()) as { checks: Record<string, string> }).checks['redis']).toBe('down');

    // The fault under test: Redis stays down for at least a second.
    await sleep(Math.max(0, 1_000 - (Date.now() - downAt)));
    await redis.start();
    const backAt = Date.now();
    await crossNodeDelivery(onB, 15_000);
    reportFigure('redis-live', 'cross-node delivery after Redis is back', Date.now() - backAt, 'ms');
    // Each node's own Redis client reconnects on its own backoff (≤ ~2 s): readiness comes back with it.
    for (const node of nodes) {
      await eventually(async () => {
        const ready = await fetch(`${node.url}/readyz`);
        return ready.status === 200 ? true : undefined;
      }, 10_000);
    }
    reportFigure('redis-live', 'both nodes ready after Redis is back', Date.now() - backAt, 'ms');

    // Clients that missed the acks would send again with the same ids: nothing is doubled.
    const again = await request(onB, 'question:ask', ask);
    expect(again.ok && again.data.id).toBe(questionId);
    expect((await request(onA, 'poll:vote', { pollId, optionIds: ['o2'] })).ok).toBe(true);
    const stored = await people.dataSource.query<Array<{ n: number }>>(
      `SELECT count(*)::int AS n FROM questions WHERE id = $1`,
      [questionId],
    );
    expect(stored[0]?.n).toBe(1);
    const ballots = await people.dataSource.query<Array<{ person_id: string; option_ids: string[] }>>(
      `SELECT person_id, option_ids FROM poll_ballots WHERE poll_id = $1`,
      [pollId],
    );
    expect(ballots).toEqual([{ person_id: bob.personId, option_ids: ['o2'] }]);
  }, 60_000);
  it('a broadcast lost between the nodes (Redis refused the stream append) is noticed by sequence and healed within 2 s (fault: redis-broadcast-lost)', async () => {
    const attendees = await Promise.all(
      Array.from({ length: 20 }, () => people.add({ registration: 'approved' })),
    );
    const mo = await people.add({ roles: ['moderator'] });
    const modOnA = await connectClient(nodes[0]?.url ?? '', mo.cookie);
    const onB = await Promise.all(
      attendees.map((person) => connectClient(nodes[1]?.url ?? '', person.cookie)),
    );
    clients.push(modOnA, ...onB);
    const sessionId = randomUUID();
    await people.dataSource.query(
      `INSERT INTO sessions (id, event_id, kind, title, starts_at, ends_at)
       VALUES ($1, $2, 'panel', 'Gap panel', now(), now() + interval '1 hour')`,
      [sessionId, REFERENCE_EVENT.id],
    );
    expect((await request(modOnA, 'session:join', { sessionId })).ok).toBe(true);
    // What each client on node B knows, as the web client tracks it (libs/web/data-access live-session-sync.ts):
    // the last sequence number applied in order, and the highest number any event or beacon showed it.
    const known = await Promise.all(
      onB.map(async (client) => {
        const joined = await request(client, 'session:join', { sessionId });
        if (!joined.ok) throw new Error('join refused');
        const state = {
          client,
          lastSeq: joined.data.seq,
          highestSeen: joined.data.seq,
          qaMode: joined.data.settings.qaMode,
        };
        client.on('session:settings-changed', (event) => {
          if (event.sessionId !== sessionId) return;
          state.highestSeen = Math.max(state.highestSeen, event.seq);
          if (event.seq === state.lastSeq + 1) {
            state.lastSeq = event.seq;
            state.qaMode = event.settings.qaMode;
          }
        });
        client.on('session:seq', (event) => {
          if (event.sessionId === sessionId) state.highestSeen = Math.max(state.highestSeen, event.seq);
        });
        return state;
      }),
    );

    // Redis refuses writes (out of memory: `maxmemory` below what it holds, `noeviction`). Node A's stream append
    // fails and socket.io's cluster adapter drops that broadcast: the edit is committed, node B never hears it.
    const admin = createRedisClient(redis.url);
    await admin.connect();
    let editSeq: number;
    let editedAt = Date.now();
    try {
      await admin.configSet({ maxmemory: '1', 'maxmemory-policy': 'noeviction' });
      const edited = await request(modOnA, 'session:settings', { sessionId, qaMode: 'open' });
      expect(edited.ok).toBe(true);
      editedAt = Date.now();
      const [row] = await people.dataSource.query<Array<{ seq: string }>>(
        'SELECT seq FROM session_engagement WHERE session_id = $1',
        [sessionId],
      );
      editSeq = Number(row?.seq);
    } finally {
      await admin.configSet('maxmemory', '0');
      await closeRedisClient(admin);
    }
    // Within 2 s every client on B either applied the edit or knows by its number that it missed it.
    await eventually(
      async () => (known.every((state) => state.highestSeen >= editSeq) ? true : undefined),
      2_000,
    );
    reportFigure(
      'redis-broadcast-lost',
      'every client on the other node aware of the lost edit, after the edit',
      Date.now() - editedAt,
      'ms',
    );
    // Once node A's broadcasts reach node B again (anything A queued meanwhile would be ahead of this notice):
    await crossNodeDelivery(onB[0] as TestClient, 15_000);
    const missed = known.filter((state) => state.lastSeq < editSeq);
    // The broadcast really was lost (else this test would prove nothing about the beacon).
    expect(missed.length).toBeGreaterThan(0);
    reportFigure(
      'redis-broadcast-lost',
      'clients whose broadcast was lost (healed by the sequence beacon)',
      missed.length,
      `of ${known.length}`,
    );
    // Those rejoin, as the web client does after its gap wait, and the snapshot holds the edit: nobody stays wrong.
    for (const state of missed) {
      const rejoined = await request(state.client, 'session:join', { sessionId });
      if (!rejoined.ok) throw new Error('rejoin refused');
      state.lastSeq = rejoined.data.seq;
      state.qaMode = rejoined.data.settings.qaMode;
    }
    expect(known.filter((state) => state.lastSeq < editSeq || state.qaMode !== 'open')).toEqual([]);
  }, 60_000);
});
