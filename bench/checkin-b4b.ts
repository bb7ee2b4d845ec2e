// Benchmark B4b (server): door check-ins per second against the built api, with real PostgreSQL.
//
//   npx nx build api
//   npx tsx bench/checkin-b4b.ts [--scenario single|batch|both|snapshot] [--seconds 20] [--warmup 5]
//        [--single-connections 32] [--batch-connections 8] [--batch-size 50] [--tickets 100000]
//        [--devices 400] [--cpu-prof] [--keep]
//
// It creates a fresh database on BENCH_DATABASE_URL's server (default postgres://postgres@127.0.0.1:5432/postgres),
// starts `node dist/apps/api/main.js` on a free port (NODE_ENV=production, LOG_LEVEL=warn, migrations and demo seed
// at start), seeds approved registrations with tickets and staff with sessions straight into PostgreSQL, registers
// the scanning devices through the api, then drives keep-alive connections at the check-in endpoints. Every scan
// carries a fresh nonce and a distinct ticket, so each one is a first admission (an INSERT and a NOTIFY).
import { spawn, type ChildProcess } from 'node:child_process';
import { createHash, createPrivateKey, hkdfSync, randomBytes, randomUUID, sign } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { runLoad, type LoadRequest, type LoadResult } from './lib/load';

const EVENT_ID = '5e0c2021-0000-4000-8000-000000000001';
const EVENT_SLUG = 'vmc2021';
const ORIGIN = 'http://localhost:4200';
const DB_NAME = 'plenary_bench_checkin';

function option(name: string, fallback: string): string {
  const index = process.argv.indexOf(`--${name}`);
  return index >= 0 ? (process.argv[index + 1] ?? fallback) : fallback;
}
const flag = (name: string): boolean => process.argv.includes(`--${name}`);

const settings = {
  scenario: option('scenario', 'both'),
  seconds: Number(option('seconds', '20')),
  warmup: Number(option('warmup', '5')),
  singleConnections: Number(option('single-connections', '32')),
  batchConnections: Number(option('batch-connections', '8')),
  batchSize: Number(option('batch-size', '50')),
  tickets: Number(option('tickets', '100000')),
  devices: Number(option('devices', '400')),
  cpuProf: flag('cpu-prof'),
  keep: flag('keep'),
};

// --- tickets, as ADR 0008 specifies them (kept independent of the server code on purpose) ---------------------
const PKCS8_ED25519_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex');
const uuidBytes = (uuid: string): Buffer => Buffer.from(uuid.replace(/-/g, ''), 'hex');
function ticketSigner(secret: string, eventId: string): (ticketId: string) => string {
  const seed = Buffer.from(hkdfSync('sha256', secret, 'plenary-ticket-keys', `event:${eventId}`, 32));
  const key = createPrivateKey({
    key: Buffer.concat([PKCS8_ED25519_PREFIX, seed]),
    format: 'der',
    type: 'pkcs8',
  });
  return (ticketId) => {
    const message = Buffer.concat([uuidBytes(eventId), uuidBytes(ticketId)]);
    return `PL1.${Buffer.concat([message, sign(null, message, key)]).toString('base64url')}`;
  };
}

// --- process and machine helpers ---------------------------------------------------------------------------------
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** Busy and total jiffies of the whole machine (all cores), from /proc/stat. */
function machineCpu(): { busy: number; total: number } {
  const fields = (readFileSync('/proc/stat', 'utf8').split('\n')[0] ?? '')
    .trim()
    .split(/\s+/)
    .slice(1)
    .map(Number);
  const total = fields.reduce((sum, value) => sum + value, 0);
  const idle = (fields[3] ?? 0) + (fields[4] ?? 0);
  return { busy: total - idle, total };
}

/** User + system CPU seconds of a process, from /proc/<pid>/stat. */
function processCpuSeconds(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

/** User + system CPU seconds of every `postgres` process (the server's backends, ours and anyone else's). */
function postgresCpuSeconds(): number {
  let total = 0;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      if (!stat.includes('(postgres)')) continue;
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      total += (Number(fields[11]) + Number(fields[12])) / 100;
    } catch {
      // the process ended meanwhile
    }
  }
  return total;
}

