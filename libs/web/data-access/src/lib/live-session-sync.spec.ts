import type { PollView, QuestionView, ServerToClientEvents, SessionSnapshot } from '@plenary/contracts';
import { QueryClient } from '@tanstack/react-query';
import { applyLiveEvent, liveQueryKeys, setMyUpvote, setMyVote } from './live-session-cache';
import { LiveSessionSync } from './live-session-sync';
import { LiveConnection } from './live-socket';
import type { LiveSocket } from './live-socket';

const SESSION = '5e0c2021-0000-4000-8000-000000000203';

function question(id: string, overrides: Partial<QuestionView> = {}): QuestionView {
  return {
    id,
    sessionId: SESSION,
    text: `Question ${id}`,
    askerName: null,
    anonymous: false,
    source: 'remote',
    status: 'approved',
    votes: 0,
    highlighted: false,
    mine: false,
    createdAt: '2021-10-19T08:00:00.000Z',
    editedByModerator: false,
    ...overrides,
  };
}

function poll(id: string, overrides: Partial<PollView> = {}): PollView {
  return {
    id,
    sessionId: SESSION,
    question: 'Which route?',
    kind: 'single',
    options: [
      { id: 'o1', label: 'North' },
      { id: 'o2', label: 'South' },
    ],
    state: 'open',
    visibility: 'live',
    allowChange: false,
    results: null,
    myVote: null,
    ...overrides,
  };
}

function snapshot(overrides: Partial<SessionSnapshot> = {}): SessionSnapshot {
  return {
    sessionId: SESSION,
    seq: 10,
    canModerate: false,
    settings: { qaMode: 'pre_moderated', anonymousAllowed: true, confidential: false },
    questions: [],
    polls: [],
    myUpvotes: [],
    online: 3,
    ...overrides,
  };
}

type Listener = (payload: never) => void;

/** Just enough of a socket.io client socket: listeners, acks answered by a test function, connect/disconnect. */
class FakeSocket {
  connected = false;
  active = false;
  id: string | undefined;
  private generation = 0;
  private readonly listeners = new Map<string, Set<Listener>>();
  readonly sent: Array<{ event: string; payload: unknown; answer: (ack: unknown) => void }> = [];

  on(event: string, listener: Listener) {
    const set = this.listeners.get(event) ?? new Set();
    set.add(listener);
    this.listeners.set(event, set);
    return this;
  }

  off(event: string, listener: Listener) {
    this.listeners.get(event)?.delete(listener);
    return this;
  }

  timeout() {
    return {
      emitWithAck: (event: string, payload: unknown) =>
        new Promise((answer) => this.sent.push({ event, payload, answer })),
    };
  }

  connect() {
    this.active = true;
    return this;
  }

  disconnect() {
    this.connected = false;
    this.active = false;
    return this;
  }

  /** The server accepted the handshake. */
  open() {
    this.generation += 1;
    this.connected = true;
    this.active = true;
    this.id = `socket-${this.generation}`;
    this.fire('connect');
  }

  /** The network dropped; the manager will reconnect. */
  drop() {
    this.connected = false;
    this.fire('disconnect', 'transport close');
  }

  fire(event: string, payload?: unknown) {
    for (const listener of this.listeners.get(event) ?? []) (listener as (value: unknown) => void)(payload);
  }

  push<E extends keyof ServerToClientEvents>(event: E, payload: Parameters<ServerToClientEvents[E]>[0]) {
    this.fire(event, payload);
  }

  joins() {
    return this.sent.filter((request) => request.event === 'session:join');
  }
}

/** Lets pending promise callbacks run (the fake timers do not cover them). */
async function flush(): Promise<void> {
  for (let i = 0; i < 20; i += 1) await Promise.resolve();
}

