// Benchmark B1: fan-out of moderator actions to 10,000 attendees of one session (docs/benchmarks.md).
//
//   npx nx build api && npx nx build live
//   npx tsx bench/live-b1-fanout.ts [--attendees 10000] [--rate 2] [--seconds 30] [--warmup 5] [--workers 4]
//        [--skip-raw] [--cpu-prof] [--keep]
//
// Creates the database plenary_bench_b1, seeds the attendees (approved registrations, sign-in sessions) and a
// moderator by SQL, starts a private Redis on port 6391 and the built live service with it (streams adapter), and
// connects the attendees from `--workers` socket.io-client processes, each joining the session. The moderator edits
// one approved question `--rate` times a second (open loop); each edit's text carries the time it was sent, so every
// attendee measures trigger → delivery latency (including the database transaction of the edit). The same run
// first measures a raw socket.io server doing the same broadcast to the same number of sockets (baseline).
import {
  CpuWindow,
  connectClient,
  cpuSecondsOf,
  dropDatabase,
  ensureRedis,
  flag,
  freshDatabase,
  insertSession,
  liveMetrics,
  machine,
  now,
  option,
  ORIGIN,
  percentiles,
  procStats,
  report,
  request,
  seedPeople,
  sleep,
  startLive,
  startRawServer,
  type Node,
} from './lib/live-bench';
import { Fleet, merge } from './lib/sio-fleet';
import { Client } from 'pg';

const settings = {
  attendees: Number(option('attendees', '10000')),
  rate: Number(option('rate', '2')),
  seconds: Number(option('seconds', '30')),
  warmup: Number(option('warmup', '5')),
  workers: Number(option('workers', '4')),
  skipRaw: flag('skip-raw'),
  cpuProf: flag('cpu-prof'),
  keep: flag('keep'),
};
const DB = 'plenary_bench_b1';
const TARGET = { p99Ms: 250, rssMB: 250, ratio: 1.2 };

interface PhaseResult {
  connected: number;
  connectSeconds: number;
  triggers: number;
  expected: number;
  received: number;
  lost: number;
  latencyMs: ReturnType<typeof percentiles>;
  serverCpuPct: number;
  /** Server RSS before the clients connect, once they have all joined (before any broadcast), and at its peak. */
  serverRssIdleMB: number;
  serverRssConnectedMB: number;
  serverRssMB: number;
  /** The live node's own heap and event-loop lag once connected, and after the measured window (null for raw). */
  liveMetricsConnected: Awaited<ReturnType<typeof liveMetrics>>;
  liveMetricsAfter: Awaited<ReturnType<typeof liveMetrics>>;
  cpu: Record<string, number>;
  loadGeneratorRssMB: number;
}

/**
 * Connects the fleet, then fires `trigger(id, sentAt)` at `settings.rate` per second: warm-up unrecorded, then the
 * measured window. Returns delivery statistics.
 */
async function phase(
  node: Node,
  cookies: string[],
  sessionId: string,
  trigger: (id: number, sentAt: number) => Promise<boolean>,
): Promise<PhaseResult> {
  const fleet = Fleet.start(settings.workers);
  try {
    const serverRssIdleMB = procStats(node.pid).rssMB;
    const connected = await fleet.connect(node.url, ORIGIN, cookies, sessionId, 40);
    process.stdout.write(
      `  connected ${connected.connected} (failed ${connected.failed}) in ${connected.seconds}s\n`,
    );
    if (connected.failed > 0) process.stdout.write(`  errors: ${JSON.stringify(connected.errors)}\n`);
    await sleep(2000);
    const serverRssConnectedMB = procStats(node.pid).rssMB;
    const liveMetricsConnected = await liveMetrics(node.url);
    let id = 0;
    const fire = async (count: number): Promise<number[]> => {
      const acked: number[] = [];
      const pending: Array<Promise<void>> = [];
      const start = now();
      for (let index = 0; index < count; index += 1) {
        const due = start + (index * 1000) / settings.rate;
        await sleep(Math.max(0, due - now()));
        const current = id++;
        pending.push(
          trigger(current, now()).then(
            (ok) => {
              if (ok) acked.push(current);
            },
            () => undefined,
          ),
        );
      }
      await Promise.all(pending);
      return acked;
    };
    await fire(settings.warmup * settings.rate);
    await sleep(1000);
    await fleet.record(true);
    let peakRss = 0;
    const rssTimer = setInterval(() => (peakRss = Math.max(peakRss, procStats(node.pid).rssMB)), 500);
    const cpu = new CpuWindow({
      server: () => procStats(node.pid).cpuSeconds,
      postgres: () => cpuSecondsOf('postgres'),
      redis: () => cpuSecondsOf('redis-server'),
      loadGenerator: () => fleet.workers.reduce((sum, w) => sum + procStats(w.child.pid ?? 0).cpuSeconds, 0),
    });
    const acked = await fire(settings.seconds * settings.rate);
    await sleep(3000);
    const usage = cpu.end();
    clearInterval(rssTimer);
    peakRss = Math.max(peakRss, procStats(node.pid).rssMB);
    const liveMetricsAfter = await liveMetrics(node.url);
    await fleet.record(false);
    const collected = merge(await fleet.collect());
    const expected = acked.length * connected.connected;
    const received = acked.reduce((sum, key) => sum + (collected.changedCounts[String(key)] ?? 0), 0);
    return {
      connected: connected.connected,
      connectSeconds: connected.seconds,
      triggers: acked.length,
      expected,
      received,
      lost: expected - received,
      latencyMs: percentiles(collected.changedLatencies),
      serverCpuPct: usage['server'] ?? 0,
      serverRssIdleMB,
      serverRssConnectedMB,
      serverRssMB: peakRss,
      liveMetricsConnected,
      liveMetricsAfter,
      cpu: usage,
      loadGeneratorRssMB: collected.rssMB,
    };
  } finally {
    await fleet.close();
  }
}

