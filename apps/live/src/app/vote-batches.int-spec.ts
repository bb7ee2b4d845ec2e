import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { Ack } from '@plenary/contracts';
import type { AppConfig } from '@plenary/server-core';
import { createTestDatabase, testConfig, type TestDatabase } from '@plenary/server-core/testing';
import { REFERENCE_EVENT } from '@plenary/server-programme';
import { randomUUID } from 'node:crypto';
import type { QueryRunner } from 'typeorm';
import {
  connectClient,
  createTestPeople,
  eventually,
  request,
  startLiveNode,
  TEST_ORIGIN,
  type TestClient,
  type TestPeople,
  type TestPerson,
} from './test-support';

/**
 * The vote batcher (libs/server/engagement vote-batcher.ts) against a real PostgreSQL: a batch whose statement fails
 * answers every voter in it with `core/unavailable` and stores none of its ballots, and a poll closed while a batch
 * is in flight counts a ballot exactly when the voter was told it was recorded. Batches are held in flight with a
 * real row lock on the poll, and the test waits for PostgreSQL to show the waiting statements (pg_stat_activity).
 */

function data<T>(ack: Ack<T>): T {
  if (!ack.ok) throw new Error(`expected ok, got ${ack.error.code}: ${ack.error.message}`);
  return ack.data;
}

let database: TestDatabase;
let config: AppConfig;
let people: TestPeople;
let app: NestFastifyApplication;
let url: string;
let moderator: TestPerson;
const clients: TestClient[] = [];

const connect = async (person: TestPerson): Promise<TestClient> => {
  const client = await connectClient(url, person.cookie);
  clients.push(client);
  return client;
};

const newSession = async (): Promise<string> => {
  const id = randomUUID();
  await people.dataSource.query(
    `INSERT INTO sessions (id, event_id, kind, title, starts_at, ends_at)
     VALUES ($1, $2, 'panel', 'Vote batch panel', now(), now() + interval '1 hour')`,
    [id, REFERENCE_EVENT.id],
  );
  return id;
};

/** An open poll of `sessionId`, created and opened by the moderator's socket. */
const openPoll = async (mod: TestClient, sessionId: string, allowChange: boolean): Promise<string> => {
  const pollId = randomUUID();
  data(
    await request(mod, 'poll:create', {
      clientId: pollId,
      sessionId,
      question: allowChange ? 'Changeable?' : 'Fixed?',
      kind: 'single',
      options: ['Yes', 'No'],
      allowChange,
    }),
  );
  data(await request(mod, 'poll:open', { pollId }));
  return pollId;
};

const ballots = async (pollId: string): Promise<Array<{ person_id: string; option_ids: string[] }>> =>
  people.dataSource.query('SELECT person_id, option_ids FROM poll_ballots WHERE poll_id = $1', [pollId]);

/** Statements of this test database waiting for a lock (the batch's FOR SHARE, the close's FOR UPDATE). */
const lockWaiters = async (): Promise<number> =>
  Number(
    (
      await people.dataSource.query<Array<{ n: string }>>(
        `SELECT count(*) AS n FROM pg_stat_activity
          WHERE datname = current_database() AND wait_event_type = 'Lock' AND pid <> pg_backend_pid()`,
      )
    )[0]?.n,
  );
const waitForLockWaiters = (n: number): Promise<true> =>
  eventually(async () => ((await lockWaiters()) >= n ? true : undefined), 5000);

/** Holds the poll's row lock in a transaction of its own until `release`. */
async function holdPoll(pollId: string): Promise<{ release(): Promise<void> }> {
  const runner: QueryRunner = people.dataSource.createQueryRunner();
  await runner.connect();
  await runner.startTransaction();
  await runner.query('SELECT id FROM polls WHERE id = $1 FOR UPDATE', [pollId]);
  return {
    release: async () => {
      await runner.commitTransaction();
      await runner.release();
    },
  };
}

beforeAll(async () => {
  database = await createTestDatabase();
  config = testConfig({ DATABASE_URL: database.url, PUBLIC_URL: TEST_ORIGIN });
  people = await createTestPeople(config);
  ({ app, url } = await startLiveNode(config));
  moderator = await people.add({ name: 'Mo Derator', roles: ['moderator'] });
});

afterAll(async () => {
  clients.forEach((client) => client.close());
  await app.close();
  await people.close();
  await database.drop();
});

