// Benchmark B4a: the LiveKit token endpoint with signed-in sessions (docs/benchmarks.md).
//
//   DATABASE_URL=postgres://postgres@127.0.0.1:5432/plenary_bench npx tsx bench/b4a-media-token.ts
//
// Expects a built api already listening on API_URL against the same DATABASE_URL (it migrates and seeds the
// reference event at start). The script adds PEOPLE approved attendees with one server-side session each and a live
// bench session, then drives POST /api/events/vmc2021/sessions/:id/media-token over CONNECTIONS keep-alive
// connections: WARMUP seconds unmeasured (it starts with the api's access caches cold: its throughput is reported
// as `warmup`), then DURATION seconds measured. Requests rotate over the people, so the
// per-person rate limit (30 a minute) holds as it would for a real audience: run it once a minute, or restart the
// api. With API_PID (the api's process id, same machine), it also reports the CPU time per token of the api (with its
// workers, when API_WORKERS > 1), its PostgreSQL backends and the load generator during the measured window, and the
// hit ratio of the api's access caches (from /metrics). Not part of `npm test`.
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { connect, type Socket } from 'node:net';
import { cpus } from 'node:os';
import { Client } from 'pg';

const env = (name: string, fallback: string): string => process.env[name] ?? fallback;
const API_URL = new URL(env('API_URL', 'http://127.0.0.1:3000'));
const DATABASE_URL = env('DATABASE_URL', 'postgres://postgres@127.0.0.1:5432/plenary_bench');
const PEOPLE = Number(env('PEOPLE', '6000'));
/** People who ask once each after the measured window: a join storm of people the api has not seen yet. */
const COLD_PEOPLE = Number(env('COLD_PEOPLE', '6000'));
const CONNECTIONS = Number(env('CONNECTIONS', '32'));
const WARMUP_S = Number(env('WARMUP', '8'));
const DURATION_S = Number(env('DURATION', '15'));
const SLUG = 'vmc2021';
const SESSION_ID = 'b4a00000-0000-4000-8000-000000000001';
const API_PID = process.env['API_PID'] ? Number(process.env['API_PID']) : null;
const TARGET = { rps: 6000, p99Ms: 40 };

/** CPU seconds (user + system) a process has used, from /proc; null where that is not readable. */
function cpuSeconds(pid: number): number | null {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
    return (Number(fields[11]) + Number(fields[12])) / 100; // utime + stime, in clock ticks of 1/100 s
  } catch {
    return null;
  }
}

/**
 * Every PostgreSQL process on the machine (backends come and go: the api's pool closes idle connections once its
 * caches answer most requests).
 */
function postgresPids(): number[] {
  return readdirSync('/proc')
    .filter((entry) => /^\d+$/.test(entry))
    .filter((entry) => {
      try {
        return readFileSync(`/proc/${entry}/comm`, 'utf8').trim() === 'postgres';
      } catch {
        return false;
      }
    })
    .map(Number);
}

const sumCpu = (pids: number[]): number => pids.reduce((total, pid) => total + (cpuSeconds(pid) ?? 0), 0);

/** CPU seconds of each process, to subtract per process later (a process that ended in between counts 0). */
const cpuByPid = (pids: number[]): Map<number, number> =>
  new Map(pids.map((pid) => [pid, cpuSeconds(pid) ?? 0]));
const cpuSince = (before: Map<number, number>, pids: number[]): number =>
  pids.reduce((total, pid) => total + Math.max(0, (cpuSeconds(pid) ?? 0) - (before.get(pid) ?? 0)), 0);

/** `pid` and all its descendants (the api's workers when it runs with API_WORKERS > 1), from /proc. */
function processTree(pid: number): number[] {
  const children = new Map<number, number[]>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const parent = Number(readFileSync(`/proc/${entry}/stat`, 'utf8').split(') ')[1]?.split(' ')[1]);
      children.set(parent, [...(children.get(parent) ?? []), Number(entry)]);
    } catch {
      // the process ended while we looked
    }
  }
  const tree: number[] = [];
  const queue = [pid];
  while (queue.length > 0) {
    const next = queue.shift() as number;
    tree.push(next);
    queue.push(...(children.get(next) ?? []));
  }
  return tree;
}

