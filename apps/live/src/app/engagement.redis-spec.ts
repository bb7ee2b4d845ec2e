import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { Ack, PollTallyEvent } from '@plenary/contracts';
import {
  createTestDatabase,
  testConfig,
  testRedisUrl,
  type TestDatabase,
} from '@plenary/server-core/testing';
import { REFERENCE_EVENT } from '@plenary/server-programme';
import { randomUUID } from 'node:crypto';
import {
  collect,
  connectClient,
  createTestPeople,
  eventually,
  request,
  startLiveNode,
  TEST_ORIGIN,
  type TestClient,
  type TestPeople,
} from './test-support';

function data<T>(ack: Ack<T>): T {
  if (!ack.ok) throw new Error(`expected ok, got ${ack.error.code}: ${ack.error.message}`);
  return ack.data;
}

describe('Live Q&A and polls across nodes (Redis streams adapter)', () => {
  let database: TestDatabase;
  let people: TestPeople;
  const nodes: Array<{ app: NestFastifyApplication; url: string }> = [];
  const clients: TestClient[] = [];
  let sessionId: string;

  const connect = async (node: number, cookie: string): Promise<TestClient> => {
    const client = await connectClient(nodes[node]?.url ?? '', cookie);
    clients.push(client);
    return client;
  };

  beforeAll(async () => {
    database = await createTestDatabase();
    const config = testConfig({
      DATABASE_URL: database.url,
      PUBLIC_URL: TEST_ORIGIN,
      REDIS_URL: testRedisUrl(),
    });
    people = await createTestPeople(config);
    const options = { engagement: { limits: { vote: { points: 1000, seconds: 1 } } } };
    nodes.push(await startLiveNode(config, options), await startLiveNode(config, options));
    sessionId = randomUUID();
    await people.dataSource.query(
      `INSERT INTO sessions (id, event_id, kind, title, starts_at, ends_at)
       VALUES ($1, $2, 'panel', 'Two-node panel', now(), now() + interval '1 hour')`,
      [sessionId, REFERENCE_EVENT.id],
    );
  });

  afterAll(async () => {
    clients.forEach((client) => client.close());
    await Promise.all(nodes.map((node) => node.app.close()));
    await people.close();
    await database.drop();
  });

  it('delivers a question asked and approved on node A to a client on node B', async () => {
    const moderator = await people.add({ name: 'Mo Derator', roles: ['moderator'] });
    const ada = await people.add({ name: 'Ada Attendee', registration: 'approved' });
    const bob = await people.add({ name: 'Bob Attendee', registration: 'approved' });
    const mod = await connect(0, moderator.cookie);
    const a = await connect(0, ada.cookie);
    const b = await connect(1, bob.cookie);
    const modOnB = await connect(1, moderator.cookie);
    for (const client of [mod, a, b, modOnB]) data(await request(client, 'session:join', { sessionId }));

    const pendingOnB = collect(modOnB, 'question:changed');
    const tombstoneOnB = collect(b, 'question:changed');
    const clientId = randomUUID();
    data(await request(a, 'question:ask', { clientId, sessionId, text: 'Does this cross nodes?' }));
    expect((await pendingOnB)[0]?.question).toMatchObject({ id: clientId, status: 'pending' });
    expect((await tombstoneOnB)[0]?.question).toBeNull();

    const approvedOnB = collect(b, 'question:changed');
    data(await request(mod, 'question:moderate', { questionId: clientId, action: 'approve' }));
    expect((await approvedOnB)[0]).toMatchObject({
      sessionId,
      questionId: clientId,
      question: { text: 'Does this cross nodes?', status: 'approved', askerName: 'Ada Attendee' },
    });
  });

  it('counts votes sent to both nodes once per person, and tallies equal SELECT count(*)', async () => {
    const moderator = await people.add({ name: 'Mo Derator', roles: ['moderator'] });
    const mod = await connect(0, moderator.cookie);
    data(await request(mod, 'session:join', { sessionId }));
    const pollId = randomUUID();
    data(
      await request(mod, 'poll:create', {
        clientId: pollId,
        sessionId,
        question: 'Across nodes?',
        kind: 'single',
        options: ['Yes', 'No'],
      }),
    );
    data(await request(mod, 'poll:open', { pollId }));

    const voters = await Promise.all(
      Array.from({ length: 10 }, (_, i) => people.add({ name: `Voter ${i}`, registration: 'approved' })),
    );
    const pairs = await Promise.all(
      voters.map(async (voter) => [await connect(0, voter.cookie), await connect(1, voter.cookie)] as const),
    );
    const watcher = await connect(1, (await people.add({ registration: 'approved' })).cookie);
    data(await request(watcher, 'session:join', { sessionId }));
    const tallies: PollTallyEvent[] = [];
    watcher.on('poll:tally', (tally) => tallies.push(tally));

    // Every voter votes 10 times on each node at once, always for the same option.
    await Promise.all(
      pairs.flatMap(([onA, onB], index) =>
        Array.from({ length: 10 }, () => [
          request(onA, 'poll:vote', { pollId, optionIds: [index % 2 === 0 ? 'o1' : 'o2'] }),
          request(onB, 'poll:vote', { pollId, optionIds: [index % 2 === 0 ? 'o1' : 'o2'] }),
        ]).flat(),
      ),
    );
    const rows = await people.dataSource.query<Array<{ option: string; n: number }>>(
      `SELECT option_ids[1] AS option, count(*)::int AS n FROM poll_ballots WHERE poll_id = $1 GROUP BY 1`,
      [pollId],
    );
    expect(Object.fromEntries(rows.map((row) => [row.option, row.n]))).toEqual({ o1: 5, o2: 5 });
    const final = await eventually(async () => {
      const last = tallies[tallies.length - 1];
      return last?.results.voters === 10 ? last : undefined;
    });
    expect(final.results).toEqual({ counts: { o1: 5, o2: 5 }, voters: 10 });
  });
});
