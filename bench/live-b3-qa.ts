// Benchmark B3: Q&A under load — 2,000 upvotes/s from 2,000 clients skewed onto a few hot questions, ranked lists
// pushed to everyone, and moderation (approve, highlight) reaching everyone (docs/benchmarks.md).
//
//   npx nx build api && npx nx build live
//   npx tsx bench/live-b3-qa.ts [--people 2000] [--rate 2000] [--seconds 20] [--warmup 3] [--questions 20]
//        [--skew 1.2] [--workers 4] [--cpu-prof] [--keep]
//
// Creates plenary_bench_b3 (a pre-moderated session), seeds the people, a moderator and 30 askers by SQL, starts a
// private Redis on port 6391 and the built live service (ENGAGEMENT_RATE_LIMIT_FACTOR=100). The moderator enters
// `--questions` approved questions; the askers each ask one question, which waits for moderation. All clients join
// the session from `--workers` processes and upvote open-loop at `--rate` in total, picking questions by a Zipf law
// (a client that already upvoted the question takes the upvote back, so hot questions stay hot). Meanwhile the
// moderator approves one pending question and highlights another every second.
//
// Measured: upvote ack latency; **upvote → visible**: from the upvote's scheduled send to the first
// `questions:ranked` naming that question received by the same client after its ack (includes the ticker's 250 ms
// coalescing); **ranked fan-out**: each ranked list's arrival at every client relative to its first arrival
// anywhere; **moderation → visible**: from the moderator's send to each client's receipt of the change.
import { Client } from 'pg';
import type { Socket } from 'socket.io-client';
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
} from './lib/live-bench';
import { Fleet, merge } from './lib/sio-fleet';

const settings = {
  people: Number(option('people', '2000')),
  rate: Number(option('rate', '2000')),
  seconds: Number(option('seconds', '20')),
  warmup: Number(option('warmup', '3')),
  questions: Number(option('questions', '20')),
  skew: Number(option('skew', '1.2')),
  workers: Number(option('workers', '4')),
  cpuProf: flag('cpu-prof'),
  keep: flag('keep'),
};
const DB = 'plenary_bench_b3';
const ASKERS = 30;
const TARGET = { rankedP99Ms: 250, moderationMs: 500 };