async function main(): Promise<void> {
  const before = machine();
  process.stdout.write(
    `B1: ${settings.attendees} attendees, ${settings.rate} Hz, ${settings.warmup}s warm-up + ${settings.seconds}s, ` +
      `${settings.workers} client processes; load ${before.load.join(' ')}\n`,
  );
  const databaseUrl = await freshDatabase(DB);
  const db = new Client({ connectionString: databaseUrl });
  await db.connect();
  const attendees = await seedPeople(db, settings.attendees, 'b1');
  const [moderator] = await seedPeople(db, 1, 'b1-mod', ['moderator']);
  const sessionId = await insertSession(db, 'B1 keynote');
  await db.query('ANALYZE');
  const cookies = attendees.map((person) => person.cookie);
  const redisUrl = await ensureRedis(6391);

  let raw: PhaseResult | null = null;
  if (!settings.skipRaw) {
    process.stdout.write('baseline: raw socket.io server\n');
    const server = await startRawServer();
    try {
      raw = await phase(server, cookies, sessionId, async (id, sentAt) => {
        server.process.send({ type: 'emit', sessionId, questionId: 'raw', text: `bench ${id} ${sentAt}` });
        return true;
      });
    } finally {
      await server.stop();
    }
  }

  process.stdout.write('live service (PostgreSQL, Redis streams adapter)\n');
  const live = await startLive({
    databaseUrl,
    redisUrl,
    rateLimitFactor: 100,
    cpuProf: settings.cpuProf ? 'bench/profiles' : undefined,
  });
  let result: PhaseResult;
  try {
    const mod = await connectClient(live.url, moderator?.cookie ?? '', sessionId);
    const question = await request<{ id: string }>(mod, 'question:floor', {
      clientId: crypto.randomUUID(),
      sessionId,
      text: 'bench question',
    });
    result = await phase(live, cookies, sessionId, async (id, sentAt) => {
      const ack = (await mod
        .timeout(10_000)
        .emitWithAck('question:edit', { questionId: question.id, text: `bench ${id} ${sentAt}` })) as {
        ok: boolean;
      };
      return ack.ok;
    });
    mod.close();
  } finally {
    await live.stop();
    await db.end();
    if (!settings.keep) await dropDatabase(DB);
  }

  const ratio = raw ? Number((result.latencyMs.p99 / Math.max(0.01, raw.latencyMs.p99)).toFixed(2)) : null;
  const ratioP50 = raw ? Number((result.latencyMs.p50 / Math.max(0.01, raw.latencyMs.p50)).toFixed(2)) : null;
  const summary = {
    benchmark: 'B1 fan-out',
    settings,
    machineBefore: before,
    machineAfter: machine(),
    raw,
    live: result,
    ratioP99LiveToRaw: ratio,
    ratioP50LiveToRaw: ratioP50,
  };
  report(summary, [
    {
      name: 'p99 ≤ 250 ms',
      pass: result.latencyMs.p99 <= TARGET.p99Ms,
      detail: `p99 ${result.latencyMs.p99} ms (p50 ${result.latencyMs.p50}, max ${result.latencyMs.max})`,
    },
    {
      name: '0 loss',
      pass: result.lost === 0,
      detail: `${result.lost} of ${result.expected} deliveries lost`,
    },
    {
      name: 'live RSS ≤ 250 MB',
      pass: result.serverRssMB <= TARGET.rssMB,
      detail: `peak RSS ${result.serverRssMB} MB with ${result.connected} sockets`,
    },
    {
      name: 'p99 ≤ 1.2 × raw socket.io',
      pass: ratio !== null && ratio <= TARGET.ratio,
      detail: raw
        ? `ratio ${ratio} (raw p99 ${raw.latencyMs.p99} ms, p50 ${raw.latencyMs.p50} ms)`
        : 'raw skipped',
    },
  ]);
  process.exit(0);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