describe(LiveSessionSync.name, () => {
  let socket: FakeSocket;
  let queryClient: QueryClient;
  let sync: LiveSessionSync;
  const cached = () => queryClient.getQueryData<SessionSnapshot>(liveQueryKeys.session(SESSION));

  /** Runs the session's query through the sync, as `useLiveSession` does. */
  const fetchSession = () =>
    queryClient.fetchQuery({
      queryKey: liveQueryKeys.session(SESSION),
      queryFn: () => sync.join(),
      staleTime: Infinity,
    });

  beforeEach(() => {
    jest.useFakeTimers();
    socket = new FakeSocket();
    queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });
    const connection = new LiveConnection(socket as unknown as LiveSocket, { random: () => 0.5 });
    sync = new LiveSessionSync(connection, queryClient, SESSION, { gapWaitMs: 1_000, random: () => 0.5 });
    // A query observer, so refetches (resyncs) run as they do with a mounted component.
    queryClient
      .getQueryCache()
      .build(queryClient, { queryKey: liveQueryKeys.session(SESSION), queryFn: () => sync.join() });
    sync.start();
  });

  afterEach(() => {
    sync.stop();
    queryClient.clear();
    jest.useRealTimers();
  });

  async function joinWith(answer: SessionSnapshot): Promise<void> {
    const fetched = fetchSession();
    socket.open();
    await flush();
    const join = socket.joins().at(-1);
    expect(join?.payload).toEqual({ sessionId: SESSION });
    join?.answer({ ok: true, data: answer });
    await fetched;
  }

  it('waits for the connection, joins, and caches the snapshot', async () => {
    await joinWith(snapshot({ questions: [question('q1')] }));
    expect(cached()?.questions.map((q) => q.id)).toEqual(['q1']);
  });

  it('buffers events that arrive before the join answer and applies only those newer than the snapshot', async () => {
    const fetched = fetchSession();
    socket.open();
    await flush();
    // Sent between "joined the rooms" and "read the snapshot": already in it.
    socket.push('question:changed', {
      sessionId: SESSION,
      seq: 10,
      questionId: 'q1',
      question: question('q1'),
    });
    // Committed after the snapshot was read.
    socket.push('question:changed', {
      sessionId: SESSION,
      seq: 11,
      questionId: 'q2',
      question: question('q2'),
    });
    socket.joins()[0]?.answer({ ok: true, data: snapshot({ questions: [question('q1')] }) });
    await fetched;
    expect(cached()?.questions.map((q) => q.id)).toEqual(['q1', 'q2']);
    expect(cached()?.seq).toBe(11);
  });

  it('applies pushed events in order: questions, ranked votes, polls, tallies and settings', async () => {
    await joinWith(
      snapshot({ questions: [question('q1'), question('q2')], polls: [poll('p1', { myVote: ['o2'] })] }),
    );

    socket.push('question:changed', {
      sessionId: SESSION,
      seq: 11,
      questionId: 'q2',
      question: question('q2', { highlighted: true }),
    });
    socket.push('questions:ranked', { sessionId: SESSION, seq: 11, votes: [{ id: 'q1', votes: 7 }] });
    socket.push('poll:changed', {
      sessionId: SESSION,
      seq: 12,
      pollId: 'p1',
      poll: poll('p1', { state: 'closed' }),
    });
    socket.push('poll:tally', {
      sessionId: SESSION,
      seq: 12,
      pollId: 'p1',
      results: { counts: { o1: 1, o2: 3 }, voters: 4 },
    });
    socket.push('session:settings-changed', {
      sessionId: SESSION,
      seq: 13,
      settings: { qaMode: 'open', anonymousAllowed: false, confidential: false },
    });
    socket.push('question:changed', { sessionId: SESSION, seq: 14, questionId: 'q1', question: null });

    const state = cached();
    expect(state?.seq).toBe(14);
    expect(state?.questions.map((q) => [q.id, q.highlighted, q.votes])).toEqual([['q2', true, 0]]);
    // The broadcast carries no personal state: the viewer's own vote stays.
    expect(state?.polls[0]).toMatchObject({ state: 'closed', myVote: ['o2'], results: { voters: 4 } });
    expect(state?.settings.qaMode).toBe('open');
    // Events for another session are not ours.
    socket.push('question:changed', {
      sessionId: 'other',
      seq: 15,
      questionId: 'x',
      question: question('x'),
    });
    expect(cached()?.questions).toHaveLength(1);
  });

  it('drops events it already has and holds an early one until the missing one arrives', async () => {
    await joinWith(snapshot());
    socket.push('question:changed', {
      sessionId: SESSION,
      seq: 10,
      questionId: 'old',
      question: question('old'),
    });
    socket.push('question:changed', {
      sessionId: SESSION,
      seq: 12,
      questionId: 'q12',
      question: question('q12'),
    });
    expect(cached()?.questions).toEqual([]);
    socket.push('question:changed', {
      sessionId: SESSION,
      seq: 11,
      questionId: 'q11',
      question: question('q11'),
    });
    expect(cached()?.questions.map((q) => q.id)).toEqual(['q11', 'q12']);
    jest.advanceTimersByTime(2_000);
    expect(socket.joins()).toHaveLength(1);
  });

  it('rejoins when a gap stays open for a second, and replaces its state with the new snapshot', async () => {
    await joinWith(snapshot());
    socket.push('question:changed', {
      sessionId: SESSION,
      seq: 12,
      questionId: 'q12',
      question: question('q12'),
    });
    jest.advanceTimersByTime(999);
    expect(socket.joins()).toHaveLength(1);
    jest.advanceTimersByTime(1);
    await flush();
    expect(socket.joins()).toHaveLength(2);
    socket.joins()[1]?.answer({
      ok: true,
      data: snapshot({ seq: 12, questions: [question('q11'), question('q12')] }),
    });
    await flush();
    expect(cached()?.seq).toBe(12);
    expect(cached()?.questions.map((q) => q.id)).toEqual(['q11', 'q12']);
  });

  it('treats a ranked list or tally ahead of its sequence as a gap', async () => {
    await joinWith(snapshot());
    socket.push('questions:ranked', { sessionId: SESSION, seq: 11, votes: [] });
    jest.advanceTimersByTime(1_000);
    await flush();
    expect(socket.joins()).toHaveLength(2);
  });

  it('learns from the node’s session:seq that it missed the last event, and rejoins if it does not arrive', async () => {
    await joinWith(snapshot());
    // The number it already holds: nothing to do.
    socket.push('session:seq', { sessionId: SESSION, seq: 10 });
    jest.advanceTimersByTime(2_000);
    await flush();
    expect(socket.joins()).toHaveLength(1);
    // Ahead: event 11 was lost on its way (no later event would reveal it); the late event closes the gap in time…
    socket.push('session:seq', { sessionId: SESSION, seq: 11 });
    jest.advanceTimersByTime(500);
    socket.push('question:changed', {
      sessionId: SESSION,
      seq: 11,
      questionId: 'q11',
      question: question('q11'),
    });
    jest.advanceTimersByTime(1_000);
    await flush();
    expect(socket.joins()).toHaveLength(1);
    expect(cached()?.seq).toBe(11);
    // …and a gap that stays open a second is a rejoin, whose snapshot holds what was missed.
    socket.push('session:seq', { sessionId: SESSION, seq: 12 });
    jest.advanceTimersByTime(1_000);
    await flush();
    expect(socket.joins()).toHaveLength(2);
    socket.joins()[1]?.answer({
      ok: true,
      data: snapshot({ seq: 12, questions: [question('q11'), question('q12')] }),
    });
    await flush();
    expect(cached()?.questions.map((q) => q.id)).toEqual(['q11', 'q12']);
  });

  it('rejoins on session:resync after a random delay of up to two seconds', async () => {
    await joinWith(snapshot());
    socket.push('session:resync', { sessionId: SESSION, reason: 'settings' });
    jest.advanceTimersByTime(999);
    expect(socket.joins()).toHaveLength(1);
    jest.advanceTimersByTime(1);
    await flush();
    expect(socket.joins()).toHaveLength(2);
  });

  it('rejoins after a reconnect (rooms do not survive it)', async () => {
    await joinWith(snapshot());
    socket.drop();
    socket.open();
    await flush();
    expect(socket.joins()).toHaveLength(2);
    expect(socket.joins()[1]?.payload).toEqual({ sessionId: SESSION });
  });

  it('fails the query with the server’s error when the join is refused', async () => {
    const fetched = fetchSession();
    socket.open();
    await flush();
    socket.joins()[0]?.answer({
      ok: false,
      error: { code: 'registration/not-approved', message: 'Not approved', details: { status: 'pending' } },
    });
    await expect(fetched).rejects.toMatchObject({ name: 'LiveAckError', code: 'registration/not-approved' });
  });
});