async function main(): Promise<void> {
  const before = machine();
  process.stdout.write(
    `B3: ${settings.people} clients, ${settings.rate} upvotes/s over ${settings.questions} questions (Zipf ` +
      `${settings.skew}), ${settings.warmup}s warm-up + ${settings.seconds}s; load ${before.load.join(' ')}\n`,
  );
  const databaseUrl = await freshDatabase(DB);
  const db = new Client({ connectionString: databaseUrl });
  await db.connect();
  const people = await seedPeople(db, settings.people, 'b3');
  const askers = await seedPeople(db, ASKERS, 'b3-asker');
  const [moderator] = await seedPeople(db, 1, 'b3-mod', ['moderator']);
  const sessionId = await insertSession(db, 'B3 panel');
  await db.query('ANALYZE');
  const redisUrl = await ensureRedis(6391);
  const live = await startLive({
    databaseUrl,
    redisUrl,
    rateLimitFactor: 100,
    cpuProf: settings.cpuProf ? 'bench/profiles' : undefined,
  });
  const fleet = Fleet.start(settings.workers);
  const sockets: Socket[] = [];
  try {
    const mod = await connectClient(live.url, moderator?.cookie ?? '', sessionId);
    sockets.push(mod);
    const hot: string[] = [];
    for (let index = 0; index < settings.questions; index += 1) {
      const question = await request<{ id: string }>(mod, 'question:floor', {
        clientId: crypto.randomUUID(),
        sessionId,
        text: `Hot question ${index}`,
      });
      hot.push(question.id);
    }
    const pending: string[] = [];
    for (const [index, asker] of askers.entries()) {
      const socket = await connectClient(live.url, asker.cookie, sessionId);
      sockets.push(socket);
      const question = await request<{ id: string; status: string }>(socket, 'question:ask', {
        clientId: crypto.randomUUID(),
        sessionId,
        text: `Pending question ${index}`,
      });
      if (question.status !== 'pending') throw new Error('the session is expected to be pre-moderated');
      pending.push(question.id);
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
    const upvote = (seconds: number) =>
      fleet.all({ type: 'upvotes', rate: perWorker, seconds, questions: hot, skew: settings.skew });
    await fleet.record(true);
    await upvote(settings.warmup);
    await sleep(500);
    await fleet.collect();

    const cpu = new CpuWindow({
      live: () => procStats(live.pid).cpuSeconds,
      postgres: () => cpuSecondsOf('postgres'),
      redis: () => cpuSecondsOf('redis-server'),
      loadGenerator: () => fleet.workers.reduce((sum, w) => sum + procStats(w.child.pid ?? 0).cpuSeconds, 0),
    });
    const sentAt = new Map<string, number>();
    const moderationErrors: string[] = [];
    const moderate = async (): Promise<void> => {
      const start = now();
      for (let second = 0; second < settings.seconds - 1 && second < pending.length; second += 1) {
        await sleep(Math.max(0, start + (second + 0.5) * 1000 - now()));
        const approve = pending[second] ?? '';
        sentAt.set(`${approve}:approved`, now());
        const approving = request(mod, 'question:moderate', { questionId: approve, action: 'approve' }).catch(
          (error: Error) => {
            moderationErrors.push(error.message);
            sentAt.delete(`${approve}:approved`);
          },
        );
        const target = hot[(second % (hot.length - 1)) + 1] ?? '';
        const key = `${target}:highlighted`;
        if (!sentAt.has(key)) {
          sentAt.set(key, now());
          await request(mod, 'question:moderate', { questionId: target, action: 'highlight' }).catch(
            (error: Error) => {
              moderationErrors.push(error.message);
              sentAt.delete(key);
            },
          );
        }
        await approving;
      }
    };
    const started = performance.now();
    await Promise.all([upvote(settings.seconds), moderate()]);
    const elapsed = (performance.now() - started) / 1000;
    await sleep(1500);
    const usage = cpu.end();
    const rss = procStats(live.pid).rssMB;
    await fleet.record(false);
    const collected = merge(await fleet.collect());

    // Ranked lists: arrival at each client relative to the list's first arrival anywhere.
    const spread: number[] = [];
    let rankedLists = 0;
    let rankedArrivals = 0;
    for (const times of Object.values(collected.ranked)) {
      const first = Math.min(...times);
      rankedLists += 1;
      rankedArrivals += times.length;
      for (const time of times) spread.push(time - first);
    }
    const moderation: number[] = [];
    let moderationMissing = 0;
    for (const [key, sent] of sentAt) {
      const times = collected.moderation[key] ?? [];
      moderationMissing += connected.connected - times.length;
      for (const time of times) moderation.push(time - sent);
    }
    const acked = collected.ackLatencies.length - collected.timeouts;
    const summary = {
      benchmark: 'B3 Q&A',
      settings,
      machineBefore: before,
      machineAfter: machine(),
      connected: connected.connected,
      upvotes: {
        sent: collected.sent,
        perSecond: Math.round(collected.sent / elapsed),
        nacks: collected.nacks,
        timeouts: collected.timeouts,
        ackLatencyMs: percentiles(collected.ackLatencies),
      },
      upvoteToVisibleMs: percentiles(collected.upvoteVisible),
      rankedFanOut: {
        lists: rankedLists,
        arrivals: rankedArrivals,
        expectedArrivals: rankedLists * connected.connected,
        spreadMs: percentiles(spread),
      },
      moderation: {
        actions: sentAt.size,
        errors: moderationErrors,
        missingDeliveries: moderationMissing,
        latencyMs: percentiles(moderation),
      },
      disconnects: collected.disconnects,
      cpu: usage,
      liveRssMB: rss,
      acked,
    };
    report(summary, [
      {
        name: '2,000 upvotes/s',
        pass: collected.sent / elapsed >= settings.rate * 0.98 && collected.timeouts === 0,
        detail: `${summary.upvotes.perSecond}/s, ack p99 ${summary.upvotes.ackLatencyMs.p99} ms`,
      },
      {
        name: 'ranked list delivered p99 ≤ 250 ms (upvote → visible, incl. 250 ms tick)',
        pass: summary.upvoteToVisibleMs.p99 <= TARGET.rankedP99Ms,
        detail: `p99 ${summary.upvoteToVisibleMs.p99} ms (p50 ${summary.upvoteToVisibleMs.p50})`,
      },
      {
        name: 'ranked list fan-out p99 ≤ 250 ms (after first arrival)',
        pass: summary.rankedFanOut.spreadMs.p99 <= TARGET.rankedP99Ms,
        detail: `p99 ${summary.rankedFanOut.spreadMs.p99} ms over ${rankedLists} lists`,
      },
      {
        name: 'moderation visible to all ≤ 500 ms',
        pass:
          summary.moderation.latencyMs.max <= TARGET.moderationMs &&
          moderationMissing === 0 &&
          moderationErrors.length === 0,
        detail:
          `max ${summary.moderation.latencyMs.max} ms, p99 ${summary.moderation.latencyMs.p99} ms, ` +
          `${moderationMissing} deliveries missing, ${moderationErrors.length} actions failed`,
      },
    ]);
  } finally {
    sockets.forEach((socket) => socket.close());
    await fleet.close();
    await live.stop();
    await db.end();
    if (!settings.keep) await dropDatabase(DB);
  }
  process.exit(0);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
