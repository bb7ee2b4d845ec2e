// Shared helpers of the live-service benchmarks (B1, B2, B3, B6): a fresh database per run, seeding people with
// server-side sessions by direct SQL, starting built live nodes and the raw socket.io baseline as child processes,
// /proc sampling, percentiles and the machine's description. Not part of `npm test`.
import { spawn, type ChildProcess } from 'node:child_process';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { cpus, loadavg, totalmem } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { io, type Socket } from 'socket.io-client';

/** The reference event the api seeds (`REFERENCE_EVENT` in libs/server/programme). */
export const EVENT_ID = '5e0c2021-0000-4000-8000-000000000001';
export const ORIGIN = 'http://localhost:4200';
/** The session cookie's name with NODE_ENV=production (the nodes run as in production). */
export const COOKIE_NAME = '__Host-plenary_session';
export const ROOT = join(__dirname, '..', '..');

export function option(name: string, fallback: string): string {
  const index = process.argv.indexOf(`--${name}`);
  return index >= 0 ? (process.argv[index + 1] ?? fallback) : fallback;
}
export const flag = (name: string): boolean => process.argv.includes(`--${name}`);

/** Milliseconds on a clock shared by every process of the machine (epoch-based, sub-millisecond resolution). */
export const now = (): number => performance.timeOrigin + performance.now();
export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

export function freePort(): Promise<number> {
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

export interface Machine {
  cpus: number;
  model: string;
  memoryGB: number;
  node: string;
  /** 1, 5 and 15-minute load averages (`uptime`) when sampled. */
  load: number[];
  at: string;
}

export function machine(): Machine {
  return {
    cpus: cpus().length,
    model: cpus()[0]?.model ?? '?',
    memoryGB: Math.round(totalmem() / 2 ** 30),
    node: process.version,
    load: loadavg().map((value) => Number(value.toFixed(2))),
    at: new Date().toISOString(),
  };
}

/** User + system CPU seconds and resident memory of a process, from /proc. */
export function procStats(pid: number): { cpuSeconds: number; rssMB: number } {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const rss = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
    return {
      cpuSeconds: (Number(fields[11]) + Number(fields[12])) / 100,
      rssMB: Math.round(Number(rss ?? 0) / 1024),
    };
  } catch {
    return { cpuSeconds: 0, rssMB: 0 };
  }
}

/** CPU seconds of every process whose command name is `name` (e.g. `postgres`, `redis-server`). */
export function cpuSecondsOf(name: string): number {
  let total = 0;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      if (!stat.includes(`(${name})`)) continue;
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      total += (Number(fields[11]) + Number(fields[12])) / 100;
    } catch {
      // gone meanwhile
    }
  }
  return total;
}

/** Busy and total jiffies of the whole machine. */
export function machineCpu(): { busy: number; total: number } {
  const fields = (readFileSync('/proc/stat', 'utf8').split('\n')[0] ?? '')
    .trim()
    .split(/\s+/)
    .slice(1)
    .map(Number);
  const total = fields.reduce((sum, value) => sum + value, 0);
  return { busy: total - (fields[3] ?? 0) - (fields[4] ?? 0), total };
}

/** Measures CPU use (in % of one core) of named processes and the whole machine over a window. */
export class CpuWindow {
  private readonly start: Map<string, number>;
  private readonly machineStart = machineCpu();
  private readonly started = now();

  constructor(private readonly sources: Record<string, () => number>) {
    this.start = new Map(Object.entries(sources).map(([key, read]) => [key, read()]));
  }

  /** Percent of one core per source, and `machine` as percent of one core summed over all cores. */
  end(): Record<string, number> {
    const seconds = (now() - this.started) / 1000;
    const result: Record<string, number> = {};
    for (const [key, read] of Object.entries(this.sources))
      result[key] = Math.round((100 * (read() - (this.start.get(key) ?? 0))) / seconds);
    const m = machineCpu();
    result['machine'] = Math.round(
      (100 * cpus().length * (m.busy - this.machineStart.busy)) /
        Math.max(1, m.total - this.machineStart.total),
    );
    return result;
  }
}

export interface Percentiles {
  count: number;
  p50: number;
  p90: number;
  p95: number;
  p99: number;
  max: number;
  mean: number;
}

export function percentiles(values: ArrayLike<number>): Percentiles {
  const sorted = Float64Array.from(values).sort();
  const at = (p: number): number =>
    sorted.length === 0
      ? 0
      : (sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0);
  const round = (value: number): number => Math.round(value * 100) / 100;
  let sum = 0;
  for (const value of sorted) sum += value;
  return {
    count: sorted.length,
    p50: round(at(50)),
    p90: round(at(90)),
    p95: round(at(95)),
    p99: round(at(99)),
    max: round(sorted[sorted.length - 1] ?? 0),
    mean: round(sum / Math.max(1, sorted.length)),
  };
}

// --- database -----------------------------------------------------------------------------------------------------

