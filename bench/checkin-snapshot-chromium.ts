/// <reference lib="dom" />
// Benchmark: the staff app's offline list on the device — download of a 10,000-registration snapshot and its
// indexing into IndexedDB (Dexie), in Chromium, through the app's real code path. Target ≤ 3 s.
//
//   npx nx run-many -t build --projects=api,live,web
//   npx tsx bench/checkin-snapshot-chromium.ts [--registrations 10000] [--runs 3]
//
// Starts the platform as the e2e tests do (embedded PostgreSQL, built api/live/web, free ports), inserts the
// registrations (approved, one ticket each) straight into PostgreSQL, signs the demo door staff in, registers a device
// and picks a gate in the staff app, then for each run empties the phone's offline list (keeping the device) and
// reloads: the app fetches the full snapshot and stores it. It measures, in the page, from the start of the snapshot
// request to the moment the app shows the stored count ("Offline list: N registrations"), split into the download
// (Resource Timing: request start to response end) and the rest (JSON parse, zod validation, IndexedDB writes,
// render). Prints one JSON object.
import { cpus, loadavg, totalmem } from 'node:os';
import { Client } from 'pg';
import { outboxListSchema } from '@plenary/contracts';
import { launchBrowser } from '../apps/e2e/src/support/browser';
import { startPlatform, type Platform } from '../apps/e2e/src/support/platform';

const EVENT_ID = '5e0c2021-0000-4000-8000-000000000001';
const EVENT = 'vmc2021';

function option(name: string, fallback: string): string {
  const index = process.argv.indexOf(`--${name}`);
  return index >= 0 ? (process.argv[index + 1] ?? fallback) : fallback;
}
const REGISTRATIONS = Number(option('registrations', '10000'));
const RUNS = Number(option('runs', '3'));
const TARGET_MS = 3000;

async function seed(databaseUrl: string, count: number): Promise<void> {
  const db = new Client({ connectionString: databaseUrl });
  await db.connect();
  try {
    await db.query(
      `WITH rows AS (
         SELECT gen_random_uuid() AS person, gen_random_uuid() AS registration, n FROM generate_series(1, $2) AS n),
       people AS (
         INSERT INTO people (id, email, name)
         SELECT person, 'snapshot-bench-' || n || '@example.org', 'Bench Attendee ' || n FROM rows),
       registrations AS (
         INSERT INTO registrations (id, event_id, person_id, organisation, job_title, country, attendance, status,
                                    privacy_accepted_at)
         SELECT registration, $1, person, 'Bench Org ' || (n % 500), 'Delegate', 'AT', 'in_person', 'approved', now()
           FROM rows)
       INSERT INTO tickets (id, event_id, registration_id, issued_at)
       SELECT gen_random_uuid(), $1, registration, now() FROM rows`,
      [EVENT_ID, count],
    );
  } finally {
    await db.end();
  }
}

async function signInLink(platform: Platform, email: string): Promise<string> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const outbox = outboxListSchema.parse(await (await fetch(`${platform.url}/api/dev/outbox`)).json());
    const token = outbox.messages
      .filter((m) => m.to === email && m.subject.includes('sign-in link'))
      .map((m) => /#token=([A-Za-z0-9_-]{43})/.exec(m.text)?.[1])
      .find(Boolean);
    if (token) return `${platform.url}/auth/confirm#token=${token}`;
    if (Date.now() > deadline) throw new Error('no sign-in mail');
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

const percentile = (values: number[], p: number): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
};

