import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { Ack, QuestionChangedEvent, SessionSnapshot } from '@plenary/contracts';
import { createTestDatabase, testConfig, type TestDatabase } from '@plenary/server-core/testing';
import type { AppConfig } from '@plenary/server-core';
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
  type TestPerson,
} from './test-support';

function data<T>(ack: Ack<T>): T {
  if (!ack.ok) throw new Error(`expected ok, got ${ack.error.code}: ${ack.error.message}`);
  return ack.data;
}

describe('Live Q&A and polls', () => {
  let database: TestDatabase;
  let people: TestPeople;
  let app: NestFastifyApplication;
  let url: string;
  let moderator: TestPerson;
  let ada: TestPerson;
  let bob: TestPerson;
  const clients: TestClient[] = [];

  const connect = async (person: TestPerson): Promise<TestClient> => {
    const client = await connectClient(url, person.cookie);
    clients.push(client);
    return client;
  };

  const join = async (client: TestClient, sessionId: string): Promise<SessionSnapshot> =>
    data(await request(client, 'session:join', { sessionId }));

  /** A fresh session of the reference event, so tests do not see each other's questions. */
  const newSession = async (): Promise<string> => {
    const id = randomUUID();
    await people.dataSource.query(
      `INSERT INTO sessions (id, event_id, kind, title, starts_at, ends_at)
       VALUES ($1, $2, 'panel', 'Test panel', now(), now() + interval '1 hour')`,
      [id, REFERENCE_EVENT.id],
    );
    return id;
  };

  const attendee = (name: string): Promise<TestPerson> => people.add({ name, registration: 'approved' });
  let config: AppConfig;

  beforeAll(async () => {
    database = await createTestDatabase();
    config = testConfig({ DATABASE_URL: database.url, PUBLIC_URL: TEST_ORIGIN });
    people = await createTestPeople(config);
    // Votes are limited to 5 per second per person in production; the concurrency test needs 50 at once.
    ({ app, url } = await startLiveNode(config, {
      engagement: { limits: { vote: { points: 1000, seconds: 1 } } },
    }));
    moderator = await people.add({ name: 'Mo Derator', roles: ['moderator'] });
  });

  // Fresh attendees per test: the per-person rate limits (5 questions a minute) would otherwise carry over.
  beforeEach(async () => {
    ada = await attendee('Ada Attendee');
    bob = await attendee('Bob Attendee');
  });

  afterAll(async () => {
    clients.forEach((client) => client.close());
    await app.close();
    await people.close();
    await database.drop();
  });

  it('delivers a question to attendees once a moderator approves it', async () => {
    const sessionId = await newSession();
    const [mod, a, b] = await Promise.all([connect(moderator), connect(ada), connect(bob)]);
    await join(mod, sessionId);
    await join(a, sessionId);
    const joined = await join(b, sessionId);
    expect(joined.settings).toEqual({ qaMode: 'pre_moderated', anonymousAllowed: true, confidential: false });

    const toModerator = collect(mod, 'question:changed');
    const toBob = collect(b, 'question:changed');
    const clientId = randomUUID();
    const asked = data(
      await request(a, 'question:ask', { clientId, sessionId, text: 'What about <b>latency</b>?' }),
    );
    expect(asked).toMatchObject({
      id: clientId,
      status: 'pending',
      mine: true,
      askerName: 'Ada Attendee',
      text: 'What about <b>latency</b>?',
    });
    const [seen] = await toModerator;
    expect(seen).toMatchObject({
      sessionId,
      seq: joined.seq + 1,
      question: { id: clientId, status: 'pending', mine: false },
    });
    expect((await toBob)[0]).toEqual({
      sessionId,
      seq: joined.seq + 1,
      questionId: clientId,
      question: null,
    });

    const approvedForBob = collect(b, 'question:changed');
    const approvedForAda = collect(a, 'question:changed');
    const approved = data(
      await request(mod, 'question:moderate', { questionId: clientId, action: 'approve' }),
    );
    expect(approved.status).toBe('approved');
    const [event] = await approvedForBob;
    expect(event).toMatchObject({
      seq: joined.seq + 2,
      question: { id: clientId, status: 'approved', askerName: 'Ada Attendee', mine: false },
    });
    expect((await approvedForAda)[0]?.question).toMatchObject({ id: clientId, mine: true });
  });

  it('never sends a pending question to other attendees', async () => {
    const sessionId = await newSession();
    const [a, b] = await Promise.all([connect(ada), connect(bob)]);
    await join(a, sessionId);
    await join(b, sessionId);
    const frames: string[] = [];
    b.onAny((_event: string, ...args: unknown[]) => frames.push(JSON.stringify(args)));
    const text = `A secret pending question ${randomUUID()}`;
    const tombstone = collect(b, 'question:changed');
    data(await request(a, 'question:ask', { clientId: randomUUID(), sessionId, text }));
    await tombstone;
    expect(frames.join('\n')).not.toContain(text);
    const snapshot = await join(b, sessionId);
    expect(snapshot.questions).toEqual([]);
    const own = await join(a, sessionId);
    expect(own.questions.map((q) => [q.text, q.mine])).toEqual([[text, true]]);
  });

  it('stores a retried ask once and refuses a client id used for something else', async () => {
    const sessionId = await newSession();
    const a = await connect(ada);
    const b = await connect(bob);
    const before = await join(a, sessionId);
    const clientId = randomUUID();
    const ask = { clientId, sessionId, text: 'Is this stored once?' };
    const acks = await Promise.all([
      request(a, 'question:ask', ask),
      request(a, 'question:ask', ask),
      request(a, 'question:ask', ask),
    ]);
    const again = await request(a, 'question:ask', ask);
    for (const ack of [...acks, again]) expect(data(ack)).toMatchObject({ id: clientId, status: 'pending' });
    const rows = await people.dataSource.query<Array<{ n: number }>>(
      'SELECT count(*)::int AS n FROM questions WHERE id = $1',
      [clientId],
    );
    expect(rows[0]?.n).toBe(1);
    expect((await join(a, sessionId)).seq).toBe(before.seq + 1);
    const stolen = await request(b, 'question:ask', { ...ask, text: 'Not mine' });
    expect(stolen).toMatchObject({ ok: false, error: { code: 'engagement/id-conflict' } });
  });

  it('counts 50 concurrent votes from one person once, and tallies equal the rows', async () => {
    const sessionId = await newSession();
    const mod = await connect(moderator);
    const a = await connect(ada);
    const b = await connect(bob);
    await join(mod, sessionId);
    const pollId = randomUUID();
    const created = data(
      await request(mod, 'poll:create', {
        clientId: pollId,
        sessionId,
        question: 'Which transport?',
        kind: 'single',
        options: ['WebSocket', 'Polling', 'WebTransport'],
      }),
    );
    expect(created).toMatchObject({
      state: 'draft',
      options: [{ id: 'o1', label: 'WebSocket' }, { id: 'o2' }, { id: 'o3' }],
    });
    await join(a, sessionId);
    await join(b, sessionId);
    const opened = collect(b, 'poll:changed');
    data(await request(mod, 'poll:open', { pollId }));
    expect((await opened)[0]?.poll).toMatchObject({ id: pollId, state: 'open', results: { voters: 0 } });

    const acks = await Promise.all(
      Array.from({ length: 50 }, (_, index) =>
        request(a, 'poll:vote', { pollId, optionIds: [`o${(index % 3) + 1}`] }),
      ),
    );
    const stored = await people.dataSource.query<Array<{ option_ids: string[] }>>(
      'SELECT option_ids FROM poll_ballots WHERE poll_id = $1 AND person_id = $2',
      [pollId, ada.personId],
    );
    expect(stored).toHaveLength(1);
    const choice = stored[0]?.option_ids ?? [];
    for (const ack of acks) {
      if (ack.ok) expect(ack.data).toEqual({ pollId, myVote: choice });
      else expect(ack.error).toMatchObject({ code: 'engagement/already-voted', details: { myVote: choice } });
    }
    expect(acks.filter((ack) => ack.ok).length).toBeGreaterThanOrEqual(16);

    // Twenty more voters at once, then the broadcast tally must equal SELECT count(*).
    const voters = await Promise.all(Array.from({ length: 20 }, (_, i) => attendee(`Voter ${i}`)));
    const sockets = await Promise.all(voters.map((voter) => connect(voter)));
    await Promise.all(
      sockets.map((socket, index) =>
        request(socket, 'poll:vote', { pollId, optionIds: [`o${(index % 3) + 1}`] }),
      ),
    );
    const counts = await people.dataSource.query<Array<{ option_id: string; n: number }>>(
      `SELECT o.option_id, count(*)::int AS n FROM poll_ballots b CROSS JOIN LATERAL unnest(b.option_ids) o(option_id)
        WHERE b.poll_id = $1 GROUP BY o.option_id`,
      [pollId],
    );
    const expected = Object.fromEntries(counts.map((row) => [row.option_id, row.n]));
    const tally = await eventually(async () => {
      const [next] = await collect(b, 'poll:tally', 1, 2000);
      return next?.results.voters === 21 ? next : undefined;
    });
    expect(tally.results).toEqual({ counts: expected, voters: 21 });

    const closed = data(await request(mod, 'poll:close', { pollId }));
    expect(closed.results).toEqual({ counts: expected, voters: 21 });
    const late = await request(b, 'poll:vote', { pollId, optionIds: ['o1'] });
    expect(late).toMatchObject({ ok: false, error: { code: 'engagement/poll-closed' } });
    const invalid = await request(b, 'poll:vote', { pollId, optionIds: ['o1', 'o2'] });
    expect(invalid).toMatchObject({ ok: false, error: { code: 'engagement/invalid-option' } });
  });

  it('shows results after voting only to voters and moderators', async () => {
    const sessionId = await newSession();
    const mod = await connect(moderator);
    const a = await connect(ada);
    const b = await connect(bob);
    await join(mod, sessionId);
    const pollId = randomUUID();
    data(
      await request(mod, 'poll:create', {
        clientId: pollId,
        sessionId,
        question: 'Pick any',
        kind: 'multiple',
        options: ['One', 'Two'],
        visibility: 'after_vote',
        allowChange: true,
      }),
    );
    data(await request(mod, 'poll:open', { pollId }));
    const snapshot = await join(b, sessionId);
    expect(snapshot.polls).toEqual([expect.objectContaining({ id: pollId, results: null, myVote: null })]);
    await join(a, sessionId);
    const bobTallies: unknown[] = [];
    b.on('poll:tally', (payload) => bobTallies.push(payload));
    const adaTally = collect(a, 'poll:tally');
    expect(data(await request(a, 'poll:vote', { pollId, optionIds: ['o1', 'o2'] }))).toEqual({
      pollId,
      myVote: ['o1', 'o2'],
    });
    expect((await adaTally)[0]?.results).toEqual({ counts: { o1: 1, o2: 1 }, voters: 1 });
    // Changing is allowed on this poll: the ballot is replaced, not added.
    expect(data(await request(a, 'poll:vote', { pollId, optionIds: ['o2'] })).myVote).toEqual(['o2']);
    const changed = await eventually(async () => {
      const [next] = await collect(a, 'poll:tally', 1, 2000);
      return next?.results.counts['o1'] === undefined ? next : undefined;
    });
    expect(changed.results).toEqual({ counts: { o2: 1 }, voters: 1 });
    expect(bobTallies).toEqual([]);
    const again = await join(a, sessionId);
    expect(again.polls[0]).toMatchObject({ myVote: ['o2'], results: { counts: { o2: 1 }, voters: 1 } });
  });

  it('resyncs a reconnecting client to exactly what the database holds', async () => {
    const sessionId = await newSession();
    const mod = await connect(moderator);
    const a = await connect(ada);
    await join(mod, sessionId);
    await join(a, sessionId);
    let b = await connect(bob);
    const first = await join(b, sessionId);
    b.close();

    // While Bob is away: questions asked, approved, upvoted, answered; a poll opened and voted in.
    const ids = [randomUUID(), randomUUID(), randomUUID()];
    for (const [index, clientId] of ids.entries())
      data(await request(a, 'question:ask', { clientId, sessionId, text: `Away question ${index}` }));
    data(await request(mod, 'question:moderate', { questionId: ids[0] ?? '', action: 'approve' }));
    data(await request(mod, 'question:moderate', { questionId: ids[1] ?? '', action: 'approve' }));
    data(await request(mod, 'question:moderate', { questionId: ids[1] ?? '', action: 'answer' }));
    data(await request(mod, 'question:upvote', { questionId: ids[0] ?? '', up: true }));
    const pollId = randomUUID();
    data(
      await request(mod, 'poll:create', {
        clientId: pollId,
        sessionId,
        question: 'Still there?',
        kind: 'single',
        options: ['Yes', 'No'],
      }),
    );
    data(await request(mod, 'poll:open', { pollId }));
    data(await request(a, 'poll:vote', { pollId, optionIds: ['o1'] }));

    b = await connect(bob);
    const snapshot = await join(b, sessionId);
    const [engagement] = await people.dataSource.query<Array<{ seq: string }>>(
      'SELECT seq FROM session_engagement WHERE session_id = $1',
      [sessionId],
    );
    expect(snapshot.seq).toBe(Number(engagement?.seq));
    expect(snapshot.seq).toBeGreaterThan(first.seq);
    const publicRows = await people.dataSource.query<Array<{ id: string; status: string; votes: number }>>(
      `SELECT q.id, q.status, (SELECT count(*)::int FROM question_votes v WHERE v.question_id = q.id) AS votes
         FROM questions q WHERE q.session_id = $1 AND q.status IN ('approved', 'answered') ORDER BY q.created_at, q.id`,
      [sessionId],
    );
    expect(snapshot.questions.map(({ id, status, votes }) => ({ id, status, votes }))).toEqual(publicRows);
    const [ballots] = await people.dataSource.query<Array<{ n: number }>>(
      'SELECT count(*)::int AS n FROM poll_ballots WHERE poll_id = $1',
      [pollId],
    );
    expect(snapshot.polls).toEqual([
      expect.objectContaining({
        id: pollId,
        state: 'open',
        results: { counts: { o1: ballots?.n }, voters: ballots?.n },
      }),
    ]);
  });

  it('nacks an attendee who tries to moderate, and changes nothing', async () => {
    const sessionId = await newSession();
    const a = await connect(ada);
    const b = await connect(bob);
    await join(a, sessionId);
    const before = await join(b, sessionId);
    const clientId = randomUUID();
    data(await request(a, 'question:ask', { clientId, sessionId, text: 'Approve myself?' }));
    for (const action of ['approve', 'highlight', 'reject'] as const) {
      const ack = await request(a, 'question:moderate', { questionId: clientId, action });
      expect(ack).toMatchObject({ ok: false, error: { code: 'identity/forbidden-role' } });
    }
    expect(
      await request(b, 'question:floor', { clientId: randomUUID(), sessionId, text: 'From the floor' }),
    ).toMatchObject({
      ok: false,
      error: { code: 'identity/forbidden-role' },
    });
    expect(
      await request(b, 'poll:create', {
        clientId: randomUUID(),
        sessionId,
        question: 'Mine?',
        kind: 'single',
        options: ['a', 'b'],
      }),
    ).toMatchObject({ ok: false, error: { code: 'identity/forbidden-role' } });
    expect(await request(b, 'session:settings', { sessionId, qaMode: 'open' })).toMatchObject({
      ok: false,
      error: { code: 'identity/forbidden-role' },
    });
    const [row] = await people.dataSource.query<Array<{ status: string }>>(
      'SELECT status FROM questions WHERE id = $1',
      [clientId],
    );
    expect(row?.status).toBe('pending');
    const after = await join(b, sessionId);
    expect(after.seq).toBe(before.seq + 1);
    expect(after.settings.qaMode).toBe('pre_moderated');
    // Someone else's pending question does not exist for Bob: he can neither edit nor withdraw nor upvote it.
    for (const ack of [
      await request(b, 'question:edit', { questionId: clientId, text: 'Hijacked' }),
      await request(b, 'question:withdraw', { questionId: clientId }),
      await request(b, 'question:upvote', { questionId: clientId, up: true }),
    ])
      expect(ack).toMatchObject({ ok: false, error: { code: 'engagement/question-not-found' } });
  });

  it('lets the asker edit and withdraw while pending, and moderators edit any question (audited)', async () => {
    const sessionId = await newSession();
    const mod = await connect(moderator);
    const a = await connect(ada);
    await join(mod, sessionId);
    await join(a, sessionId);
    const first = randomUUID();
    const second = randomUUID();
    data(await request(a, 'question:ask', { clientId: first, sessionId, text: 'Typo in questoin' }));
    data(await request(a, 'question:ask', { clientId: second, sessionId, text: 'Never mind this one' }));
    expect(
      data(await request(a, 'question:edit', { questionId: first, text: 'Typo in question' })).text,
    ).toBe('Typo in question');
    expect(data(await request(a, 'question:withdraw', { questionId: second })).status).toBe('withdrawn');
    data(await request(mod, 'question:moderate', { questionId: first, action: 'approve' }));
    expect(await request(a, 'question:edit', { questionId: first, text: 'Too late' })).toMatchObject({
      ok: false,
      error: { code: 'engagement/not-pending' },
    });
    const edited = data(
      await request(mod, 'question:edit', { questionId: first, text: 'Tidied by the moderator' }),
    );
    expect(edited).toMatchObject({ text: 'Tidied by the moderator', editedByModerator: true });
    const audit = await people.dataSource.query<
      Array<{ action: string; actor_id: string; target_id: string }>
    >(`SELECT action, actor_id, target_id FROM audit_log WHERE details->>'questionId' = $1`, [first]);
    expect(audit).toEqual([
      { action: 'question.edited', actor_id: moderator.personId, target_id: ada.personId },
    ]);
    const snapshot = await join(mod, sessionId);
    expect(snapshot.questions.map((q) => q.id)).toEqual([first]);
  });

  it('keeps one highlighted question per session and pushes upvote counts on a tick', async () => {
    const sessionId = await newSession();
    const mod = await connect(moderator);
    const a = await connect(ada);
    const b = await connect(bob);
    await join(mod, sessionId);
    data(await request(mod, 'session:settings', { sessionId, qaMode: 'open' }));
    await join(a, sessionId);
    const joined = await join(b, sessionId);
    const seen: QuestionChangedEvent[] = [];
    b.on('question:changed', (event) => seen.push(event));
    const [q1, q2] = [randomUUID(), randomUUID()];
    expect(
      data(await request(a, 'question:ask', { clientId: q1, sessionId, text: 'First open question' })).status,
    ).toBe('approved');
    data(await request(a, 'question:ask', { clientId: q2, sessionId, text: 'Second open question' }));
    data(await request(mod, 'question:moderate', { questionId: q1, action: 'highlight' }));
    data(await request(mod, 'question:moderate', { questionId: q2, action: 'highlight' }));
    await eventually(async () => (seen.length >= 5 ? true : undefined));
    // One event per change, numbered without gaps: ask, ask, highlight q1, unhighlight q1, highlight q2.
    expect(seen.map((event) => event.seq)).toEqual([1, 2, 3, 4, 5].map((n) => joined.seq + n));
    expect(seen.slice(2).map((event) => [event.questionId, event.question?.highlighted])).toEqual([
      [q1, true],
      [q1, false],
      [q2, true],
    ]);
    const [count] = await people.dataSource.query<Array<{ n: number }>>(
      'SELECT count(*)::int AS n FROM questions WHERE session_id = $1 AND highlighted',
      [sessionId],
    );
    expect(count?.n).toBe(1);

    // Each push carries the counts that changed since the previous tick; on a loaded machine the four upvotes may
    // straddle two ticks, so the pushes are merged until both counts are known.
    const pushes: Array<{ id: string; votes: number }[]> = [];
    const onRanked = (event: { votes: { id: string; votes: number }[] }): void =>
      void pushes.push(event.votes);
    a.on('questions:ranked', onRanked);
    const upvotes = await Promise.all([
      request(b, 'question:upvote', { questionId: q1, up: true }),
      request(b, 'question:upvote', { questionId: q1, up: true }),
      request(mod, 'question:upvote', { questionId: q1, up: true }),
      request(b, 'question:upvote', { questionId: q2, up: true }),
    ]);
    upvotes.forEach((ack) => expect(ack.ok).toBe(true));
    const merged = await eventually(async () => {
      const counts = new Map(pushes.flat().map((entry) => [entry.id, entry.votes]));
      return counts.get(q1) === 2 && counts.get(q2) === 1 ? counts : undefined;
    });
    a.off('questions:ranked', onRanked);
    expect([...merged]).toEqual(
      expect.arrayContaining([
        [q1, 2],
        [q2, 1],
      ]),
    );
    // Pushed on the tick, never once per upvote.
    expect(pushes.length).toBeLessThan(upvotes.length);
    data(await request(b, 'question:upvote', { questionId: q1, up: false }));
    const snapshot = await join(b, sessionId);
    expect(snapshot.myUpvotes).toEqual([q2]);
    expect(snapshot.questions.find((q) => q.id === q1)?.votes).toBe(1);
  });

  it('refuses an upvote on one\u2019s own question with engagement/own-question, and counts others\u2019', async () => {
    const sessionId = await newSession();
    const mod = await connect(moderator);
    const a = await connect(ada);
    const b = await connect(bob);
    await join(mod, sessionId);
    data(await request(mod, 'session:settings', { sessionId, qaMode: 'open', anonymousAllowed: true }));
    await join(a, sessionId);
    await join(b, sessionId);
    const own = randomUUID();
    const named = data(
      await request(a, 'question:ask', { clientId: own, sessionId, text: 'My own question' }),
    );
    expect(named.status).toBe('approved');
    const anonymous = randomUUID();
    data(
      await request(a, 'question:ask', {
        clientId: anonymous,
        sessionId,
        text: 'Asked hidden',
        anonymous: true,
      }),
    );
    // Named or anonymous, the asker is refused — twice in a row too (no row slips in on a retry).
    for (const questionId of [own, anonymous, own]) {
      expect(await request(a, 'question:upvote', { questionId, up: true })).toMatchObject({
        ok: false,
        error: { code: 'engagement/own-question' },
      });
    }
    // Everyone else may upvote it, and withdrawing one's (absent) own upvote stays harmless.
    expect(data(await request(b, 'question:upvote', { questionId: own, up: true }))).toEqual({
      questionId: own,
      up: true,
    });
    expect(data(await request(a, 'question:upvote', { questionId: own, up: false }))).toEqual({
      questionId: own,
      up: false,
    });
    const votes = await people.dataSource.query<Array<{ person_id: string }>>(
      'SELECT person_id FROM question_votes WHERE question_id = ANY($1)',
      [[own, anonymous]],
    );
    expect(votes.map((vote) => vote.person_id)).toEqual([bob.personId]);
    const snapshot = await join(a, sessionId);
    expect(snapshot.myUpvotes).toEqual([]);
    expect(snapshot.questions.find((q) => q.id === own)).toMatchObject({ votes: 1, mine: true });
  });

  it('hides askers from everyone when the session is confidential, and anonymous askers always', async () => {
    const sessionId = await newSession();
    const mod = await connect(moderator);
    const a = await connect(ada);
    await join(mod, sessionId);
    await join(a, sessionId);
    const named = randomUUID();
    const anonymous = randomUUID();
    data(await request(a, 'question:ask', { clientId: named, sessionId, text: 'A named question' }));
    const anon = data(
      await request(a, 'question:ask', {
        clientId: anonymous,
        sessionId,
        text: 'Anonymous one',
        anonymous: true,
      }),
    );
    expect(anon).toMatchObject({ askerName: null, anonymous: true, mine: true });
    let snapshot = await join(mod, sessionId);
    expect(snapshot.questions.map((q) => [q.id, q.askerName])).toEqual([
      [named, 'Ada Attendee'],
      [anonymous, null],
    ]);

    const resync = collect(a, 'session:resync');
    const changed = collect(a, 'session:settings-changed');
    data(await request(mod, 'session:settings', { sessionId, confidential: true, anonymousAllowed: false }));
    expect((await changed)[0]?.settings).toEqual({
      qaMode: 'pre_moderated',
      anonymousAllowed: false,
      confidential: true,
    });
    expect((await resync)[0]).toEqual({ sessionId, reason: 'settings' });
    // One flag for the session: the video stage reads the same column and refuses to record.
    const [row] = await people.dataSource.query<Array<{ confidential: boolean }>>(
      'SELECT confidential FROM sessions WHERE id = $1',
      [sessionId],
    );
    expect(row?.confidential).toBe(true);
    snapshot = await join(mod, sessionId);
    expect(snapshot.questions.map((q) => q.askerName)).toEqual([null, null]);
    const modEvents = collect(mod, 'question:changed');
    data(
      await request(a, 'question:ask', {
        clientId: randomUUID(),
        sessionId,
        text: 'Asked while confidential',
      }),
    );
    expect((await modEvents)[0]?.question?.askerName).toBeNull();
    expect(
      await request(a, 'question:ask', {
        clientId: randomUUID(),
        sessionId,
        text: 'Hide me',
        anonymous: true,
      }),
    ).toMatchObject({
      ok: false,
      error: { code: 'engagement/anonymous-not-allowed' },
    });
  });

  it('answers floods with rate-limit nacks', async () => {
    const sessionId = await newSession();
    const flooder = await connect(await attendee('Flo Oder'));
    await join(flooder, sessionId);
    const acks = await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        request(flooder, 'question:ask', { clientId: randomUUID(), sessionId, text: `Flood question ${i}` }),
      ),
    );
    expect(acks.filter((ack) => ack.ok)).toHaveLength(5);
    const limited = acks.filter((ack) => !ack.ok);
    expect(limited).toHaveLength(7);
    expect(limited[0]).toMatchObject({
      ok: false,
      error: { code: 'core/rate-limited', details: { retryAfterSeconds: expect.any(Number) } },
    });
    const [count] = await people.dataSource.query<Array<{ n: number }>>(
      'SELECT count(*)::int AS n FROM questions WHERE session_id = $1',
      [sessionId],
    );
    expect(count?.n).toBe(5);
    const upvotes = await Promise.all(
      Array.from({ length: 30 }, () =>
        request(flooder, 'question:upvote', { questionId: randomUUID(), up: true }),
      ),
    );
    expect(
      upvotes.filter((ack) => !ack.ok && ack.error.code === 'core/rate-limited').length,
    ).toBeGreaterThanOrEqual(20);
  });

  it('refuses people without an approved registration or role, and ends expired sessions', async () => {
    const sessionId = await newSession();
    const stranger = await connect(await people.add({ name: 'Stranger' }));
    expect(await request(stranger, 'session:join', { sessionId })).toMatchObject({
      ok: false,
      error: { code: 'registration/not-registered' },
    });
    const waiting = await connect(await people.add({ name: 'Waiting', registration: 'pending' }));
    expect(
      await request(waiting, 'question:ask', { clientId: randomUUID(), sessionId, text: 'Let me in' }),
    ).toMatchObject({
      ok: false,
      error: { code: 'registration/not-approved' },
    });
    expect(await request(waiting, 'session:join', { sessionId: randomUUID() })).toMatchObject({
      ok: false,
      error: { code: 'programme/session-not-found' },
    });
    const leaving = await attendee('Leaving Soon');
    // A session that expires sends no domain event (revocations do: domain-events.int-spec.ts). Its expiry is read
    // with it, so the cached grant ends with it: the first event after the expiry checks again and is refused.
    // The sign-in session is given a lifetime just long enough to connect and join (sessions last days otherwise;
    // SESSION_ABSOLUTE_DAYS counts whole days), then the test waits until it has ended by both clocks.
    const [updated] = await people.dataSource.query<[Array<{ expires_at: Date }>, number]>(
      `UPDATE auth_sessions SET expires_at = now() + interval '1500 milliseconds' WHERE person_id = $1
       RETURNING expires_at`,
      [leaving.personId],
    );
    const expiresAt = new Date(updated[0]?.expires_at ?? 0).getTime();
    const socket = await connect(leaving);
    await join(socket, sessionId);
    await eventually(async () => {
      if (Date.now() <= expiresAt) return undefined;
      const [row] = await people.dataSource.query<Array<{ ended: boolean }>>(
        'SELECT bool_and(expires_at <= now()) AS ended FROM auth_sessions WHERE person_id = $1',
        [leaving.personId],
      );
      return row?.ended ? true : undefined;
    }, 5_000);
    const disconnected = new Promise<string>((resolve) => socket.once('disconnect', resolve));
    expect(
      await request(socket, 'question:ask', { clientId: randomUUID(), sessionId, text: 'Still here?' }),
    ).toMatchObject({
      ok: false,
      error: { code: 'identity/unauthenticated' },
    });
    await expect(disconnected).resolves.toBe('io server disconnect');
  });

  it('applies the idle timeout to sockets too: a sign-in session idle past SESSION_IDLE_HOURS is refused', async () => {
    const sessionId = await newSession();
    const idle = await attendee('Idle Ida');
    const socket = await connect(idle);
    await join(socket, sessionId);
    // The person stays connected but does nothing anywhere for longer than the idle timeout (72 hours by default):
    // the session row's last activity is moved back, as time would.
    await people.dataSource.query(
      `UPDATE auth_sessions SET last_seen_at = now() - make_interval(hours => $2::int + 1) WHERE person_id = $1`,
      [idle.personId, config.SESSION_IDLE_HOURS],
    );
    const other = await newSession();
    expect(await request(socket, 'session:join', { sessionId: other })).toMatchObject({
      ok: false,
      error: { code: 'identity/unauthenticated' },
    });
  });

  it('counts socket activity as activity: a checked session restarts its idle clock', async () => {
    const sessionId = await newSession();
    const busy = await attendee('Busy Bea');
    const socket = await connect(busy);
    await people.dataSource.query(
      `UPDATE auth_sessions SET last_seen_at = now() - interval '2 hours' WHERE person_id = $1`,
      [busy.personId],
    );
    await join(socket, sessionId);
    const [row] = await people.dataSource.query<Array<{ idle_seconds: number }>>(
      `SELECT extract(epoch FROM now() - last_seen_at)::int AS idle_seconds FROM auth_sessions WHERE person_id = $1`,
      [busy.personId],
    );
    expect(row?.idle_seconds).toBeLessThan(60);
  });

  it('validates payloads and renders no text as markup', async () => {
    const sessionId = await newSession();
    const a = await connect(ada);
    await join(a, sessionId);
    expect(await request(a, 'question:ask', { clientId: 'not-a-uuid', sessionId, text: 'x' })).toMatchObject({
      ok: false,
      error: { code: 'core/validation-failed' },
    });
    const tricky = data(
      await request(a, 'question:ask', {
        clientId: randomUUID(),
        sessionId,
        text: '  <img src=x onerror=alert(1)>\u202Egnp.exe\u0000  ',
      }),
    );
    expect(tricky.text).toBe('<img src=x onerror=alert(1)>gnp.exe');
    const events: QuestionChangedEvent[] = [];
    a.on('question:changed', (event) => events.push(event));
    expect(await request(a, 'session:leave', { sessionId })).toEqual({ ok: true, data: { sessionId } });
    data(await request(a, 'question:ask', { clientId: randomUUID(), sessionId, text: 'After leaving' }));
    // Fence: back in the session, the client hears its next question; one about the question asked after leaving
    // would have arrived before it.
    await join(a, sessionId);
    const fence = data(
      await request(a, 'question:ask', { clientId: randomUUID(), sessionId, text: 'Back again' }),
    );
    await eventually(async () => (events.length >= 1 ? true : undefined));
    expect(events.map((event) => event.questionId)).toEqual([fence.id]);
  });
});
