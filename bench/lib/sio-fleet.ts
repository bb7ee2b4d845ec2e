// The coordinator's side of the load-generator processes (bench/lib/sio-worker.ts): forks them, sends commands,
// collects results. Each worker holds its own sockets, so receiving work spreads over processes (and cores).
import { fork, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import type { Collected, Command } from './sio-worker';

interface Reply {
  id: number;
  result?: unknown;
  error?: string;
}

export class Worker {
  private nextId = 1;
  private readonly waiting = new Map<number, { resolve(value: unknown): void; reject(error: Error): void }>();

  constructor(readonly child: ChildProcess) {
    child.on('message', (reply: Reply) => {
      const waiter = this.waiting.get(reply.id);
      if (!waiter) return;
      this.waiting.delete(reply.id);
      if (reply.error) waiter.reject(new Error(reply.error));
      else waiter.resolve(reply.result);
    });
    child.on('exit', (code) => {
      for (const waiter of this.waiting.values()) waiter.reject(new Error(`worker exited with ${code}`));
      this.waiting.clear();
    });
  }

  send<T = unknown>(command: Command): Promise<T> {
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      this.waiting.set(id, { resolve: resolve, reject });
      this.child.send({ id, command });
    });
  }
}

export class Fleet {
  private constructor(readonly workers: Worker[]) {}

  static start(count: number): Fleet {
    const workers = Array.from(
      { length: count },
      () =>
        new Worker(
          fork(join(__dirname, 'sio-worker.ts'), [], {
            execArgv: ['--import', 'tsx', '--max-old-space-size=2048'],
            serialization: 'advanced',
            stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
          }),
        ),
    );
    return new Fleet(workers);
  }

  /** Splits `cookies` over the workers (contiguous ranges) and connects them all, joined to `sessionId`. */
  async connect(
    url: string | ((worker: number) => string),
    origin: string,
    cookies: string[],
    sessionId: string | null,
    concurrency = 50,
  ): Promise<{ connected: number; failed: number; errors: Record<string, number>; seconds: number }> {
    const per = Math.ceil(cookies.length / this.workers.length);
    const results = await Promise.all(
      this.workers.map((worker, index) =>
        worker.send<{ connected: number; failed: number; errors: Record<string, number>; seconds: number }>({
          type: 'connect',
          url: typeof url === 'string' ? url : url(index),
          origin,
          cookies: cookies.slice(index * per, (index + 1) * per),
          firstIndex: index * per,
          sessionId,
          concurrency,
        }),
      ),
    );
    const errors: Record<string, number> = {};
    for (const result of results)
      for (const [message, count] of Object.entries(result.errors))
        errors[message] = (errors[message] ?? 0) + count;
    return {
      connected: results.reduce((sum, result) => sum + result.connected, 0),
      failed: results.reduce((sum, result) => sum + result.failed, 0),
      errors,
      seconds: Math.max(...results.map((result) => result.seconds)),
    };
  }

  all<T = unknown>(command: Command | ((worker: number) => Command)): Promise<T[]> {
    return Promise.all(
      this.workers.map((worker, index) =>
        worker.send<T>(typeof command === 'function' ? command(index) : command),
      ),
    );
  }

  record(on: boolean): Promise<unknown[]> {
    return this.all({ type: 'record', on });
  }

  collect(): Promise<Collected[]> {
    return this.all<Collected>({ type: 'collect' });
  }

  async close(): Promise<void> {
    await Promise.all(
      this.workers.map(async (worker) => {
        const exited = new Promise((resolve) => worker.child.once('exit', resolve));
        await worker.send({ type: 'close' }).catch(() => undefined);
        const timer = setTimeout(() => worker.child.kill('SIGKILL'), 5000);
        await exited;
        clearTimeout(timer);
      }),
    );
  }
}

/** Concatenates the collected results of several workers. */
export function merge(parts: Collected[]): Collected {
  const total: Collected = {
    changedLatencies: [],
    changedCounts: {},
    moderation: {},
    ranked: {},
    upvoteVisible: [],
    ackLatencies: [],
    ackedPairs: [],
    ackedOptions: [],
    nacks: {},
    sent: 0,
    duplicatesSent: 0,
    timeouts: 0,
    disconnects: 0,
    cpuSeconds: 0,
    rssMB: 0,
  };
  for (const part of parts) {
    for (const value of part.changedLatencies) total.changedLatencies.push(value);
    for (const value of part.upvoteVisible) total.upvoteVisible.push(value);
    for (const value of part.ackLatencies) total.ackLatencies.push(value);
    for (const value of part.ackedPairs) total.ackedPairs.push(value);
    for (const value of part.ackedOptions) total.ackedOptions.push(value);
    for (const [key, count] of Object.entries(part.changedCounts))
      total.changedCounts[key] = (total.changedCounts[key] ?? 0) + count;
    for (const [key, times] of Object.entries(part.moderation)) (total.moderation[key] ??= []).push(...times);
    for (const [key, times] of Object.entries(part.ranked)) (total.ranked[key] ??= []).push(...times);
    for (const [key, count] of Object.entries(part.nacks)) total.nacks[key] = (total.nacks[key] ?? 0) + count;
    total.sent += part.sent;
    total.duplicatesSent += part.duplicatesSent;
    total.timeouts += part.timeouts;
    total.disconnects += part.disconnects;
    total.cpuSeconds += part.cpuSeconds;
    total.rssMB += part.rssMB;
  }
  return total;
}