const adminUrl = (): string =>
  process.env['BENCH_DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/postgres';

/** Secrets and settings every bench process runs with (production mode, generated secrets). */
export function productionEnv(): Record<string, string> {
  return {
    PATH: process.env['PATH'] ?? '',
    NODE_ENV: 'production',
    LOG_LEVEL: 'warn',
    HOST: '127.0.0.1',
    PUBLIC_URL: ORIGIN,
    AUTH_SECRET: randomBytes(32).toString('base64url'),
    TICKET_SIGNING_SECRET: randomBytes(32).toString('base64url'),
    LIVEKIT_API_KEY: 'bench-key',
    LIVEKIT_API_SECRET: randomBytes(32).toString('base64url'),
  };
}

/**
 * Drops and creates database `name`, then migrates it and seeds the reference event with the built api
 * (`node dist/apps/api/main.js seed`). Returns its URL.
 */
export async function freshDatabase(name: string): Promise<string> {
  const admin = new Client({ connectionString: adminUrl() });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await admin.query(`CREATE DATABASE "${name}"`);
  } finally {
    await admin.end();
  }
  const url = new URL(adminUrl());
  url.pathname = `/${name}`;
  const seed = spawn(process.execPath, [join(ROOT, 'dist/apps/api/main.js'), 'seed'], {
    stdio: ['ignore', 'ignore', 'inherit'],
    env: { ...productionEnv(), DATABASE_URL: url.toString(), LOG_LEVEL: 'error' },
  });
  const code = await new Promise<number | null>((resolve) => seed.on('exit', resolve));
  if (code !== 0) throw new Error(`api seed exited with ${code} (run \`npx nx build api\` first)`);
  return url.toString();
}

export async function dropDatabase(name: string): Promise<void> {
  const admin = new Client({ connectionString: adminUrl() });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`).finally(() => admin.end());
}

export interface BenchPerson {
  personId: string;
  /** Cookie header value: `__Host-plenary_session=<token>`. */
  cookie: string;
}

/**
 * Inserts `count` people with an approved remote registration for the reference event (or the given roles instead)
 * and one server-side sign-in session each, in one statement per 5,000 people.
 */
export async function seedPeople(
  db: Client,
  count: number,
  prefix: string,
  roles: string[] = [],
): Promise<BenchPerson[]> {
  const people: BenchPerson[] = [];
  for (let from = 0; from < count; from += 5000) {
    const ids: string[] = [];
    const emails: string[] = [];
    const hashes: string[] = [];
    for (let index = from; index < Math.min(count, from + 5000); index += 1) {
      const token = randomBytes(32).toString('base64url');
      const personId = randomUUID();
      ids.push(personId);
      emails.push(`${prefix}-${index}@bench.invalid`);
      hashes.push(createHash('sha256').update(token).digest('hex'));
      people.push({ personId, cookie: `${COOKIE_NAME}=${token}` });
    }
    await db.query(
      `WITH input AS (SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[]) AS t(id, email, hash)),
       p AS (INSERT INTO people (id, email, name) SELECT id, email, 'Bench ' || email FROM input),
       r AS (
         INSERT INTO registrations (id, event_id, person_id, organisation, job_title, country, attendance, status,
                                    privacy_accepted_at)
         SELECT gen_random_uuid(), $4, id, 'Bench', 'Attendee', 'AT', 'remote', 'approved', now() FROM input
          WHERE cardinality($5::text[]) = 0),
       g AS (
         INSERT INTO event_roles (event_id, person_id, role)
         SELECT $4, input.id, role::event_role FROM input CROSS JOIN unnest($5::text[]) AS role)
       INSERT INTO auth_sessions (id, person_id, token_hash, last_seen_at, expires_at)
       SELECT gen_random_uuid(), id, decode(hash, 'hex'), now(), now() + interval '1 day' FROM input`,
      [ids, emails, hashes, EVENT_ID, roles],
    );
  }
  return people;
}

/** A live programme session of the reference event. */
export async function insertSession(db: Client, title: string): Promise<string> {
  const id = randomUUID();
  await db.query(
    `INSERT INTO sessions (id, event_id, kind, title, starts_at, ends_at, state)
     VALUES ($1, $2, 'panel', $3, now(), now() + interval '2 hours', 'live')`,
    [id, EVENT_ID, title],
  );
  return id;
}

// --- processes ----------------------------------------------------------------------------------------------------

export interface Node {
  process: ChildProcess;
  url: string;
  pid: number;
  stop(): Promise<void>;
}

async function waitReady(url: string, child: ChildProcess, path = '/readyz'): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`process exited with ${child.exitCode}`);
    try {
      if ((await fetch(`${url}${path}`)).ok) return;
    } catch {
      // not listening yet
    }
    await sleep(200);
  }
  throw new Error(`${url}${path} not ready in 60 s`);
}

function stopper(child: ChildProcess): () => Promise<void> {
  // A benchmark that dies (an unhandled error) must not leave its servers running.
  const orphaned = (): void => {
    if (child.exitCode === null) child.kill('SIGKILL');
  };
  process.once('exit', orphaned);
  return async () => {
    process.off('exit', orphaned);
    if (child.exitCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    await exited;
    clearTimeout(timer);
  };
}

/** Starts `node dist/apps/live/main.js` (built with `npx nx build live`) on a free port and waits for /readyz. */
export async function startLive(options: {
  databaseUrl: string;
  redisUrl?: string;
  rateLimitFactor?: number;
  cpuProf?: string;
  env?: Record<string, string>;
}): Promise<Node> {
  const port = await freePort();
  if (options.cpuProf) mkdirSync(options.cpuProf, { recursive: true });
  const child = spawn(
    process.execPath,
    [
      ...(options.cpuProf ? ['--cpu-prof', '--cpu-prof-dir', options.cpuProf] : []),
      join(ROOT, 'dist/apps/live/main.js'),
    ],
    {
      stdio: ['ignore', 'inherit', 'inherit'],
      env: {
        ...productionEnv(),
        LIVE_PORT: String(port),
        DATABASE_URL: options.databaseUrl,
        ...(options.redisUrl ? { REDIS_URL: options.redisUrl } : {}),
        ENGAGEMENT_RATE_LIMIT_FACTOR: String(options.rateLimitFactor ?? 1),
        ...options.env,
      },
    },
  );
  const url = `http://127.0.0.1:${port}`;
  await waitReady(url, child);
  return { process: child, url, pid: child.pid ?? 0, stop: stopper(child) };
}

