/// <reference lib="dom" />
// Benchmark: the event page of a big programme — a 3-day event with 150 sessions and 400 speakers.
//   1. `GET /api/events/:slug` at a fixed 500 requests/s (open loop: requests leave on schedule whether or not the
//      previous ones were answered), with `If-None-Match` (304) and without (200), p50/p99, next to a baseline at the
//      same rate in the same run (`/healthz`, the cheapest route of the same process). Target: p99 ≤ 20 ms (304).
//   2. The programme page "interactive" in Chromium: from navigation start to the moment the first day's session
//      list is rendered and the main thread is idle (no long task in the next 500 ms). Target ≤ 1.5 s.
//
//   npx nx run-many -t build --projects=api,live,web
//   npx tsx bench/programme-page.ts [--rate 500] [--seconds 20] [--runs 5]
//
// Starts the platform as the e2e tests do (embedded PostgreSQL, built api/live/web, free ports; the api on a port
// this script knows so it is measured without the web proxy), creates the event through ProgrammeWriter's batch path
// (`createEvent` + `createProgramme`, what the seed and imports use), publishes it, then measures. Prints one JSON
// object, with the machine's load average before and after.
import { API_ENTITIES } from '../apps/api/src/app/entities';
import { launchBrowser } from '../apps/e2e/src/support/browser';
import { startPlatform } from '../apps/e2e/src/support/platform';
import { dataSourceOptions } from '@plenary/server-core';
import { ProgrammeRepository, ProgrammeWriter } from '@plenary/server-programme';
import { Agent, request } from 'node:http';
import { createServer } from 'node:net';
import { cpus, loadavg, totalmem } from 'node:os';
import { DataSource } from 'typeorm';

function option(name: string, fallback: string): string {
  const index = process.argv.indexOf(`--${name}`);
  return index >= 0 ? (process.argv[index + 1] ?? fallback) : fallback;
}
const RATE = Number(option('rate', '500'));
const SECONDS = Number(option('seconds', '20'));
const RUNS = Number(option('runs', '5'));
const SLUG = 'bench-programme';
const DAYS = ['2027-03-09', '2027-03-10', '2027-03-11'];
const SESSIONS_PER_DAY = 50;
const SPEAKERS = 400;
const ROOMS = 6;
const TARGET_P99_MS = 20;
const TARGET_INTERACTIVE_MS = 1500;

const load = (): number[] => loadavg().map((value) => Math.round(value * 100) / 100);

async function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer();
    server.on('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        address && typeof address === 'object' ? done(address.port) : fail(new Error('no port')),
      );
    });
  });
}

const percentile = (sorted: number[], p: number): number =>
  sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? NaN;
const round = (value: number): number => Math.round(value * 100) / 100;

/** Creates and publishes the event through the writer's batch path, in one transaction. */
async function createBigEvent(databaseUrl: string): Promise<void> {
  const dataSource = new DataSource(dataSourceOptions(databaseUrl, API_ENTITIES, 2));
  await dataSource.initialize();
  try {
    const writer = new ProgrammeWriter(new ProgrammeRepository(dataSource));
    await dataSource.transaction(async (manager) => {
      const event = await writer.createEvent(
        manager,
        {
          slug: SLUG,
          name: 'Benchmark Congress 2027',
          shortName: null,
          tagline: 'Three days, 150 sessions, 400 speakers',
          description: 'A programme the size of a large congress.',
          startDate: DAYS[0] as string,
          endDate: DAYS[DAYS.length - 1] as string,
          timeZone: 'Europe/Vienna',
          format: 'hybrid',
          venue: { name: 'Congress Centre', address: null, city: 'Vienna', country: 'AT' },
          organiser: { name: 'Bench', url: null },
          contactEmail: null,
          languages: ['en'],
        },
        { status: 'published' },
      );
      const rooms = Array.from({ length: ROOMS }, (_, index) => ({
        id: crypto.randomUUID(),
        name: `Room ${index + 1}`,
        capacity: 200,
        videoMode: 'livekit' as const,
        externalStreamUrl: null,
        order: index,
      }));
      const speakers = Array.from({ length: SPEAKERS }, (_, index) => ({
        id: crypto.randomUUID(),
        honorific: index % 5 === 0 ? 'Dr' : null,
        name: `Speaker ${index + 1} Example`,
        title: 'Director of Research',
        organisation: `Institute ${(index % 40) + 1}`,
        country: 'Austria',
        bio: `Works on migration policy. Speaker number ${index + 1}.`,
        photoUrl: null,
        externalId: null,
        order: index,
      }));
      const sessions = DAYS.flatMap((day, dayIndex) =>
        Array.from({ length: SESSIONS_PER_DAY }, (_, index) => {
          const n = dayIndex * SESSIONS_PER_DAY + index;
          const slot = Math.floor(index / ROOMS); // 9 slots of 6 rooms (the last slot partly filled)
          const start = 8 * 60 + slot * 60;
          const time = (minutes: number) =>
            `${day}T${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
          return {
            kind: index === 0 ? ('opening' as const) : ('panel' as const),
            title: `Session ${n + 1}: partnerships, mobility and the labour market`,
            abstract: `An abstract of session ${n + 1}, with **Markdown** and a [link](https://example.org).`,
            startsLocal: time(start),
            endsLocal: time(start + 50),
            roomId: rooms[index % ROOMS]?.id ?? null,
            speakers: [0, 1, 2].map((k) => ({
              speakerId: speakers[(n * 3 + k) % SPEAKERS]?.id as string,
              role: k === 0 ? ('moderator' as const) : ('panelist' as const),
            })),
            qaEnabled: true,
            pollsEnabled: true,
            confidential: false,
            visibility: 'public' as const,
            cancelled: false,
            externalId: null,
          };
        }),
      );
      await writer.createProgramme(manager, event.value.id, { rooms, speakers, sessions });
    });
  } finally {
    await dataSource.destroy();
  }
}