describe('A vote batch that fails', () => {
  it('nacks every voter of the batch with core/unavailable and stores none of its ballots', async () => {
    const sessionId = await newSession();
    const mod = await connect(moderator);
    data(await request(mod, 'session:join', { sessionId }));
    // One batch writes polls that allow changing a ballot and polls that do not in two statements; the second fails.
    const fixed = await openPoll(mod, sessionId, false);
    const changeable = await openPoll(mod, sessionId, true);
    const ada = await people.add({ name: 'Ada Voter', registration: 'approved' });
    const a = await connect(ada);
    data(await request(a, 'session:join', { sessionId }));
    // A real statement failure inside PostgreSQL: a trigger refusing the changeable poll's ballots.
    const refuse = `refuse_${changeable.replace(/-/g, '')}`;
    await people.dataSource.query(
      `CREATE FUNCTION ${refuse}() RETURNS trigger LANGUAGE plpgsql AS $$
         BEGIN
           IF NEW.poll_id = '${changeable}' THEN RAISE EXCEPTION 'refused by the test'; END IF;
           RETURN NEW;
         END $$`,
    );
    await people.dataSource.query(
      `CREATE TRIGGER ${refuse} BEFORE INSERT ON poll_ballots FOR EACH ROW EXECUTE FUNCTION ${refuse}()`,
    );
    // Both ballots of one person at once, so they share a batch (one ~120 ms window).
    const [onFixed, onChangeable] = await Promise.all([
      request(a, 'poll:vote', { pollId: fixed, optionIds: ['o1'] }),
      request(a, 'poll:vote', { pollId: changeable, optionIds: ['o2'] }),
    ]);
    expect(onFixed).toMatchObject({ ok: false, error: { code: 'core/unavailable' } });
    expect(onChangeable).toMatchObject({ ok: false, error: { code: 'core/unavailable' } });
    // Nothing half-stored: the voter was told nothing was stored, so nothing is.
    expect(await ballots(fixed)).toEqual([]);
    expect(await ballots(changeable)).toEqual([]);

    // Once the database accepts ballots again, the same votes are recorded once each.
    await people.dataSource.query(`DROP TRIGGER ${refuse} ON poll_ballots`);
    await people.dataSource.query(`DROP FUNCTION ${refuse}()`);
    const retried = await Promise.all([
      request(a, 'poll:vote', { pollId: fixed, optionIds: ['o1'] }),
      request(a, 'poll:vote', { pollId: changeable, optionIds: ['o2'] }),
    ]);
    expect(retried.map((ack) => data(ack).myVote)).toEqual([['o1'], ['o2']]);
    expect(await ballots(fixed)).toEqual([{ person_id: ada.personId, option_ids: ['o1'] }]);
    expect(await ballots(changeable)).toEqual([{ person_id: ada.personId, option_ids: ['o2'] }]);
  });
});

describe('A poll closed while a batch is in flight', () => {
  it('counts a ballot whose batch took the poll first, and the voter is told it was recorded', async () => {
    const sessionId = await newSession();
    const mod = await connect(moderator);
    data(await request(mod, 'session:join', { sessionId }));
    const pollId = await openPoll(mod, sessionId, false);
    const bob = await people.add({ name: 'Bob Voter', registration: 'approved' });
    const b = await connect(bob);
    data(await request(b, 'session:join', { sessionId }));

    const lock = await holdPoll(pollId);
    const vote = request(b, 'poll:vote', { pollId, optionIds: ['o2'] });
    await waitForLockWaiters(1); // the batch waits for the poll (FOR SHARE)
    const close = request(mod, 'poll:close', { pollId });
    await waitForLockWaiters(2); // the close waits behind it
    await lock.release();

    expect(data(await vote)).toEqual({ pollId, myVote: ['o2'] });
    const closed = data(await close);
    expect(closed.state).toBe('closed');
    expect(closed.results).toEqual({ counts: { o2: 1 }, voters: 1 });
    expect(await ballots(pollId)).toEqual([{ person_id: bob.personId, option_ids: ['o2'] }]);
  });

  it('refuses a ballot whose batch reaches the poll after the close, and stores nothing', async () => {
    const sessionId = await newSession();
    const mod = await connect(moderator);
    data(await request(mod, 'session:join', { sessionId }));
    const pollId = await openPoll(mod, sessionId, false);
    const cy = await people.add({ name: 'Cy Voter', registration: 'approved' });
    const c = await connect(cy);
    data(await request(c, 'session:join', { sessionId }));

    const lock = await holdPoll(pollId);
    const close = request(mod, 'poll:close', { pollId });
    await waitForLockWaiters(1); // the close waits for the poll (FOR UPDATE)
    const vote = request(c, 'poll:vote', { pollId, optionIds: ['o1'] });
    await waitForLockWaiters(2); // the batch, in flight, waits behind it
    await lock.release();

    const closed = data(await close);
    expect(closed.results).toEqual({ counts: {}, voters: 0 });
    expect(await vote).toMatchObject({ ok: false, error: { code: 'engagement/poll-closed' } });
    expect(await ballots(pollId)).toEqual([]);
  });
});
