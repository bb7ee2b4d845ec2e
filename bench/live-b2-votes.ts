// Benchmark B2: poll votes at 20,000/s for 10 s from 2,000 clients, 5 % of them retries (docs/benchmarks.md).
//
//   npx nx build api && npx nx build live
//   npx tsx bench/live-b2-votes.ts [--people 2000] [--rate 20000] [--seconds 10] [--warmup 2] [--duplicates 0.05]
//        [--workers 4] [--cpu-prof] [--keep]
//
// Creates plenary_bench_b2, seeds the people and a moderator by SQL, starts a private Redis on port 6391 and the
// built live service (ENGAGEMENT_RATE_LIMIT_FACTOR=100: one simulated person votes ~10 times a second here). The
// moderator creates and opens enough polls (4 options, results after close) that every person votes once in each;
// the clients, joined to the session from `--workers` processes, vote open-loop at `--rate` in total, a share of
// them being retries of a recent vote by the same client (same poll, same option). Ack latency counts from the
// scheduled send time. Afterwards the moderator closes every poll and the script checks the closing tallies
// against `SELECT count(*)` and every acked vote against the stored ballots.
import { Client } from 'pg';
import {
  CpuWindow,
  connectClient,
  cpuSecondsOf,
  dropDatabase,
  ensureRedis,
  flag,
  freshDatabase,
  insertSession,
  machine,
  option,
  ORIGIN,
  percentiles,
  procStats,
  report,
  request,
  seedPeople,
  sleep,
  startLive,
} from './lib/live-bench';
import { Fleet, merge } from './lib/sio-fleet';
import type { Collected } from './lib/sio-worker';

const settings = {
  people: Number(option('people', '2000')),
  rate: Number(option('rate', '20000')),
  seconds: Number(option('seconds', '10')),
  warmup: Number(option('warmup', '2')),
  duplicates: Number(option('duplicates', '0.05')),
  workers: Number(option('workers', '4')),
  cpuProf: flag('cpu-prof'),
  keep: flag('keep'),
};
const DB = 'plenary_bench_b2';
const TARGET = { rate: 20_000, p99Ms: 250 };
const OPTIONS = ['o1', 'o2', 'o3', 'o4'];

interface PollResults {
  counts: Record<string, number>;
  voters: number;
}

async function main(): Promise<void> {
  const before = machine();
  const pollCount =
    Math.ceil(
      ((settings.warmup + settings.seconds) * settings.rate * (1 - settings.duplicates)) / settings.people,
    ) + 5;
  process.stdout.write(
    `B2: ${settings.people} clients, ${settings.rate} votes/s (${settings.duplicates * 100} % retries), ` +
      `${settings.warmup}s warm-up + ${settings.seconds}s, ${pollCount} polls; load ${before.load.join(' ')}\n`,
  );
  const databaseUrl = await freshDatabase(DB);
  const db = new Client({ connectionString: databaseUrl });
  await db.connect();
  const people = await seedPeople(db, settings.people, 'b2');
  const [moderator] = await seedPeople(db, 1, 'b2-mod', ['moderator']);
  const sessionId = await insertSession(db, 'B2 plenary');
  await db.query('ANALYZE');
  const redisUrl = await ensureRedis(6391);
  const live = await startLive({
    databaseUrl,
    redisUrl,
    rateLimitFactor: 100,
    cpuProf: settings.cpuProf ? 'bench/profiles' : undefined,
  });
  const fleet = Fleet.start(settings.workers);
  try {
    const mod = await connectClient(live.url, moderator?.cookie ?? '', sessionId);
    const polls: Array<{ id: string; options: string[] }> = [];
    for (let index = 0; index < pollCount; index += 1) {
      const poll = await request<{ id: string }>(mod, 'poll:create', {
        clientId: crypto.randomUUID(),
        sessionId,
        question: `Bench poll ${index}`,
        kind: 'single',
        options: OPTIONS.map((label) => `Option ${label}`),
        visibility: 'after_close',
      });
      await request(mod, 'poll:open', { pollId: poll.id });
      polls.push({ id: poll.id, options: OPTIONS });
    }
    const connected = await fleet.connect(
      live.url,
      ORIGIN,
      people.map((person) => person.cookie),
      sessionId,
      40,
    );
    process.stdout.write(
      `  connected ${connected.connected} (failed ${connected.failed}) in ${connected.seconds}s\n`,
    );
    await sleep(2000);

    const perWorker = settings.rate / settings.workers;
    const vote = (seconds: number) =>
      fleet.all({
        type: 'votes',
        rate: perWorker,
        seconds,
        polls,
        duplicateShare: settings.duplicates,
      });
    await vote(settings.warmup);
    const warm = merge(await fleet.collect());
    const cpu = new CpuWindow({
      live: () => procStats(live.pid).cpuSeconds,
      postgres: () => cpuSecondsOf('postgres'),
      redis: () => cpuSecondsOf('redis-server'),
      loadGenerator: () => fleet.workers.reduce((sum, w) => sum + procStats(w.child.pid ?? 0).cpuSeconds, 0),
    });
    const started = performance.now();
    await vote(settings.seconds);
    const elapsed = (performance.now() - started) / 1000;
    const usage = cpu.end();
    const rss = procStats(live.pid).rssMB;
    const measured = merge(await fleet.collect());

    // Close every poll: its closing view carries the final tallies the service computed.
    const closing = new Map<string, PollResults>();
    for (const poll of polls) {
      const view = await request<{ results: PollResults | null }>(mod, 'poll:close', { pollId: poll.id });
      if (view.results) closing.set(poll.id, view.results);
    }
    mod.close();

    const verification = await verify(db, polls, people, [warm, measured], closing);
    const acked = measured.ackLatencies.length - measured.timeouts - sum(measured.nacks);
    const summary = {
      benchmark: 'B2 votes',
      settings: { ...settings, polls: pollCount },
      machineBefore: before,
      machineAfter: machine(),
      connected: connected.connected,
      measured: {
        sent: measured.sent,
        duplicatesSent: measured.duplicatesSent,
        seconds: Number(elapsed.toFixed(2)),
        ackedOkPerSecond: Math.round(acked / elapsed),
        nacks: measured.nacks,
        timeouts: measured.timeouts,
        disconnects: measured.disconnects,
        ackLatencyMs: percentiles(measured.ackLatencies),
      },
      cpu: usage,
      liveRssMB: rss,
      verification,
    };
    report(summary, [
      {
        name: '20,000 votes/s sustained',
        pass: measured.sent / elapsed >= TARGET.rate * 0.98 && acked / elapsed >= TARGET.rate * 0.98,
        detail: `${Math.round(measured.sent / elapsed)}/s sent, ${Math.round(acked / elapsed)}/s acked ok`,
      },
      {
        name: 'ack p99 ≤ 250 ms',
        pass: summary.measured.ackLatencyMs.p99 <= TARGET.p99Ms,
        detail: `p99 ${summary.measured.ackLatencyMs.p99} ms (p50 ${summary.measured.ackLatencyMs.p50}, max ${summary.measured.ackLatencyMs.max})`,
      },
      {
        name: 'final tallies = SELECT count(*)',
        pass: verification.tallyMismatches === 0,
        detail: `${verification.tallyMismatches} of ${pollCount} polls differ`,
      },
      {
        name: '0 doubles',
        pass: verification.doubles === 0,
        detail: `${verification.doubles} ballots beyond one per (poll, person); ${verification.storedNotAcked} stored without an ok ack`,
      },
      {
        name: '0 lost acked votes',
        pass: verification.lostAcked === 0,
        detail: `${verification.lostAcked} of ${verification.ackedUnique} acked votes missing or different`,
      },
    ]);
  } finally {
    await fleet.close();
    await live.stop();
    await db.end();
    if (!settings.keep) await dropDatabase(DB);
  }
  process.exit(0);
}

