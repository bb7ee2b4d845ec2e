import { spawn, type ChildProcess } from 'node:child_process';
import { createConnection } from 'node:net';
import { findFreePort } from '../lib/database/embedded-postgres';

/**
 * A Redis of one test's own (`redis-server` on a free port, no persistence): the shared one on 6379 must never be
 * stopped under other tests. `kill()` ends it as a crash would; `start()` brings it back on the same port, empty.
 */
export class PrivateRedis {
  private process: ChildProcess | null = null;
  private constructor(readonly port: number) {}

  /** Starts redis-server on a free port. */
  static async start(): Promise<PrivateRedis> {
    const redis = new PrivateRedis(await findFreePort());
    await redis.start();
    return redis;
  }

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  async start(): Promise<void> {
    this.process = spawn(
      'redis-server',
      ['--port', String(this.port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
      { stdio: 'ignore' },
    );
    // Never left behind, whatever happens to the hooks: a stray redis-server would keep Jest from exiting.
    const child = this.process;
    child.unref();
    process.once('exit', () => child.kill('SIGKILL'));
    const deadline = Date.now() + 10_000;
    while (!(await accepts(this.port))) {
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

function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ port, host: '127.0.0.1' });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}