interface Phase {
  name: string;
  path: string;
  headers: Record<string, string>;
  expectStatus: number;
}

/** Sends `RATE` requests per second for `SECONDS` (after one warm-up second), on schedule; every latency recorded. */
async function openLoop(baseUrl: string, phase: Phase, seconds: number) {
  const url = new URL(baseUrl);
  const agent = new Agent({ keepAlive: true, maxSockets: 256 });
  const latencies: number[] = [];
  const statuses: Record<string, number> = {};
  let wrong = 0;
  const one = (record: boolean): Promise<void> =>
    new Promise((resolve) => {
      const started = process.hrtime.bigint();
      const req = request(
        {
          agent,
          host: url.hostname,
          port: url.port,
          method: 'GET',
          path: phase.path,
          headers: phase.headers,
        },
        (res) => {
          res.resume();
          res.on('end', () => {
            if (record) {
              latencies.push(Number(process.hrtime.bigint() - started) / 1e6);
              statuses[String(res.statusCode)] = (statuses[String(res.statusCode)] ?? 0) + 1;
              if (res.statusCode !== phase.expectStatus) wrong += 1;
            }
            resolve();
          });
        },
      );
      req.on('error', () => {
        if (record) statuses['error'] = (statuses['error'] ?? 0) + 1;
        resolve();
      });
      req.end();
    });
  const run = async (duration: number, record: boolean): Promise<number> => {
    const inFlight: Array<Promise<void>> = [];
    const start = performance.now();
    let sent = 0;
    const total = Math.round(duration * RATE);
    while (sent < total) {
      const due = Math.min(total, Math.floor(((performance.now() - start) / 1000) * RATE));
      for (; sent < due; sent += 1) inFlight.push(one(record));
      await new Promise((resolve) => setTimeout(resolve, 1));
    }
    await Promise.all(inFlight);
    return (performance.now() - start) / 1000;
  };
  await run(1, false);
  const elapsed = await run(seconds, true);
  agent.destroy();
  const sorted = [...latencies].sort((a, b) => a - b);
  return {
    name: phase.name,
    path: phase.path,
    requests: latencies.length,
    achievedRate: Math.round(latencies.length / elapsed),
    statuses,
    unexpectedStatus: wrong,
    latencyMs: {
      p50: round(percentile(sorted, 50)),
      p90: round(percentile(sorted, 90)),
      p99: round(percentile(sorted, 99)),
      max: round(sorted[sorted.length - 1] ?? NaN),
    },
  };
}

