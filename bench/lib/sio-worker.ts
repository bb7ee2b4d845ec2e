// One load-generator process of the live benchmarks: holds up to ~10k socket.io-client sockets, joins them to a
// session, records what they receive and drives open-loop votes or upvotes. Forked by bench/lib/sio-fleet.ts and
// steered over IPC (see `Command`). Latencies are measured on the machine-wide clock `performance.timeOrigin +
// performance.now()`, which every process of the box shares.
import { io, type Socket } from 'socket.io-client';

const LIVE_SOCKET_PATH = '/live/socket.io';
const now = (): number => performance.timeOrigin + performance.now();

export type Command =
  | {
      type: 'connect';
      url: string;
      origin: string;
      cookies: string[];
      /** Global index of the first cookie (people are numbered across workers). */
      firstIndex: number;
      sessionId: string | null;
      concurrency: number;
    }
  | { type: 'record'; on: boolean }
  | {
      type: 'votes';
      rate: number;
      seconds: number;
      polls: Array<{ id: string; options: string[] }>;
      duplicateShare: number;
    }
  | {
      type: 'upvotes';
      rate: number;
      seconds: number;
      questions: string[];
      /** Zipf exponent of the popularity of `questions` (in the given order). */
      skew: number;
    }
  | { type: 'collect' }
  | { type: 'close' };

export interface Collected {
  /** Receive latency of `question:changed` events whose text is `bench <id> <sentAt>`. */
  changedLatencies: number[];
  /** Receipts per bench change id. */
  changedCounts: Record<string, number>;
  /** Per moderation key (`<questionId>:approved` / `<questionId>:highlighted`): first receipt time per socket. */
  moderation: Record<string, number[]>;
  /** `questions:ranked` arrivals: list key → receive times (one per socket). */
  ranked: Record<string, number[]>;
  /** Upvote sent (scheduled) → first `questions:ranked` naming the question received after the ack. */
  upvoteVisible: number[];
  ackLatencies: number[];
  /** Votes acked ok, as pollIndex * 1e6 + personIndex. */
  ackedPairs: number[];
  /** Option voted per acked pair, in the same order as `ackedPairs`. */
  ackedOptions: string[];
  nacks: Record<string, number>;
  sent: number;
  duplicatesSent: number;
  timeouts: number;
  disconnects: number;
  cpuSeconds: number;
  rssMB: number;
}

type Ack = { ok: true; data: unknown } | { ok: false; error: { code: string } };
type RankedEvent = { sessionId: string; seq: number; votes: Array<{ id: string; votes: number }> };
type ChangedEvent = {
  questionId: string;
  question: { text: string; status: string; highlighted: boolean } | null;
};

const sockets: Socket[] = [];
let firstIndex = 0;
let recording = false;
let cpuStart = process.cpuUsage();
let collected = fresh();

function fresh(): Collected {
  return {
    changedLatencies: [],
    changedCounts: {},
    moderation: {},
    ranked: {},
    upvoteVisible: [],
    ackLatencies: [],
    ackedPairs: [],
    ackedOptions: [],
    nacks: {},
    sent: 0,
    duplicatesSent: 0,
    timeouts: 0,
    disconnects: 0,
    cpuSeconds: 0,
    rssMB: 0,
  };
}

/** Per socket: upvote state and pending "visible in the ranked list" probes. */
interface SocketState {
  upvoted: Set<string>;
  /** questionId → [scheduled send time, ack time or 0]. */
  probes: Map<string, [number, number]>;
  seen: Set<string>;
}
const states: SocketState[] = [];

function listen(socket: Socket, state: SocketState): void {
  socket.on('question:changed', (event: ChangedEvent) => {
    if (!recording) return;
    const at = now();
    const text = event.question?.text ?? '';
    if (text.startsWith('bench ')) {
      const [, id, sentAt] = text.split(' ');
      collected.changedLatencies.push(at - Number(sentAt));
      collected.changedCounts[id ?? ''] = (collected.changedCounts[id ?? ''] ?? 0) + 1;
    }
    if (event.question) {
      const keys = [];
      if (event.question.status === 'approved') keys.push(`${event.questionId}:approved`);
      if (event.question.highlighted) keys.push(`${event.questionId}:highlighted`);
      for (const key of keys) {
        if (state.seen.has(key)) continue;
        state.seen.add(key);
        (collected.moderation[key] ??= []).push(at);
      }
    }
  });
  socket.on('questions:ranked', (event: RankedEvent) => {
    if (!recording) return;
    const at = now();
    const key = event.votes.map((entry) => `${entry.id.slice(0, 8)}=${entry.votes}`).join(',');
    (collected.ranked[key] ??= []).push(at);
    for (const entry of event.votes) {
      const probe = state.probes.get(entry.id);
      if (probe && probe[1] > 0) {
        collected.upvoteVisible.push(at - probe[0]);
        state.probes.delete(entry.id);
      }
    }
  });
  socket.on('disconnect', () => {
    collected.disconnects += 1;
  });
}

