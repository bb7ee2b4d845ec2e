import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import {
  LIVE_SOCKET_PATH,
  type Ack,
  type ClientToServerEvents,
  type ServerToClientEvents,
  type SystemPong,
} from '@plenary/contracts';
import { ACCESS_ENTITIES, PersonEntity, SessionService } from '@plenary/server-access';
import {
  CORE_ENTITIES,
  createLogger,
  dataSourceOptions,
  runMigrations,
  type AppConfig,
} from '@plenary/server-core';
import { PROGRAMME_ENTITIES } from '@plenary/server-programme';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { io, type Socket } from 'socket.io-client';
import { createLiveApp } from './create-live-app';

export const TEST_ORIGIN = 'http://localhost:4200';

export type TestClient = Socket<ServerToClientEvents, ClientToServerEvents>;

/** Starts a live node on a free port; returns it with its base URL. */
export async function startLiveNode(
  config: AppConfig,
): Promise<{ app: NestFastifyApplication; url: string }> {
  const app = await createLiveApp(config, createLogger(config, 'live'));
  await app.listen({ port: 0, host: '127.0.0.1' });
  return { app, url: await app.getUrl() };
}

/** Connects a socket.io client over websocket with the given Origin; resolves once connected or refused. */
export function connectClient(url: string, cookie: string | null, origin = TEST_ORIGIN): Promise<TestClient> {
  const socket: TestClient = io(url, {
    path: LIVE_SOCKET_PATH,
    transports: ['websocket'],
    extraHeaders: { origin, ...(cookie ? { cookie } : {}) },
    reconnection: false,
    timeout: 3000,
  });
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve(socket));
    socket.once('connect_error', (error) => {
      socket.close();
      reject(error);
    });
  });
}

/** Sends `system:ping` (payload unchecked, to test validation) and resolves with the ack. */
export async function ping(client: TestClient, payload: unknown): Promise<Ack<SystemPong>> {
  return (await client
    .timeout(2000)
    .emitWithAck('system:ping', payload as { sentAt: number })) as Ack<SystemPong>;
}

/** Migrates the test database and signs a new person in; returns the Cookie header value and a way to revoke. */
export async function signedInCookie(
  config: AppConfig,
): Promise<{ cookie: string; revoke: () => Promise<void>; close: () => Promise<void> }> {
  const dataSource = new DataSource(
    dataSourceOptions(
      config.DATABASE_URL ?? '',
      [...CORE_ENTITIES, ...PROGRAMME_ENTITIES, ...ACCESS_ENTITIES],
      2,
    ),
  );
  await dataSource.initialize();
  await runMigrations(dataSource);
  const personId = randomUUID();
  await dataSource
    .getRepository(PersonEntity)
    .insert({ id: personId, email: `${personId}@example.org`, name: 'Socket Tester' });
  const sessions = new SessionService(dataSource, config);
  const { cookie } = await sessions.create(personId);
  return {
    cookie: cookie.split(';')[0] ?? '',
    revoke: async () => {
      await sessions.revokeAll(personId);
    },
    close: () => dataSource.destroy(),
  };
}