async function main(): Promise<void> {
  const apiPort = await freePort();
  const loadBefore = load();
  const platform = await startPlatform({ env: { API_PORT: String(apiPort) } });
  const browser = await launchBrowser({ viewport: { width: 1280, height: 900 } });
  try {
    const port = /embedded PostgreSQL on port (\d+)/.exec(platform.output.join(''))?.[1];
    if (!port) throw new Error('the platform did not say where its PostgreSQL is');
    const createdAt = performance.now();
    await createBigEvent(`postgres://postgres:postgres@127.0.0.1:${port}/plenary`);
    const createMs = Math.round(performance.now() - createdAt);

    const api = `http://127.0.0.1:${apiPort}`;
    const first = await fetch(`${api}/api/events/${SLUG}`);
    const body = (await first.json()) as { days: Array<{ sessions: unknown[] }>; speakers: unknown[] };
    const etag = first.headers.get('etag') ?? '';
    const sessions = body.days.reduce((sum, day) => sum + day.sessions.length, 0);
    const pageBytes = Number(first.headers.get('content-length') ?? 0);

    const http = [];
    const phases: Phase[] = [
      { name: 'baseline /healthz', path: '/healthz', headers: {}, expectStatus: 200 },
      {
        name: 'event page, If-None-Match (304)',
        path: `/api/events/${SLUG}`,
        headers: { 'if-none-match': etag },
        expectStatus: 304,
      },
      { name: 'event page, full (200)', path: `/api/events/${SLUG}`, headers: {}, expectStatus: 200 },
    ];
    for (const phase of phases) {
      http.push(await openLoop(api, phase, SECONDS));
      process.stderr.write(`${JSON.stringify(http[http.length - 1])}\n`);
    }
    const loadAfterHttp = load();

    // The programme page in Chromium: navigation start → first day's list rendered → no long task for 500 ms.
    const runs: Array<{ listRenderedMs: number; interactiveMs: number; longTasks: number }> = [];
    for (let run = 0; run < RUNS; run += 1) {
      const page = await browser.newPage();
      // tsx (esbuild) names inner functions with a `__name` helper that the page does not have.
      await page.addInitScript({ content: 'globalThis.__name = (fn) => fn;' });
      await page.addInitScript(() => {
        const w = window as unknown as { __longTasks: Array<{ start: number; end: number }> };
        w.__longTasks = [];
        new PerformanceObserver((list) => {
          for (const entry of list.getEntries())
            w.__longTasks.push({ start: entry.startTime, end: entry.startTime + entry.duration });
        }).observe({ type: 'longtask', buffered: true });
      });
      await page.goto(`${platform.url}/e/${SLUG}/programme`, { waitUntil: 'commit' });
      const listRenderedMs = await page.evaluate(
        (expected) =>
          new Promise<number>((resolve) => {
            const check = (): void => {
              if (document.querySelectorAll('.pp-session-list > li').length >= expected)
                resolve(performance.now());
              else requestAnimationFrame(check);
            };
            check();
          }),
        SESSIONS_PER_DAY,
      );
      const interactiveMs = await page.evaluate(
        (rendered) =>
          new Promise<number>((resolve) => {
            const w = window as unknown as { __longTasks: Array<{ start: number; end: number }> };
            const lastEnd = (): number => Math.max(rendered, ...w.__longTasks.map((task) => task.end));
            const wait = (): void => {
              const quietSince = lastEnd();
              if (performance.now() - quietSince >= 500) resolve(quietSince);
              else setTimeout(wait, 50);
            };
            wait();
          }),
        listRenderedMs,
      );
      const longTasks = await page.evaluate(
        () => (window as unknown as { __longTasks: unknown[] }).__longTasks.length,
      );
      runs.push({
        listRenderedMs: Math.round(listRenderedMs),
        interactiveMs: Math.round(interactiveMs),
        longTasks,
      });
      await page.close();
    }
    const interactive = runs.map((run) => run.interactiveMs).sort((a, b) => a - b);
    const medianInteractive = percentile(interactive, 50);
    const conditional = http[1];
    process.stdout.write(
      `${JSON.stringify(
        {
          benchmark: 'programme-page',
          event: {
            slug: SLUG,
            days: DAYS.length,
            sessions,
            speakers: body.speakers.length,
            pageBytes,
            createMs,
          },
          rate: RATE,
          seconds: SECONDS,
          http,
          chromium: { runs, medianInteractiveMs: medianInteractive },
          targets: {
            eventPage304P99Ms: TARGET_P99_MS,
            eventPage304Result: conditional && conditional.latencyMs.p99 <= TARGET_P99_MS ? 'PASS' : 'MISS',
            interactiveMs: TARGET_INTERACTIVE_MS,
            interactiveResult: medianInteractive <= TARGET_INTERACTIVE_MS ? 'PASS' : 'MISS',
          },
          machine: {
            cpus: cpus().length,
            model: cpus()[0]?.model,
            memoryGb: Math.round(totalmem() / 2 ** 30),
            loadavgBefore: loadBefore,
            loadavgAfterHttp: loadAfterHttp,
            loadavgAfter: load(),
            node: process.version,
          },
          date: new Date().toISOString(),
        },
        null,
        2,
      )}\n`,
    );
  } finally {
    await browser.close();
    await platform.interrupt();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