async function waitForReady(baseUrl: string, api: ChildProcess): Promise<void> {
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    if (api.exitCode !== null) throw new Error(`api exited with ${api.exitCode}`);
    try {
      if ((await fetch(`${baseUrl}/readyz`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error('api not ready in 120 s');
}

// --- seeding -----------------------------------------------------------------------------------------------------
interface Staff {
  cookie: string;
}
interface Device {
  id: string;
  cookie: string;
}

async function seed(db: Client, count: number, staffCount: number, cookieName: string): Promise<Staff[]> {
  const chunk = 20_000;
  for (let from = 0; from < count; from += chunk) {
    const size = Math.min(chunk, count - from);
    await db.query(
      `WITH rows AS (
         SELECT gen_random_uuid() AS person, gen_random_uuid() AS registration, n FROM generate_series(1, $2) AS n),
       people AS (
         INSERT INTO people (id, email, name)
         SELECT person, 'bench-' || ($3 + n) || '@example.org', 'Bench Attendee ' || ($3 + n) FROM rows),
       registrations AS (
         INSERT INTO registrations (id, event_id, person_id, organisation, job_title, country, attendance, status,
                                    privacy_accepted_at)
         SELECT registration, $1, person, 'Bench Org ' || (n % 500), 'Delegate', 'AT', 'in_person', 'approved', now()
           FROM rows)
       INSERT INTO tickets (id, event_id, registration_id, issued_at)
       SELECT gen_random_uuid(), $1, registration, now() FROM rows`,
      [EVENT_ID, size, from],
    );
  }
  const staff: Staff[] = [];
  for (let index = 0; index < staffCount; index += 1) {
    const personId = randomUUID();
    const token = randomBytes(32).toString('base64url');
    await db.query('INSERT INTO people (id, email, name) VALUES ($1, $2, $3)', [
      personId,
      `bench-staff-${index}@example.org`,
      `Bench Staff ${index}`,
    ]);
    await db.query(`INSERT INTO event_roles (event_id, person_id, role) VALUES ($1, $2, 'staff')`, [
      EVENT_ID,
      personId,
    ]);
    await db.query(
      `INSERT INTO auth_sessions (id, person_id, token_hash, last_seen_at, expires_at)
       VALUES ($1, $2, $3, now(), now() + interval '1 day')`,
      [randomUUID(), personId, createHash('sha256').update(token).digest()],
    );
    staff.push({ cookie: `${cookieName}=${token}` });
  }
  await db.query('ANALYZE');
  return staff;
}

async function registerDevices(baseUrl: string, staff: Staff[], perStaff: number): Promise<Device[]> {
  const devices: Device[] = [];
  for (const member of staff) {
    for (let index = 0; index < perStaff; index += 1) {
      const response = await fetch(`${baseUrl}/api/events/${EVENT_SLUG}/checkins/devices`, {
        method: 'POST',
        headers: {
          cookie: member.cookie,
          'content-type': 'application/json',
          'x-plenary-csrf': '1',
          origin: ORIGIN,
        },
        body: JSON.stringify({ name: `Bench device ${devices.length}` }),
      });
      if (response.status !== 201) throw new Error(`device registration answered ${response.status}`);
      const { id } = (await response.json()) as { id: string };
      devices.push({ id, cookie: member.cookie });
    }
  }
  return devices;
}

// --- scenarios ---------------------------------------------------------------------------------------------------
function headersFor(device: Device): Record<string, string> {
  return { cookie: device.cookie, 'x-plenary-csrf': '1', origin: ORIGIN };
}

const admittedOrKnown = (status: number, body: string): boolean =>
  status === 200 &&
  (body.includes('"verdict":"admitted"') || body.includes('"verdict":"already_checked_in"'));

async function main(): Promise<void> {
  const adminUrl = process.env['BENCH_DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const admin = new Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS "${DB_NAME}" WITH (FORCE)`);
  await admin.query(`CREATE DATABASE "${DB_NAME}"`);
  const databaseUrl = new URL(adminUrl);
  databaseUrl.pathname = `/${DB_NAME}`;

  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const secret = randomBytes(32).toString('base64url');
  const profileDir = join('bench', 'profiles');
  if (settings.cpuProf) mkdirSync(profileDir, { recursive: true });
  const api = spawn(
    process.execPath,
    [...(settings.cpuProf ? ['--cpu-prof', '--cpu-prof-dir', profileDir] : []), 'dist/apps/api/main.js'],
    {
      stdio: ['ignore', 'inherit', 'inherit'],
      env: {
        PATH: process.env['PATH'] ?? '',
        NODE_ENV: 'production',
        LOG_LEVEL: 'warn',
        HOST: '127.0.0.1',
        API_PORT: String(port),
        PUBLIC_URL: ORIGIN,
        DATABASE_URL: databaseUrl.toString(),
        SEED_DEMO: 'true',
        AUTH_SECRET: randomBytes(32).toString('base64url'),
        TICKET_SIGNING_SECRET: secret,
        LIVEKIT_API_KEY: 'bench-key',
        LIVEKIT_API_SECRET: randomBytes(32).toString('base64url'),
      },
    },
  );
  const db = new Client({ connectionString: databaseUrl.toString() });
  try {
    await waitForReady(baseUrl, api);
    await db.connect();
    const staffCount = Math.ceil(settings.devices / 10);
    process.stdout.write(`seeding ${settings.tickets} tickets, ${staffCount} staff…\n`);
    const staff = await seed(db, settings.tickets, staffCount, '__Host-plenary_session');
    const devices = await registerDevices(baseUrl, staff, 10);
    const ticketIds = (
      await db.query<{ id: string }>('SELECT id FROM tickets WHERE event_id = $1 ORDER BY id', [EVENT_ID])
    ).rows.map((row) => row.id);
    const signTicket = ticketSigner(secret, EVENT_ID);
    const payloads = ticketIds.map(signTicket);
    const half = Math.floor(payloads.length / 2);
    const ranges = { single: payloads.slice(0, half), batch: payloads.slice(half) };

    const results: Record<
      string,
      LoadResult & {
        freshTickets: boolean;
        apiCpuPercent: number;
        postgresCpuPercent: number;
        loadGeneratorCpuPercent: number;
        machineCpuPercent: number;
      }
    > = {};
    const measure = async (
      name: string,
      run: () => Promise<LoadResult>,
      used: () => number,
      available: number,
    ): Promise<void> => {
      const cpuBefore = machineCpu();
      const apiBefore = processCpuSeconds(api.pid ?? 0);
      const postgresBefore = postgresCpuSeconds();
      const loadBefore = process.cpuUsage();
      const started = performance.now();
      const result = await run();
      const wall = (performance.now() - started) / 1000;
      const cpuAfter = machineCpu();
      results[name] = {
        ...result,
        freshTickets: used() <= available,
        apiCpuPercent: Math.round(((processCpuSeconds(api.pid ?? 0) - apiBefore) / wall) * 100),
        postgresCpuPercent: Math.round(((postgresCpuSeconds() - postgresBefore) / wall) * 100),
        loadGeneratorCpuPercent: Math.round(
          ((process.cpuUsage(loadBefore).user + process.cpuUsage(loadBefore).system) / 1e6 / wall) * 100,
        ),
        machineCpuPercent: Math.round(
          ((cpuAfter.busy - cpuBefore.busy) / Math.max(1, cpuAfter.total - cpuBefore.total)) *
            100 *
            cpus().length,
        ),
      };
      process.stdout.write(`${name}: ${JSON.stringify(results[name])}\n`);
    };

    if (settings.scenario === 'single' || settings.scenario === 'both') {
      let sent = 0;
      await measure(
        'single',
        () =>
          runLoad({
            baseUrl,
            connections: settings.singleConnections,
            warmupSeconds: settings.warmup,
            seconds: settings.seconds,
            next: (): LoadRequest => {
              const device = devices[sent % devices.length] as Device;
              const payload = ranges.single[sent % ranges.single.length] as string;
              sent += 1;
              return {
                method: 'POST',
                path: `/api/events/${EVENT_SLUG}/checkins`,
                headers: headersFor(device),
                body: JSON.stringify({
                  deviceId: device.id,
                  nonce: randomUUID(),
                  gate: 'Main entrance',
                  scannedAt: new Date().toISOString(),
                  mode: 'online',
                  payload,
                }),
                units: 1,
              };
            },
            check: admittedOrKnown,
          }),
        () => sent,
        ranges.single.length,
      );
    }

    if (settings.scenario === 'batch' || settings.scenario === 'both') {
      let sent = 0;
      let requests = 0;
      await measure(
        'batch',
        () =>
          runLoad({
            baseUrl,
            connections: settings.batchConnections,
            warmupSeconds: settings.warmup,
            seconds: settings.seconds,
            next: (): LoadRequest => {
              const device = devices[requests % devices.length] as Device;
              requests += 1;
              const scannedAt = new Date(Date.now() - 1000).toISOString();
              const scans = Array.from({ length: settings.batchSize }, () => {
                const payload = ranges.batch[sent % ranges.batch.length] as string;
                sent += 1;
                return { nonce: randomUUID(), gate: 'Side door', scannedAt, mode: 'offline', payload };
              });
              return {
                method: 'POST',
                path: `/api/events/${EVENT_SLUG}/checkins/batch`,
                headers: headersFor(device),
                body: JSON.stringify({ deviceId: device.id, scans }),
                units: settings.batchSize,
              };
            },
            check: (status, body) => status === 200 && !body.includes('"verdict":"invalid"'),
          }),
        () => sent,
        ranges.batch.length,
      );
    }

    if (settings.scenario === 'snapshot') {
      // The full offline snapshot of the event (every registration), fetched one after another by fresh devices.
      const timings: number[] = [];
      let bytes = 0;
      for (let index = 0; index < 20; index += 1) {
        const device = devices[index % devices.length] as Device;
        const started = performance.now();
        const response = await fetch(
          `${baseUrl}/api/events/${EVENT_SLUG}/checkins/snapshot?deviceId=${device.id}`,
          { headers: { cookie: device.cookie, 'accept-encoding': 'identity' } },
        );
        const body = await response.text();
        timings.push(performance.now() - started);
        if (response.status !== 200) throw new Error(`snapshot answered ${response.status}`);
        bytes = body.length;
      }
      timings.sort((a, b) => a - b);
      process.stdout.write(
        `snapshot: ${JSON.stringify({
          registrations: settings.tickets,
          bytes,
          p50Ms: Math.round(timings[9] ?? 0),
          maxMs: Math.round(timings[19] ?? 0),
        })}\n`,
      );
    }

    const recorded = await db.query<{ verdict: string; n: string }>(
      'SELECT verdict, count(*) AS n FROM checkins GROUP BY verdict ORDER BY verdict',
    );
    process.stdout.write(
      `${JSON.stringify(
        {
          date: new Date().toISOString(),
          machine: {
            cpus: cpus().length,
            model: cpus()[0]?.model,
            memoryGiB: Math.round(totalmem() / 2 ** 30),
            node: process.version,
            postgres: (await db.query<{ v: string }>('SHOW server_version')).rows[0]?.v,
          },
          settings,
          results,
          rowsByVerdict: Object.fromEntries(recorded.rows.map((row) => [row.verdict, Number(row.n)])),
        },
        null,
        2,
      )}\n`,
    );
  } finally {
    await db.end().catch(() => undefined);
    api.kill('SIGTERM');
    await new Promise((resolve) => api.once('exit', resolve));
    if (!settings.keep) await admin.query(`DROP DATABASE IF EXISTS "${DB_NAME}" WITH (FORCE)`);
    await admin.end();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
