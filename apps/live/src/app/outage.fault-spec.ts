// A live node whose PostgreSQL stops (a private cluster of its own): real socket.io clients get `core/unavailable`
// nacks instead of `internal/unexpected`, the node logs one warning instead of a stack per event, and serves again
// when PostgreSQL is back, on the same connections.
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { Ack } from '@plenary/contracts';
import {
  reportFigure,
  startPrivatePostgres,
  testConfig,
  type PrivatePostgres,
} from '@plenary/server-core/testing';
import { REFERENCE_EVENT } from '@plenary/server-programme';
import { randomUUID } from 'node:crypto';
import pino from 'pino';
import { createLiveApp } from './create-live-app';
import {
  connectClient,
  createTestPeople,
  eventually,
  request,
  TEST_ORIGIN,
  type TestClient,
  type TestPeople,
  type TestPerson,
} from './test-support';

type LogLine = Record<string, unknown> & { level: string; msg: string };

function data<T>(ack: Ack<T>): T {
  if (!ack.ok) throw new Error(`expected ok, got ${ack.error.code}: ${ack.error.message}`);
  return ack.data;
}

function expectUnavailable(ack: Ack<unknown>): void {
  expect(ack).toEqual({
    ok: false,
    error: {
      code: 'core/unavailable',
      message: expect.any(String) as unknown,
      details: { retryAfterSeconds: 3 },
    },
  });
}

describe('live node while PostgreSQL is away', () => {
  let pg: PrivatePostgres;
  let people: TestPeople;
  let app: NestFastifyApplication;
  let url: string;
  let moderator: TestPerson;
  let ada: TestPerson;
  let latecomer: TestPerson;
  let sessionId: string;
  let pollId: string;
  const clients: TestClient[] = [];
  const logs: LogLine[] = [];

  const connect = async (person: TestPerson): Promise<TestClient> => {
    const client = await connectClient(url, person.cookie);
    clients.push(client);
    return client;
  };

  beforeAll(async () => {
    pg = await startPrivatePostgres();
    const config = testConfig({ DATABASE_URL: pg.url, PUBLIC_URL: TEST_ORIGIN, LOG_LEVEL: 'info' });
    people = await createTestPeople(config);
    sessionId = randomUUID();
    await people.dataSource.query(
      `INSERT INTO sessions (id, event_id, kind, title, starts_at, ends_at)
       VALUES ($1, $2, 'panel', 'Outage panel', now(), now() + interval '1 hour')`,
      [sessionId, REFERENCE_EVENT.id],
    );
    moderator = await people.add({ name: 'Mo Derator', roles: ['moderator'] });
    ada = await people.add({ name: 'Ada Attendee', registration: 'approved' });
    latecomer = await people.add({ name: 'Lee Latecomer', registration: 'approved' });
    // The people factory's own connections must not outlive the cluster's restart.
    await people.close();
    const logger = pino(
      { level: 'info', formatters: { level: (label) => ({ level: label }) } },
      { write: (line: string) => void logs.push(JSON.parse(line) as LogLine) },
    );
    app = await createLiveApp(config, logger);
    await app.listen({ port: 0, host: '127.0.0.1' });
    url = await app.getUrl();
  }, 60_000);

  afterAll(async () => {
    clients.forEach((client) => client.close());
    await app?.close();
    await pg?.destroy();
  });

  it('nacks events with core/unavailable while PostgreSQL is stopped, and serves them again once it is back (fault: postgres-live)', async () => {
    const [mod, a] = await Promise.all([connect(moderator), connect(ada)]);
    data(await request(mod, 'session:join', { sessionId }));
    data(await request(a, 'session:join', { sessionId }));
    pollId = randomUUID();
    data(
      await request(mod, 'poll:create', {
        clientId: pollId,
        sessionId,
        question: 'Which transport?',
        kind: 'single',
        options: ['WebSocket', 'Polling'],
      }),
    );
    data(await request(mod, 'poll:open', { pollId }));

    const before = logs.length;
    await pg.stop();
    const questionId = randomUUID();
    // Each attempt counts against the person's rate limits, as any attempt does: one question, a few votes.
    expectUnavailable(await request(a, 'question:ask', { clientId: questionId, sessionId, text: 'Anyone?' }));
    for (let round = 0; round < 3; round++) {
      expectUnavailable(await request(a, 'session:join', { sessionId }));
      expectUnavailable(await request(a, 'poll:vote', { pollId, optionIds: ['o1'] }));
    }
    // A new connection needs PostgreSQL to check its sign-in session: refused with the same code.
    await expect(connectClient(url, latecomer.cookie)).rejects.toThrow('core/unavailable');
    const ready = await fetch(`${url}/readyz`);
    expect(ready.status).toBe(503);

    const during = logs.slice(before);
    expect(during.filter((line) => line.level === 'error')).toEqual([]);
    const warnings = during.filter((line) => line.msg.startsWith('dependency unavailable'));
    // Seven failed events (and the node's own background writes): one line per kind of failure.
    expect(warnings.length).toBeGreaterThanOrEqual(1);
    expect(new Set(warnings.map((line) => line['kind'])).size).toBe(warnings.length);
    expect(warnings.map((line) => line['kind'])).toContain('postgres-unreachable');

    await pg.start();
    const back = Date.now();
    await eventually(async () => ((await fetch(`${url}/readyz`)).status === 200 ? true : undefined), 10_000);
    reportFigure('postgres-live', 'node ready after PostgreSQL is back', Date.now() - back, 'ms');
    // Same sockets, no reconnect: the retried write is stored under the id the client chose.
    const asked = data(
      await request(a, 'question:ask', { clientId: questionId, sessionId, text: 'Anyone?' }),
    );
    expect(asked).toMatchObject({ id: questionId, status: 'pending', mine: true });
    expect(data(await request(a, 'poll:vote', { pollId, optionIds: ['o1'] }))).toBeDefined();
    await connect(latecomer);
    expect(a.connected && mod.connected).toBe(true);
  }, 60_000);
});