/** Starts the raw socket.io baseline server (bench/lib/raw-sio-server.ts) on a free port. */
export async function startRawServer(): Promise<Node> {
  const port = await freePort();
  const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'bench/lib/raw-sio-server.ts')], {
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    env: { PATH: process.env['PATH'] ?? '', RAW_PORT: String(port) },
    serialization: 'advanced',
  });
  const url = `http://127.0.0.1:${port}`;
  await waitReady(url, child, '/healthz');
  return { process: child, url, pid: child.pid ?? 0, stop: stopper(child) };
}

/** Prints the JSON summary and one PASS/MISS line per target; returns whether all passed. */
export function report(
  summary: unknown,
  targets: Array<{ name: string; pass: boolean; detail: string }>,
): boolean {
  process.stdout.write(`${JSON.stringify(summary, null, 2)}\n`);
  for (const target of targets)
    process.stdout.write(`${target.pass ? 'PASS' : 'MISS'} ${target.name}: ${target.detail}\n`);
  return targets.every((target) => target.pass);
}

// --- a coordinator-side client (the moderator, a few askers) -----------------------------------------------------

export type Ack<T = unknown> =
  | { ok: true; data: T }
  | { ok: false; error: { code: string; message: string } };

/** Connects one socket.io client to a live node (websocket only, no reconnection) and joins `sessionId`. */
export async function connectClient(url: string, cookie: string, sessionId: string | null): Promise<Socket> {
  const socket = io(url, {
    path: '/live/socket.io',
    transports: ['websocket'],
    extraHeaders: { origin: ORIGIN, cookie },
    reconnection: false,
    forceNew: true,
  });
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', () => resolve());
    socket.once('connect_error', reject);
  });
  if (sessionId) await request(socket, 'session:join', { sessionId });
  return socket;
}

/** Emits an event and resolves with the data of its ack; throws on a negative ack or after 30 s. */
export async function request<T = unknown>(socket: Socket, event: string, payload: unknown): Promise<T> {
  const ack = (await socket.timeout(30_000).emitWithAck(event, payload)) as Ack<T>;
  if (!ack.ok) throw new Error(`${event}: ${ack.error.code} ${ack.error.message}`);
  return ack.data;
}

/** Starts a private redis-server on `port` (no persistence) unless one answers there; returns its URL. */
export async function ensureRedis(port: number): Promise<string> {
  const url = `redis://127.0.0.1:${port}`;
  const ping = spawn('redis-cli', ['-p', String(port), 'ping'], { stdio: ['ignore', 'pipe', 'ignore'] });
  let out = '';
  ping.stdout?.on('data', (chunk: Buffer) => (out += chunk.toString()));
  await new Promise((resolve) => ping.on('exit', resolve));
  if (out.includes('PONG')) return url;
  const server = spawn(
    'redis-server',
    ['--port', String(port), '--save', '', '--appendonly', 'no', '--daemonize', 'yes'],
    { stdio: 'ignore' },
  );
  await new Promise((resolve) => server.on('exit', resolve));
  await sleep(300);
  return url;
}

/** Heap in use (MB) and event-loop lag p99 (ms) of a live node, from its Prometheus `/metrics`. */
export async function liveMetrics(
  url: string,
): Promise<{ heapUsedMB: number; eventLoopLagP99Ms: number } | null> {
  try {
    const text = await (await fetch(`${url}/metrics`)).text();
    const value = (name: string): number =>
      Number(new RegExp(`^${name}(?:\\{[^}]*\\})? ([0-9.e+-]+)$`, 'm').exec(text)?.[1] ?? NaN);
    return {
      heapUsedMB: Math.round(value('plenary_nodejs_heap_size_used_bytes') / 2 ** 20),
      eventLoopLagP99Ms: Math.round(value('plenary_nodejs_eventloop_lag_p99_seconds') * 1000),
    };
  } catch {
    return null;
  }
}