function connectOne(url: string, origin: string, cookie: string, sessionId: string | null): Promise<Socket> {
  const socket = io(url, {
    path: LIVE_SOCKET_PATH,
    transports: ['websocket'],
    extraHeaders: { origin, cookie },
    reconnection: false,
    timeout: 60_000,
    forceNew: true,
  });
  return new Promise((resolve, reject) => {
    socket.once('connect_error', (error) => {
      socket.close();
      reject(error);
    });
    socket.once('connect', () => {
      if (!sessionId) return resolve(socket);
      socket.timeout(60_000).emit('session:join', { sessionId }, (error: Error | null, ack: Ack) => {
        if (error) return reject(error);
        if (!ack.ok) return reject(new Error(`join refused: ${ack.error.code}`));
        resolve(socket);
      });
    });
  });
}

async function connect(command: Extract<Command, { type: 'connect' }>): Promise<unknown> {
  firstIndex = command.firstIndex;
  const started = now();
  const errors: Record<string, number> = {};
  let next = 0;
  const slots: Array<Socket | null> = new Array<Socket | null>(command.cookies.length).fill(null);
  const lane = async (): Promise<void> => {
    for (;;) {
      const index = next++;
      const cookie = command.cookies[index];
      if (cookie === undefined) return;
      try {
        slots[index] = await connectOne(command.url, command.origin, cookie, command.sessionId);
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        errors[message] = (errors[message] ?? 0) + 1;
      }
    }
  };
  await Promise.all(Array.from({ length: command.concurrency }, lane));
  for (const socket of slots) {
    const state: SocketState = { upvoted: new Set(), probes: new Map(), seen: new Set() };
    if (socket) listen(socket, state);
    // Failed slots stay as closed placeholders so indices keep matching people.
    sockets.push(socket ?? io('http://127.0.0.1:9', { autoConnect: false }));
    states.push(state);
  }
  return {
    connected: slots.filter(Boolean).length,
    failed: slots.filter((socket) => !socket).length,
    errors,
    seconds: Number(((now() - started) / 1000).toFixed(1)),
  };
}

/** Open loop: every 5 ms, send what the schedule says is due; latencies count from the scheduled time. */
function openLoop(rate: number, seconds: number, send: (scheduledAt: number) => void): Promise<void> {
  return new Promise((resolve) => {
    const start = now();
    const total = Math.round(rate * seconds);
    let sent = 0;
    const timer = setInterval(() => {
      const due = Math.min(total, Math.floor(((now() - start) / 1000) * rate));
      while (sent < due) {
        send(start + (sent / rate) * 1000);
        sent += 1;
      }
      if (sent >= total) {
        clearInterval(timer);
        resolve();
      }
    }, 5);
  });
}

function emitWithAck(socket: Socket, event: string, payload: unknown, done: (ack: Ack | null) => void): void {
  socket.timeout(30_000).emit(event, payload, (error: Error | null, ack: Ack) => done(error ? null : ack));
}

function nack(code: string): void {
  collected.nacks[code] = (collected.nacks[code] ?? 0) + 1;
}

/** Where each socket is in its list of polls, kept across `votes` commands (warm-up, then measured). */
const voteCursor: number[] = [];
const recentVotes: Array<{ socket: Socket; person: number; poll: number; option: string }> = [];
let voteTurn = 0;