/** The api's access-cache lookups by cache and result, from /metrics (null when not readable). */
async function cacheLookups(): Promise<Record<string, number> | null> {
  const response = await fetch(new URL('/metrics', API_URL)).catch(() => null);
  if (!response?.ok) return null;
  const counts: Record<string, number> = {};
  for (const line of (await response.text()).split('\n')) {
    const match = /^plenary_access_cache_lookups_total\{(.*)\} (\d+(?:\.\d+)?)$/.exec(line);
    if (!match) continue;
    const labels = new Map([...(match[1] ?? '').matchAll(/(\w+)="([^"]*)"/g)].map((m) => [m[1], m[2]]));
    const key = `${labels.get('cache')}:${labels.get('result')}`;
    counts[key] = (counts[key] ?? 0) + Number(match[2]);
  }
  return counts;
}

/** Hit ratio of each cache between two readings of `cacheLookups`. */
function hitRatios(before: Record<string, number>, after: Record<string, number>): Record<string, string> {
  const delta = (key: string): number => (after[key] ?? 0) - (before[key] ?? 0);
  const caches = new Set(Object.keys(after).map((key) => key.split(':')[0] ?? ''));
  return Object.fromEntries(
    [...caches].map((cache) => {
      const hits = delta(`${cache}:hit`);
      const lookups = hits + delta(`${cache}:miss`) + delta(`${cache}:bypass`);
      return [cache, lookups > 0 ? `${((100 * hits) / lookups).toFixed(1)} % of ${lookups}` : 'no lookups'];
    }),
  );
}

/** Waits until the api answers /readyz (it migrates and seeds at start), for up to a minute. */
async function waitForApi(): Promise<void> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    const ready = await fetch(new URL('/readyz', API_URL)).then(
      (response) => response.ok,
      () => false,
    );
    if (ready) return;
    if (Date.now() > deadline) throw new Error(`the api at ${API_URL.origin} did not become ready`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/** Seeds people, registrations, sign-in sessions and a live session; returns one session token per person. */
async function seed(): Promise<string[]> {
  const db = new Client({ connectionString: DATABASE_URL });
  await db.connect();
  try {
    const event = await db.query<{ id: string }>('SELECT id FROM events WHERE slug = $1', [SLUG]);
    const eventId = event.rows[0]?.id;
    if (!eventId)
      throw new Error(`no event "${SLUG}": start the api once against ${DATABASE_URL} to seed it`);
    await db.query('BEGIN');
    await db.query(
      `INSERT INTO sessions (id, event_id, kind, title, starts_at, ends_at, state)
       VALUES ($1, $2, 'panel', 'B4a bench panel', now(), now() + interval '2 hours', 'live')
       ON CONFLICT (id) DO UPDATE SET state = 'live'`,
      [SESSION_ID, eventId],
    );
    await db.query(
      `INSERT INTO people (id, email, name)
       SELECT gen_random_uuid(), 'bench-' || i || '@bench.invalid', 'Bench Attendee ' || i
         FROM generate_series(1, $1) AS i
       ON CONFLICT (email) DO NOTHING`,
      [PEOPLE + COLD_PEOPLE],
    );
    await db.query(
      `INSERT INTO registrations (id, event_id, person_id, organisation, job_title, country, attendance, status, privacy_accepted_at)
       SELECT gen_random_uuid(), $1, p.id, 'Bench', 'Attendee', 'AT', 'remote', 'approved', now()
         FROM people p WHERE p.email LIKE 'bench-%@bench.invalid'
       ON CONFLICT (event_id, person_id) DO UPDATE SET status = 'approved'`,
      [eventId],
    );
    const people = await db.query<{ id: string }>(
      `SELECT id FROM people WHERE email LIKE 'bench-%@bench.invalid' ORDER BY email LIMIT $1`,
      [PEOPLE + COLD_PEOPLE],
    );
    await db.query(
      `DELETE FROM auth_sessions s USING people p WHERE p.id = s.person_id AND p.email LIKE 'bench-%@bench.invalid'`,
    );
    const tokens: string[] = [];
    const rows: unknown[] = [];
    for (const person of people.rows) {
      const token = randomBytes(32).toString('base64url');
      tokens.push(token);
      rows.push([randomUUID(), person.id, createHash('sha256').update(token).digest()]);
    }
    for (let start = 0; start < rows.length; start += 1000) {
      const batch = rows.slice(start, start + 1000) as Array<[string, string, Buffer]>;
      const values = batch
        .map((_, i) => `($${i * 3 + 1}, $${i * 3 + 2}, $${i * 3 + 3}, now(), now() + interval '1 day')`)
        .join(', ');
      await db.query(
        `INSERT INTO auth_sessions (id, person_id, token_hash, last_seen_at, expires_at) VALUES ${values}`,
        batch.flat(),
      );
    }
    await db.query('COMMIT');
    return tokens;
  } finally {
    await db.end();
  }
}

/** One keep-alive HTTP/1.1 connection with a minimal response parser (status line + Content-Length). */
class Connection {
  private socket: Socket;
  private buffer: Buffer = Buffer.alloc(0);
  private started = 0n;

  constructor(
    private readonly next: () => Buffer | null,
    private readonly done: (status: number, nanos: bigint) => void,
    private readonly closed: () => void,
  ) {
    this.socket = connect({ host: API_URL.hostname, port: Number(API_URL.port || 80), noDelay: true });
    this.socket.on('connect', () => this.send());
    this.socket.on('data', (chunk: Buffer) => this.receive(chunk));
    this.socket.on('error', (error) => {
      process.stderr.write(`connection error: ${error.message}\n`);
    });
    this.socket.on('close', () => this.closed());
  }

  private send(): void {
    const request = this.next();
    if (!request) {
      this.socket.end();
      return;
    }
    this.started = process.hrtime.bigint();
    this.socket.write(request);
  }

  private receive(chunk: Buffer): void {
    this.buffer = this.buffer.length === 0 ? chunk : Buffer.concat([this.buffer, chunk]);
    for (;;) {
      const headerEnd = this.buffer.indexOf('\r\n\r\n');
      if (headerEnd < 0) return;
      const head = this.buffer.subarray(0, headerEnd).toString('latin1');
      const length = Number(/\r\ncontent-length:\s*(\d+)/i.exec(head)?.[1] ?? 0);
      const total = headerEnd + 4 + length;
      if (this.buffer.length < total) return;
      const status = Number(head.slice(9, 12));
      this.buffer = this.buffer.subarray(total);
      this.done(status, process.hrtime.bigint() - this.started);
      this.send();
    }
  }
}

function percentile(sorted: Float64Array, p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;
}

/** Drives the endpoint for `seconds`, rotating over `tokens`; with `once`, each token is used once and then it stops. */
async function run(tokens: string[], seconds: number, measure: boolean, once = false) {
  const path = `/api/events/${SLUG}/sessions/${SESSION_ID}/media-token`;
  const requests = tokens.map((token) =>
    Buffer.from(
      `POST ${path} HTTP/1.1\r\nHost: ${API_URL.host}\r\nContent-Type: application/json\r\nContent-Length: 2\r\n` +
        `x-plenary-csrf: 1\r\nCookie: plenary_session=${token}\r\nConnection: keep-alive\r\n\r\n{}`,
    ),
  );
  let cursor = once ? 0 : Math.floor(Math.random() * requests.length);
  const latencies: number[] = [];
  const statuses = new Map<number, number>();
  const deadline = Date.now() + seconds * 1000;
  const started = process.hrtime.bigint();
  await new Promise<void>((resolve) => {
    let open = CONNECTIONS;
    for (let i = 0; i < CONNECTIONS; i++) {
      new Connection(
        () =>
          Date.now() >= deadline || (once && cursor >= requests.length)
            ? null
            : (requests[cursor++ % requests.length] ?? null),
        (status, nanos) => {
          statuses.set(status, (statuses.get(status) ?? 0) + 1);
          if (measure) latencies.push(Number(nanos) / 1e6);
        },
        () => {
          if (--open === 0) resolve();
        },
      );
    }
  });
  const elapsed = Number(process.hrtime.bigint() - started) / 1e9;
  const sorted = Float64Array.from(latencies).sort();
  const total = [...statuses.values()].reduce((a, b) => a + b, 0);
  return {
    requests: total,
    seconds: Number(elapsed.toFixed(2)),
    rps: Math.round(total / elapsed),
    statuses: Object.fromEntries(statuses),
    latencyMs: {
      p50: Number(percentile(sorted, 50).toFixed(2)),
      p90: Number(percentile(sorted, 90).toFixed(2)),
      p99: Number(percentile(sorted, 99).toFixed(2)),
      max: Number((sorted[sorted.length - 1] ?? 0).toFixed(2)),
    },
  };
}

/**
 * Milliseconds this process needs for a fixed piece of CPU work (200,000 chained SHA-256 digests). The VM's speed
 * varies by up to 2× between hours (a noisy host): the figure lets runs be compared. Lower is faster.
 */
function machineSpeedMs(): number {
  const started = process.hrtime.bigint();
  let digest = 'plenary';
  for (let i = 0; i < 200_000; i++) digest = createHash('sha256').update(digest).digest('hex');
  return Math.round(Number(process.hrtime.bigint() - started) / 1e6);
}

async function main(): Promise<void> {
  await waitForApi();
  const speedBefore = machineSpeedMs();
  const seeded = await seed();
  const tokens = seeded.slice(0, PEOPLE);
  const coldTokens = seeded.slice(PEOPLE);
  process.stdout.write(
    `B4a: ${tokens.length} signed-in attendees (+ ${coldTokens.length} asking once), ${CONNECTIONS} connections, ${WARMUP_S}s warm-up + ${DURATION_S}s ` +
      `against ${API_URL.origin} (${cpus().length} CPUs: ${cpus()[0]?.model ?? '?'}; Node ${process.version})\n`,
  );
  // The warm-up starts with the api's code and caches cold (reported, not judged).
  const warmup = await run(tokens, WARMUP_S, false);
  const apiPids = API_PID ? processTree(API_PID) : [];
  const lookupsBefore = await cacheLookups();
  const before = {
    api: API_PID ? sumCpu(apiPids) : null,
    db: cpuByPid(postgresPids()),
    self: process.cpuUsage(),
  };
  const result = await run(tokens, DURATION_S, true);
  const after = {
    api: API_PID ? sumCpu(apiPids) : null,
    db: cpuSince(before.db, postgresPids()),
    self: process.cpuUsage(before.self),
  };
  const lookupsAfter = await cacheLookups();
  // Then a join storm of people the api has not seen: each asks once, so every lookup misses the caches.
  const cold = coldTokens.length > 0 ? await run(coldTokens, DURATION_S, true, true) : null;
  Object.assign(result, {
    machineSpeedMs: { before: speedBefore, after: machineSpeedMs() },
    warmup: { requests: warmup.requests, rps: warmup.rps },
    ...(cold
      ? {
          firstTokens: {
            requests: cold.requests,
            rps: cold.rps,
            p99: cold.latencyMs.p99,
            statuses: cold.statuses,
          },
        }
      : {}),
    ...(apiPids.length > 1 ? { apiProcesses: apiPids.length } : {}),
    ...(lookupsBefore && lookupsAfter ? { cacheHits: hitRatios(lookupsBefore, lookupsAfter) } : {}),
  });
  if (before.api !== null && after.api !== null) {
    const perToken = (seconds: number): number => Math.round((seconds * 1e6) / result.requests);
    Object.assign(result, {
      cpuMicrosecondsPerToken: {
        api: perToken(after.api - before.api),
        postgres: perToken(after.db),
        loadGenerator: perToken((after.self.user + after.self.system) / 1e6),
      },
    });
  }
  const ok = (result.statuses[201] ?? 0) === result.requests;
  const pass = ok && result.rps >= TARGET.rps && result.latencyMs.p99 <= TARGET.p99Ms;
  process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
  process.stdout.write(
    `${pass ? 'PASS' : 'MISS'}: ${result.rps} tokens/s (target ≥ ${TARGET.rps}), p99 ${result.latencyMs.p99} ms ` +
      `(target ≤ ${TARGET.p99Ms})${ok ? '' : ', some answers were not 201'}\n`,
  );
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