describe('live session cache', () => {
  it('keeps "mine" on the viewer’s own question when a broadcast says otherwise, and drops withdrawn ones', () => {
    const start = snapshot({ questions: [question('q1', { mine: true, status: 'pending' })] });
    const approved = applyLiveEvent(start, {
      type: 'question:changed',
      payload: { sessionId: SESSION, seq: 11, questionId: 'q1', question: question('q1') },
    });
    expect(approved.questions[0]).toMatchObject({ mine: true, status: 'approved' });
    const withdrawn = applyLiveEvent(start, {
      type: 'question:changed',
      payload: {
        sessionId: SESSION,
        seq: 11,
        questionId: 'q1',
        question: question('q1', { mine: true, status: 'withdrawn' }),
      },
    });
    expect(withdrawn.questions).toEqual([]);
  });

  it('records the viewer’s own upvotes and ballots without touching the input', () => {
    const start = snapshot({ polls: [poll('p1')] });
    const upvoted = setMyUpvote(start, 'q1', true);
    expect(upvoted.myUpvotes).toEqual(['q1']);
    expect(setMyUpvote(upvoted, 'q1', false).myUpvotes).toEqual([]);
    expect(setMyVote(start, 'p1', ['o1']).polls[0]?.myVote).toEqual(['o1']);
    expect(start.myUpvotes).toEqual([]);
    expect(start.polls[0]?.myVote).toBeNull();
  });
});
