// Benchmark B6: two live nodes joined by the Redis streams adapter (docs/benchmarks.md).
//
//   npx nx build api && npx nx build live
//   npx tsx bench/live-b6-redis.ts [--people 2000] [--rate 10] [--seconds 20] [--outage 5] [--workers 4] [--keep]
//
// Starts a private Redis on port 6390 (never the shared one: this benchmark stops and restarts it), creates
// plenary_bench_b6 and two built live nodes A and B on it. Half the clients connect to A, half to B, all joined to
// one session; a moderator on A edits a question `--rate` times a second, the edit's text carrying its send time.
// Phase 1 compares delivery latency on A (same node) and B (through Redis). Phase 2 keeps editing while Redis is
// shut down for `--outage` seconds and started again, then counts, per node, the edits acknowledged to the moderator
// that did not reach every client.
import { spawn } from 'node:child_process';
import { Client } from 'pg';
import {
  connectClient,
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
  rate: Number(option('rate', '10')),
  seconds: Number(option('seconds', '20')),
  outage: Number(option('outage', '5')),
  workers: Number(option('workers', '4')),
  keep: flag('keep'),
};
const DB = 'plenary_bench_b6';
const REDIS_PORT = 6390;
const TARGET = { hopP50Ms: 5 };

function redisCli(...args: string[]): Promise<void> {
  return new Promise((resolve) => {
    spawn('redis-cli', ['-p', String(REDIS_PORT), ...args], { stdio: 'ignore' }).on('exit', () => resolve());
  });
}