const sum = (record: Record<string, number>): number => Object.values(record).reduce((a, b) => a + b, 0);

/** Compares acked votes, stored ballots and the closing tallies. */
async function verify(
  db: Client,
  polls: Array<{ id: string }>,
  people: Array<{ personId: string }>,
  parts: Collected[],
  closing: Map<string, PollResults>,
) {
  const pollIndex = new Map(polls.map((poll, index) => [poll.id, index]));
  const personIndex = new Map(people.map((person, index) => [person.personId, index]));
  const acked = new Map<number, string>();
  for (const part of parts)
    part.ackedPairs.forEach((pair, index) => acked.set(pair, part.ackedOptions[index] ?? ''));
  const rows = await db.query<{ poll_id: string; person_id: string; option_ids: string[] }>(
    'SELECT poll_id, person_id, option_ids FROM poll_ballots',
  );
  const stored = new Map<number, string>();
  let doubles = 0;
  for (const row of rows.rows) {
    const key = (pollIndex.get(row.poll_id) ?? -1) * 1e6 + (personIndex.get(row.person_id) ?? -1);
    if (stored.has(key)) doubles += 1;
    stored.set(key, row.option_ids.join(','));
  }
  let lostAcked = 0;
  for (const [key, optionId] of acked) if (stored.get(key) !== optionId) lostAcked += 1;
  let storedNotAcked = 0;
  for (const key of stored.keys()) if (!acked.has(key)) storedNotAcked += 1;
  const counts = await db.query<{ poll_id: string; option: string; n: string }>(
    `SELECT poll_id, option, count(*) AS n FROM poll_ballots, unnest(option_ids) AS option GROUP BY poll_id, option`,
  );
  const voters = await db.query<{ poll_id: string; n: string }>(
    'SELECT poll_id, count(*) AS n FROM poll_ballots GROUP BY poll_id',
  );
  const expected = new Map<string, PollResults>();
  for (const poll of polls) expected.set(poll.id, { counts: {}, voters: 0 });
  for (const row of counts.rows) {
    const entry = expected.get(row.poll_id);
    if (entry) entry.counts[row.option] = Number(row.n);
  }
  for (const row of voters.rows) {
    const entry = expected.get(row.poll_id);
    if (entry) entry.voters = Number(row.n);
  }
  let tallyMismatches = 0;
  for (const poll of polls) {
    const want = expected.get(poll.id);
    const got = closing.get(poll.id);
    const same =
      want &&
      got &&
      got.voters === want.voters &&
      OPTIONS.every((optionId) => (got.counts[optionId] ?? 0) === (want.counts[optionId] ?? 0));
    if (!same) tallyMismatches += 1;
  }
  return {
    ballotsStored: rows.rows.length,
    ackedUnique: acked.size,
    lostAcked,
    storedNotAcked,
    doubles,
    tallyMismatches,
  };
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