/** B2: each person votes once in each poll (persons round-robin, polls in a per-person order), plus retries. */
async function votes(command: Extract<Command, { type: 'votes' }>): Promise<void> {
  const live = sockets.map((socket, index) => ({ socket, index })).filter(({ socket }) => socket.connected);
  const cursor = voteCursor;
  const recent = recentVotes;
  const pending: Array<Promise<void>> = [];
  const send = (
    vote: { socket: Socket; person: number; poll: number; option: string },
    scheduledAt: number,
  ): void => {
    collected.sent += 1;
    const pollId = command.polls[vote.poll]?.id ?? '';
    pending.push(
      new Promise((resolve) =>
        emitWithAck(vote.socket, 'poll:vote', { pollId, optionIds: [vote.option] }, (ack) => {
          collected.ackLatencies.push(now() - scheduledAt);
          if (!ack) collected.timeouts += 1;
          else if (ack.ok) {
            collected.ackedPairs.push(vote.poll * 1e6 + firstIndex + vote.person);
            collected.ackedOptions.push(vote.option);
          } else nack(ack.error.code);
          resolve();
        }),
      ),
    );
  };
  await openLoop(command.rate, command.seconds, (scheduledAt) => {
    if (recent.length > 0 && Math.random() < command.duplicateShare) {
      // A retry of a recent vote by the same client: same poll, same option, a new emit.
      const vote = recent[Math.floor(Math.random() * recent.length)];
      if (vote) {
        collected.duplicatesSent += 1;
        send(vote, scheduledAt);
        return;
      }
    }
    for (let attempt = 0; attempt < live.length; attempt += 1) {
      const entry = live[voteTurn++ % live.length];
      if (!entry) break;
      const round = cursor[entry.index] ?? 0;
      if (round >= command.polls.length) continue;
      cursor[entry.index] = round + 1;
      const poll = (entry.index + firstIndex + round) % command.polls.length;
      const options = command.polls[poll]?.options ?? [];
      const option = options[(entry.index * 7 + round) % options.length] ?? 'o1';
      const vote = { socket: entry.socket, person: entry.index, poll, option };
      if (recent.length < 500) recent.push(vote);
      else recent[Math.floor(Math.random() * recent.length)] = vote;
      send(vote, scheduledAt);
      return;
    }
  });
  await Promise.all(pending);
}

/** B3: Zipf-skewed upvotes; a socket that already upvoted the question takes its upvote back instead. */
async function upvotes(command: Extract<Command, { type: 'upvotes' }>): Promise<void> {
  const live = sockets.map((socket, index) => ({ socket, index })).filter(({ socket }) => socket.connected);
  const weights = command.questions.map((_, rank) => 1 / (rank + 1) ** command.skew);
  const total = weights.reduce((sum, value) => sum + value, 0);
  const cumulative: number[] = [];
  weights.reduce((sum, value) => {
    cumulative.push((sum + value) / total);
    return sum + value;
  }, 0);
  const pick = (): string => {
    const r = Math.random();
    const index = cumulative.findIndex((edge) => r <= edge);
    return command.questions[index < 0 ? command.questions.length - 1 : index] ?? '';
  };
  let turn = 0;
  const pending: Array<Promise<void>> = [];
  await openLoop(command.rate, command.seconds, (scheduledAt) => {
    const entry = live[turn++ % live.length];
    if (!entry) return;
    const state = states[entry.index];
    if (!state) return;
    const questionId = pick();
    const up = !state.upvoted.has(questionId);
    if (up) state.upvoted.add(questionId);
    else state.upvoted.delete(questionId);
    const probe: [number, number] = [scheduledAt, 0];
    state.probes.set(questionId, probe);
    collected.sent += 1;
    pending.push(
      new Promise((resolve) =>
        emitWithAck(entry.socket, 'question:upvote', { questionId, up }, (ack) => {
          collected.ackLatencies.push(now() - scheduledAt);
          if (!ack) collected.timeouts += 1;
          else if (!ack.ok) nack(ack.error.code);
          if (ack?.ok) probe[1] = now();
          else state.probes.delete(questionId);
          resolve();
        }),
      ),
    );
  });
  await Promise.all(pending);
}

async function handle(command: Command): Promise<unknown> {
  switch (command.type) {
    case 'connect':
      return connect(command);
    case 'record':
      recording = command.on;
      if (command.on) cpuStart = process.cpuUsage();
      return { recording };
    case 'votes':
      await votes(command);
      return { done: true };
    case 'upvotes':
      await upvotes(command);
      return { done: true };
    case 'collect': {
      const cpu = process.cpuUsage(cpuStart);
      const result = {
        ...collected,
        cpuSeconds: (cpu.user + cpu.system) / 1e6,
        rssMB: Math.round(process.memoryUsage().rss / 2 ** 20),
      };
      collected = fresh();
      for (const state of states) state.probes.clear();
      return result;
    }
    case 'close':
      for (const socket of sockets) socket.close();
      setTimeout(() => process.exit(0), 100);
      return { closed: true };
  }
}

process.on('message', (message: { id: number; command: Command }) => {
  handle(message.command).then(
    (result) => process.send?.({ id: message.id, result }),
    (error: unknown) =>
      process.send?.({ id: message.id, error: error instanceof Error ? error.message : String(error) }),
  );
});