async function main(): Promise<void> {
  const platform = await startPlatform();
  const browser = await launchBrowser({ viewport: { width: 390, height: 844 } });
  try {
    const port = /embedded PostgreSQL on port (\d+)/.exec(platform.output.join(''))?.[1];
    if (!port) throw new Error('the platform did not say where its PostgreSQL is');
    await seed(`postgres://postgres:postgres@127.0.0.1:${port}/plenary`, REGISTRATIONS);

    const page = await browser.newPage();
    await page.goto(`${platform.url}/sign-in`);
    await page.getByRole('textbox', { name: /E-mail address/ }).fill('staff@plenary.test');
    await page.getByRole('button', { name: 'Send me a sign-in link' }).click();
    await page.getByRole('heading', { name: 'Check your inbox' }).waitFor();
    await page.goto(await signInLink(platform, 'staff@plenary.test'));
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await page.waitForURL((url) => !url.pathname.startsWith('/auth/confirm'));

    await page.goto(`${platform.url}/e/${EVENT}/staff`);
    await page.evaluate(() => sessionStorage.setItem('plenary.staff.tab', 'search'));
    await page.getByRole('textbox', { name: /Device name/ }).fill('Benchmark phone');
    await page.getByRole('button', { name: 'Register this phone' }).click();
    await page.getByRole('textbox', { name: /Gate/ }).fill('A');
    await page.getByRole('button', { name: 'Start checking in' }).click();

    const expected = REGISTRATIONS; // plus whatever the demo seed registered
    const runs: Array<{ totalMs: number; downloadMs: number; storeAndRenderMs: number; bytes: number }> = [];
    for (let run = 0; run < RUNS; run += 1) {
      await page.waitForFunction(
        (min) =>
          Number(
            /Offline list: ([\d,]+) registrations/.exec(document.body.innerText)?.[1]?.replace(/,/g, '') ?? 0,
          ) >= min,
        expected,
        { timeout: 60_000 },
      );
      {
        // The load that just finished (run 0: the first after "Start checking in"; later ones: after the reload).
        const timing = await page.evaluate(() => {
          const entries = performance
            .getEntriesByType('resource')
            .filter((entry) => entry.name.includes('/checkins/snapshot?') && !entry.name.includes('since='));
          const entry = entries[entries.length - 1] as PerformanceResourceTiming | undefined;
          return entry
            ? {
                start: entry.startTime,
                end: entry.responseEnd,
                bytes: entry.encodedBodySize,
                now: performance.now(),
              }
            : null;
        });
        if (!timing) throw new Error('no snapshot request seen');
        runs.push({
          totalMs: timing.now - timing.start,
          downloadMs: timing.end - timing.start,
          storeAndRenderMs: timing.now - timing.end,
          bytes: timing.bytes,
        });
      }
      if (run === RUNS - 1) break;
      // Empty the offline list (keep the device), then reload: the app fetches the full snapshot again.
      await page.evaluate(
        (slug) =>
          new Promise<void>((resolve, reject) => {
            const open = indexedDB.open(`plenary-checkin-${slug}`);
            open.onerror = () => reject(new Error(String(open.error)));
            open.onsuccess = () => {
              const db = open.result;
              const tx = db.transaction(['registrations', 'revokedTickets', 'meta'], 'readwrite');
              tx.objectStore('registrations').clear();
              tx.objectStore('revokedTickets').clear();
              tx.objectStore('meta').delete('snapshot');
              tx.oncomplete = () => {
                db.close();
                resolve();
              };
              tx.onerror = () => reject(new Error(String(tx.error)));
            };
          }),
        EVENT,
      );
      await page.reload();
    }
    const totals = runs.map((run) => run.totalMs);
    const median = percentile(totals, 50);
    process.stdout.write(
      `${JSON.stringify(
        {
          benchmark: 'checkin-snapshot-chromium',
          registrations: REGISTRATIONS,
          runs: runs.map((run) => ({
            totalMs: Math.round(run.totalMs),
            downloadMs: Math.round(run.downloadMs),
            storeAndRenderMs: Math.round(run.storeAndRenderMs),
            bytes: run.bytes,
          })),
          medianTotalMs: Math.round(median),
          targetMs: TARGET_MS,
          result: median <= TARGET_MS ? 'PASS' : 'MISS',
          machine: {
            cpus: cpus().length,
            model: cpus()[0]?.model,
            memoryGb: Math.round(totalmem() / 2 ** 30),
            loadavg: loadavg().map((value) => Math.round(value * 100) / 100),
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
