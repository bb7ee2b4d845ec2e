import { fork, type ChildProcess } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { findFreePort } from '../lib/database/embedded-postgres';

/**
 * A PostgreSQL cluster of its own (data folder and port) that a test may stop, start again or replace by a black
 * hole, to see what the apps do while their database is away. Real binaries from the `embedded-postgres` package.
 */
export interface PrivatePostgres {
  /** URL of the `plenary` database on this cluster. */
  url: string;
  port: number;
  /** Fast shutdown (SIGINT): open connections are terminated (57P01), new ones refused. */
  stop(): Promise<void>;
  /** Starts the cluster again on the same port and data. */
  start(): Promise<void>;
  /**
   * While PostgreSQL is stopped: listens on its port and accepts connections without ever answering (a frozen host,
   * a partition). Resolves with a function that closes it.
   */
  blackHole(): Promise<() => Promise<void>>;
  /** Stops the cluster and deletes its data folder. */
  destroy(): Promise<void>;
}

/** Starts the host process of a cluster; resolves with a function that sends it a command and awaits the reply. */
function startHost(
  dataDir: string,
  port: number,
): (command: 'init' | 'start' | 'stop' | 'exit') => Promise<void> {
  const host: ChildProcess = fork(join(__dirname, 'private-postgres.host.mjs'), [dataDir, String(port)], {
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  let next = 0;
  const waiting = new Map<number, { resolve: () => void; reject: (error: Error) => void }>();
  host.on('message', (message: { id: number; error: string | null }) => {
    const pending = waiting.get(message.id);
    waiting.delete(message.id);
    if (message.error) pending?.reject(new Error(`private PostgreSQL: ${message.error}`));
    else pending?.resolve();
  });
  host.on('exit', () => {
    for (const pending of waiting.values()) pending.reject(new Error('private PostgreSQL host exited'));
    waiting.clear();
  });
  return (command) =>
    new Promise<void>((resolve, reject) => {
      next += 1;
      waiting.set(next, { resolve, reject });
      host.send({ id: next, command });
    });
}

/** Initialises and starts a private cluster on a free port with an empty `plenary` database. */
export async function startPrivatePostgres(): Promise<PrivatePostgres> {
  const dataDir = mkdtempSync(join(tmpdir(), 'plenary-private-pg-'));
  // As root, PostgreSQL runs as the `postgres` user, which must be able to enter the folder.
  chmodSync(dataDir, 0o755);
  const port = await findFreePort();
  const send = startHost(dataDir, port);
  await send('init');
  const admin = new Client({ connectionString: `postgres://postgres:postgres@127.0.0.1:${port}/postgres` });
  await admin.connect();
  await admin.query('CREATE DATABASE plenary');
  await admin.end();
  let running = true;
  return {
    url: `postgres://postgres:postgres@127.0.0.1:${port}/plenary`,
    port,
    stop: async () => {
      await send('stop');
      running = false;
    },
    start: async () => {
      await send('start');
      running = true;
    },
    blackHole: async () => {
      if (running) throw new Error('stop PostgreSQL before putting a black hole on its port');
      const sockets = new Set<Socket>();
      const server: Server = createServer((socket) => {
        sockets.add(socket);
        socket.on('close', () => sockets.delete(socket));
        socket.on('error', () => undefined);
      });
      await new Promise<void>((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, '127.0.0.1', resolve);
      });
      return () =>
        new Promise<void>((resolve) => {
          for (const socket of sockets) socket.destroy();
          server.close(() => resolve());
        });
    },
    destroy: async () => {
      await send('exit').catch(() => undefined);
      running = false;
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
