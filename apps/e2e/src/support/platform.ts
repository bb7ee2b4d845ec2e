import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const ROOT = resolve(__dirname, '../../../..');
export const ARTIFACTS = join(ROOT, 'e2e-artifacts');

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

export interface Platform {
  url: string;
  dataDir: string;
  output: string[];
  process: ChildProcess;
  /** Sends Ctrl-C (SIGINT) and resolves with the exit code. */
  interrupt(): Promise<number | null>;
}

export interface PlatformOptions {
  dataDir?: string;
  env?: Record<string, string | undefined>;
}

/** Runs `npm start`'s entry point as a real process on free ports and waits for "Plenary is running". */
export async function startPlatform(options: PlatformOptions = {}): Promise<Platform> {
  const [api, live, web] = [await freePort(), await freePort(), await freePort()];
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'plenary-e2e-'));
  // As root, embedded PostgreSQL runs as the `postgres` user, which must be able to enter the folder.
  chmodSync(dataDir, 0o755);
  const url = `http://127.0.0.1:${web}`;
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    // The embedded default: no external PostgreSQL and no Redis (rate-limit counters in a shared Redis would carry
    // over from one run to the next; Redis behaviour has its own tests).
    DATABASE_URL: undefined,
    REDIS_URL: undefined,
    API_PORT: String(api),
    LIVE_PORT: String(live),
    WEB_PORT: String(web),
    PUBLIC_URL: url,
    PLENARY_DATA_DIR: dataDir,
    LOG_LEVEL: 'warn',
    ...options.env,
  };
  // `node --import tsx`, not the tsx CLI: the CLI relays Ctrl-C to a child and SIGKILLs it when the child does not
  // acknowledge within 30 ms, which on a loaded machine would leave PostgreSQL behind.
  const child = spawn(process.execPath, ['--import', 'tsx', 'tools/start.ts'], {
    cwd: ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output: string[] = [];
  const exited = new Promise<number | null>((done) => child.once('exit', (code) => done(code)));
  await new Promise<void>((ready, fail) => {
    const timer = setTimeout(
      () => fail(new Error(`platform not ready in 90 s:\n${output.join('')}`)),
      90_000,
    );
    const onData = (chunk: Buffer): void => {
      output.push(chunk.toString());
      if (output.join('').includes('Plenary is running')) {
        clearTimeout(timer);
        ready();
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    void exited.then((code) => {
      clearTimeout(timer);
      fail(new Error(`npm start exited with ${code}:\n${output.join('')}`));
    });
  });
  return {
    url,
    dataDir,
    output,
    process: child,
    interrupt: () => {
      child.kill('SIGINT');
      return exited;
    },
  };
}
