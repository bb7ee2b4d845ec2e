// Starts the whole platform as child processes: embedded PostgreSQL (unless DATABASE_URL is set), api (migrates and
// seeds), live and the web app. Used by `npm start` and by the end-to-end tests.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import {
  loadConfig,
  startEmbeddedPostgres,
  type AppConfig,
  type EmbeddedPostgresHandle,
} from '@plenary/server-core';

export const ROOT = resolve(__dirname, '..');

export interface StackOptions {
  env: NodeJS.ProcessEnv;
  /** Where child output goes: inherit for `npm start`, a sink for tests. */
  output: 'inherit' | ((line: string) => void);
  log: (line: string) => void;
}

export interface RunningStack {
  config: AppConfig;
  url: string;
  databaseUrl: string;
  embedded: boolean;
  /** The embedded cluster's folder (`PLENARY_DATA_DIR`/postgres, or its stand-in as root, see embedded-postgres.ts). */
  postgresDataDir?: string;
  /** Resolves when a child exits on its own (a crash): the stack is then being stopped. */
  exited: Promise<string>;
  stop(): Promise<void>;
}

function pipe(child: ChildProcess, name: string, output: StackOptions['output']): void {
  if (output === 'inherit') return;
  for (const stream of [child.stdout, child.stderr]) {
    stream?.setEncoding('utf8');
    stream?.on('data', (chunk: string) => {
      for (const line of chunk.split('\n')) if (line) output(`[${name}] ${line}`);
    });
  }
}

async function waitForHttp(url: string, timeoutMs: number, child: ChildProcess): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`${url}: process exited with ${child.exitCode}`);
    try {
      const response = await fetch(url);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((done) => setTimeout(done, 200));
  }
  throw new Error(`${url} did not become ready within ${timeoutMs} ms`);
}

function stopChild(child: ChildProcess): Promise<void> {
  return new Promise((done) => {
    if (child.exitCode !== null || child.signalCode !== null) return done();
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    child.once('exit', () => {
      clearTimeout(timer);
      done();
    });
    child.kill('SIGTERM');
  });
}

/**
 * Development secrets (session-code HMAC key, ticket signing secret), generated on first start and kept in the data
 * folder so tickets and sign-in codes survive restarts. Variables set in the environment win.
 */
export function developmentSecrets(dataDir: string): Record<'AUTH_SECRET' | 'TICKET_SIGNING_SECRET', string> {
  const file = join(dataDir, 'secrets.json');
  if (!existsSync(file)) {
    mkdirSync(dataDir, { recursive: true, mode: 0o755 });
    const secrets = {
      AUTH_SECRET: randomBytes(32).toString('base64url'),
      TICKET_SIGNING_SECRET: randomBytes(32).toString('base64url'),
    };
    writeFileSync(file, JSON.stringify(secrets, null, 2), { mode: 0o600 });
  }
  return JSON.parse(readFileSync(file, 'utf8')) as Record<'AUTH_SECRET' | 'TICKET_SIGNING_SECRET', string>;
}

/** Starts PostgreSQL (embedded when needed), then api, live and web; resolves once all answer. */
export async function startStack(options: StackOptions): Promise<RunningStack> {
  const config = loadConfig(options.env);
  let postgres: EmbeddedPostgresHandle | undefined;
  let databaseUrl = config.DATABASE_URL;
  if (!databaseUrl) {
    const dataDir = join(resolve(ROOT, config.PLENARY_DATA_DIR), 'postgres');
    options.log(`Starting embedded PostgreSQL (data in ${dataDir}) …`);
    postgres = await startEmbeddedPostgres({ dataDir, database: 'plenary', persistent: true });
    if (postgres.dataDir !== dataDir) {
      options.log(
        `The postgres user cannot enter ${dataDir}; the data is kept in ${postgres.dataDir} instead.`,
      );
    }
    databaseUrl = postgres.url;
  }
  const env = {
    ...(config.NODE_ENV === 'production' ? {} : developmentSecrets(resolve(ROOT, config.PLENARY_DATA_DIR))),
    ...options.env,
    DATABASE_URL: databaseUrl,
  };
  const children: Array<{ name: string; child: ChildProcess }> = [];
  let stopping = false;
  let onExit: (reason: string) => void = () => undefined;
  const exited = new Promise<string>((done) => (onExit = done));

  const launch = (name: string, command: string, args: string[]): ChildProcess => {
    const child = spawn(command, args, {
      cwd: ROOT,
      env,
      stdio: options.output === 'inherit' ? 'inherit' : ['ignore', 'pipe', 'pipe'],
    });
    pipe(child, name, options.output);
    child.on('exit', (code, signal) => {
      if (!stopping) onExit(`${name} exited (${signal ?? code})`);
    });
    children.push({ name, child });
    return child;
  };

  let stopped: Promise<void> | undefined;
  const stop = (): Promise<void> =>
    (stopped ??= (async () => {
      stopping = true;
      await Promise.all(children.reverse().map(({ child }) => stopChild(child)));
      if (postgres) await postgres.stop();
    })());

  try {
    const api = launch('api', process.execPath, [join(ROOT, 'dist/apps/api/main.js')]);
    await waitForHttp(`http://127.0.0.1:${config.API_PORT}/readyz`, 60_000, api);
    const live = launch('live', process.execPath, [join(ROOT, 'dist/apps/live/main.js')]);
    await waitForHttp(`http://127.0.0.1:${config.LIVE_PORT}/readyz`, 30_000, live);
    const vite = join(ROOT, 'node_modules/vite/bin/vite.js');
    const web = launch('web', process.execPath, [vite, 'preview', '--config', 'apps/web/vite.config.mts']);
    await waitForHttp(`http://127.0.0.1:${config.WEB_PORT}/`, 30_000, web);
  } catch (error) {
    await stop();
    throw error;
  }
  return {
    config,
    url: config.PUBLIC_URL,
    databaseUrl,
    embedded: Boolean(postgres),
    ...(postgres ? { postgresDataDir: postgres.dataDir } : {}),
    exited,
    stop,
  };
}

/** Builds api, live and web (Nx caches unchanged projects). */
export function build(env: NodeJS.ProcessEnv, output: StackOptions['output']): Promise<void> {
  return new Promise((done, fail) => {
    const child = spawn(
      join(ROOT, 'node_modules/.bin/nx'),
      ['run-many', '-t', 'build', '--projects=api,live,web', '--output-style=static'],
      {
        cwd: ROOT,
        env: { ...env, NX_DAEMON: 'false', NX_NO_CLOUD: 'true', NX_TUI: 'false' },
        stdio: output === 'inherit' ? 'inherit' : ['ignore', 'pipe', 'pipe'],
      },
    );
    pipe(child, 'build', output);
    child.on('exit', (code) =>
      code === 0 ? done() : fail(new Error(`build failed with exit code ${code}`)),
    );
  });
}