async function main(): Promise<void> {
  const before = machine();
  process.stdout.write(
    `B6: ${settings.people} clients on two nodes, ${settings.rate} edits/s, ${settings.seconds}s + ` +
      `${settings.outage}s Redis outage; load ${before.load.join(' ')}\n`,
  );
  const redisUrl = await ensureRedis(REDIS_PORT);
  const databaseUrl = await freshDatabase(DB);
  const db = new Client({ connectionString: databaseUrl });
  await db.connect();
  const people = await seedPeople(db, settings.people, 'b6');
  const [moderator] = await seedPeople(db, 1, 'b6-mod', ['moderator']);
  const sessionId = await insertSession(db, 'B6 two-node session');
  await db.query('ANALYZE');
  const nodes = [
    await startLive({ databaseUrl, redisUrl, rateLimitFactor: 100 }),
    await startLive({ databaseUrl, redisUrl, rateLimitFactor: 100 }),
  ];
  const fleet = Fleet.start(settings.workers);
  const onB = (worker: number): boolean => worker >= settings.workers / 2;
  try {
    const mod = await connectClient(nodes[0]?.url ?? '', moderator?.cookie ?? '', sessionId);
    const question = await request<{ id: string }>(mod, 'question:floor', {
      clientId: crypto.randomUUID(),
      sessionId,
      text: 'bench question',
    });
    const connected = await fleet.connect(
      (worker) => nodes[onB(worker) ? 1 : 0]?.url ?? '',
      ORIGIN,
      people.map((person) => person.cookie),
      sessionId,
      40,
    );
    process.stdout.write(
      `  connected ${connected.connected} (failed ${connected.failed}) in ${connected.seconds}s\n`,
    );
    const perNode = connected.connected / 2;
    await sleep(2000);

    let id = 0;
    const sentAt = new Map<number, number>();
    const errors: Record<string, number> = {};
    const edit = async (seconds: number, during?: (elapsed: number) => Promise<void>): Promise<number[]> => {
      const acked: number[] = [];
      const pending: Array<Promise<void>> = [];
      const start = now();
      const side = during ? during(0) : Promise.resolve();
      for (let index = 0; index < seconds * settings.rate; index += 1) {
        await sleep(Math.max(0, start + (index * 1000) / settings.rate - now()));
        const current = id++;
        sentAt.set(current, now());
        pending.push(
          (
            mod.timeout(30_000).emitWithAck('question:edit', {
              questionId: question.id,
              text: `bench ${current} ${now()}`,
            }) as Promise<{ ok: boolean; error?: { code: string } }>
          ).then(
            (ack) => {
              if (ack.ok) acked.push(current);
              else errors[ack.error?.code ?? '?'] = (errors[ack.error?.code ?? '?'] ?? 0) + 1;
            },
            (error: Error) => {
              errors[error.message] = (errors[error.message] ?? 0) + 1;
            },
          ),
        );
      }
      await Promise.all([...pending, side]);
      return acked;
    };
    const byNode = (parts: Collected[]) => ({
      a: merge(parts.filter((_, worker) => !onB(worker))),
      b: merge(parts.filter((_, worker) => onB(worker))),
    });
    const lost = (part: Collected, acked: number[]): number =>
      acked.reduce((sum, key) => sum + perNode - (part.changedCounts[String(key)] ?? 0), 0);
    /** Edits some clients of a node missed, with their send time relative to the Redis shutdown. */
    const missed = (
      part: Collected,
      acked: number[],
    ): Array<{ edit: number; received: number; sentMs: number }> =>
      acked
        .filter((key) => (part.changedCounts[String(key)] ?? 0) < perNode)
        .map((key) => ({
          edit: key,
          received: part.changedCounts[String(key)] ?? 0,
          sentMs: Math.round((sentAt.get(key) ?? 0) - outage.stoppedAt),
        }));

    // Phase 1: latency, same node vs across Redis.
    await edit(2);
    await sleep(1000);
    await fleet.record(true);
    const ackedLatency = await edit(settings.seconds);
    await sleep(3000);
    await fleet.record(false);
    const latency = byNode(await fleet.collect());
    const a = percentiles(latency.a.changedLatencies);
    const b = percentiles(latency.b.changedLatencies);

    // Phase 2: Redis stops for `outage` seconds while the moderator keeps editing.
    await fleet.record(true);
    let outage = { stoppedAt: 0, startedAt: 0 };
    const ackedOutage = await edit(settings.outage + 10, async () => {
      await sleep(3000);
      outage.stoppedAt = now();
      await redisCli('shutdown', 'nosave');
      await sleep(settings.outage * 1000);
      await ensureRedis(REDIS_PORT);
      outage = { ...outage, startedAt: now() };
    });
    await sleep(10_000);
    await fleet.record(false);
    const restart = byNode(await fleet.collect());
    mod.close();

    const summary = {
      benchmark: 'B6 two nodes via Redis',
      settings,
      machineBefore: before,
      machineAfter: machine(),
      connected: connected.connected,
      latency: {
        edits: ackedLatency.length,
        sameNodeMs: a,
        crossNodeMs: b,
        hopP50Ms: Number((b.p50 - a.p50).toFixed(2)),
        hopP99Ms: Number((b.p99 - a.p99).toFixed(2)),
        lostA: lost(latency.a, ackedLatency),
        lostB: lost(latency.b, ackedLatency),
      },
      restart: {
        outageSeconds: Number(((outage.startedAt - outage.stoppedAt) / 1000).toFixed(1)),
        editsSent: settings.rate * (settings.outage + 10),
        editsAcked: ackedOutage.length,
        editErrors: errors,
        lostA: lost(restart.a, ackedOutage),
        lostB: lost(restart.b, ackedOutage),
        missedA: missed(restart.a, ackedOutage),
        missedB: missed(restart.b, ackedOutage),
        disconnects: restart.a.disconnects + restart.b.disconnects,
        crossNodeMs: percentiles(restart.b.changedLatencies),
        sameNodeMs: percentiles(restart.a.changedLatencies),
      },
    };
    report(summary, [
      {
        name: 'Redis hop ≤ 5 ms at p50',
        pass: summary.latency.hopP50Ms <= TARGET.hopP50Ms,
        detail: `same node p50 ${a.p50} ms, cross node p50 ${b.p50} ms (p99 ${a.p99} / ${b.p99} ms)`,
      },
      {
        name: 'nothing lost across a Redis restart',
        pass:
          summary.restart.lostA === 0 &&
          summary.restart.lostB === 0 &&
          summary.restart.editsAcked === summary.restart.editsSent,
        detail:
          `${summary.restart.editsAcked}/${summary.restart.editsSent} edits acked; lost on A ` +
          `${summary.restart.lostA}, on B ${summary.restart.lostB} deliveries`,
      },
    ]);
  } finally {
    await fleet.close();
    await Promise.all(nodes.map((node) => node.stop()));
    await db.end();
    if (!settings.keep) await dropDatabase(DB);
  }
  process.exit(0);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
