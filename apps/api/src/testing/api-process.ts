// The api as a real process for black-box tests: run from its sources (swc, as in the Jest transform), its JSON log
// lines collected. Used by the fault suite (`*.fault-spec.ts`).
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';

const ROOT = join(__dirname, '../../../..');
export const TEST_ORIGIN = 'http://localhost:4200';

export type LogLine = Record<string, unknown> & { level?: string; msg?: string };

export interface ApiProcess {
  child: ChildProcess;
  base: string;
  logs: LogLine[];
  exited: Promise<void>;
  /** SIGKILL, as a crash or the OOM killer would; resolves once the process is gone. */
  kill(): Promise<void>;
}

/** Starts `apps/api/src/main.ts` on `port` with the demo event seeded; `env` adds to or overrides the defaults. */
/** Appends each JSON log line the process writes to stdout to `logs` (a line that is not JSON as `{ msg }`). */
export function collectLogLines<T extends LogLine>(child: ChildProcess, logs: T[]): void {
  let partial = '';
  child.stdout?.setEncoding('utf8');
  child.stdout?.on('data', (chunk: string) => {
    const lines = (partial + chunk).split('\n');
    partial = lines.pop() ?? '';
    for (const line of lines.filter(Boolean)) {
      try {
        logs.push(JSON.parse(line) as T);
      } catch {
        logs.push({ msg: line } as T);
      }
    }
  });
}

export function startApiProcess(
  databaseUrl: string,
  port: number,
  env: Record<string, string> = {},
): ApiProcess {
  const child = spawn(process.execPath, ['-r', '@swc-node/register', 'apps/api/src/main.ts'], {
    cwd: ROOT,
    env: {
      PATH: process.env['PATH'] ?? '',
      HOME: process.env['HOME'] ?? ROOT,
      SWC_NODE_PROJECT: join(ROOT, 'tsconfig.json'),
      NODE_ENV: 'test',
      LOG_LEVEL: 'info',
      HOST: '127.0.0.1',
      API_PORT: String(port),
      PUBLIC_URL: TEST_ORIGIN,
      DATABASE_URL: databaseUrl,
      SEED_DEMO: 'true',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const logs: LogLine[] = [];
  collectLogLines(child, logs);
  child.stderr?.setEncoding('utf8');
  child.stderr?.on('data', (chunk: string) => logs.push({ level: 'stderr', msg: chunk }));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return {
    child,
    base: `http://127.0.0.1:${port}`,
    logs,
    exited,
    kill: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await exited;
    },
  };
}

/** Polls `check` until it returns a value; fails when the api exits or after `timeoutMs`. */
export async function waitForApi<T>(
  api: ApiProcess,
  what: string,
  check: () => Promise<T | undefined> | T | undefined,
  timeoutMs = 60_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (api.child.exitCode !== null || api.child.signalCode !== null)
      throw new Error(`api exited while waiting for ${what}`);
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Resolves once the api logs that it listens. */
export function apiListening(api: ApiProcess, timeoutMs = 90_000): Promise<true> {
  return waitForApi(
    api,
    'the api to listen',
    () => (api.logs.some((line) => line.msg === 'api listening') ? true : undefined),
    timeoutMs,
  );
}
