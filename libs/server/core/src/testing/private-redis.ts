import { spawn, type ChildProcess } from 'node:child_process';
import { createConnection } from 'node:net';
import { findFreePort } from '../lib/database/embedded-postgres';

/**
 * A Redis of one test's own (`redis-server` on a free port, no persistence): the shared one on 6379 must never be
 * stopped under other tests. `kill()` ends it as a crash would; `start()` brings it back on the same port, empty.
 */
export class PrivateRedis {
  private process: ChildProcess | null = null;
  private constructor(
    readonly port: number,
    readonly host: string,
  ) {}

  /** Starts redis-server on a free port, listening on `host` (127.0.0.1 unless a test needs another address). */
  static async start(host = '127.0.0.1'): Promise<PrivateRedis> {
    const redis = new PrivateRedis(await findFreePort(), host);
    await redis.start();
    return redis;
  }

  get url(): string {
    return `redis://${this.host}:${this.port}`;
  }

  async start(): Promise<void> {
    this.process = spawn(
      'redis-server',
      [
        ...['--port', String(this.port), '--bind', this.host, '--save', '', '--appendonly', 'no'],
        // Bound to a test's own address (a veth link to a network namespace): its clients are not on loopback.
        ...(this.host === '127.0.0.1' ? [] : ['--protected-mode', 'no']),
      ],
      { stdio: 'ignore' },
    );
    // Never left behind, whatever happens to the hooks: a stray redis-server would keep Jest from exiting.
    const child = this.process;
    child.unref();
    process.once('exit', () => child.kill('SIGKILL'));
    const deadline = Date.now() + 10_000;
    while (!(await accepts(this.port, this.host))) {
      if (Date.now() > deadline) throw new Error(`redis-server did not start on ${this.port}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  /** Kills Redis as a crash would (no clean shutdown) and waits until the process is gone. */
  async kill(): Promise<void> {
    const child = this.process;
    this.process = null;
    if (!child || child.exitCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGKILL');
    await exited;
  }
}

function accepts(port: number, host: string): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ port, host });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}
