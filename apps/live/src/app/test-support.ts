import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import {
  LIVE_SOCKET_PATH,
  type Ack,
  type ClientToServerEvents,
  type RegistrationStatus,
  type Role,
  type ServerToClientEvents,
  type SystemPong,
} from '@plenary/contracts';
import {
  ACCESS_ENTITIES,
  EventRoleEntity,
  PersonEntity,
  RegistrationEntity,
  SessionService,
} from '@plenary/server-access';
import {
  CORE_ENTITIES,
  createLogger,
  dataSourceOptions,
  runMigrations,
  type AppConfig,
} from '@plenary/server-core';
import { ENGAGEMENT_ENTITIES } from '@plenary/server-engagement';
import { PROGRAMME_ENTITIES, REFERENCE_EVENT, seedReferenceEvent } from '@plenary/server-programme';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { io, type Socket } from 'socket.io-client';
import type { LiveOptions } from './app.module';
import { createLiveApp } from './create-live-app';

export const TEST_ORIGIN = 'http://localhost:4200';

export type TestClient = Socket<ServerToClientEvents, ClientToServerEvents>;

/** Starts a live node on a free port; returns it with its base URL. */
export async function startLiveNode(
  config: AppConfig,
  options: LiveOptions = {},
): Promise<{ app: NestFastifyApplication; url: string }> {
  const app = await createLiveApp(config, createLogger(config, 'live'), options);
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

/** A signed-in person of the test database. */
export interface TestPerson {
  personId: string;
  name: string;
  /** The Cookie header value of their session. */
  cookie: string;
  revoke(): Promise<void>;
}

export interface PersonOptions {
  name?: string;
  /** Roles for the event (the reference event unless `eventId` says otherwise). */
  roles?: Role[];
  /** A registration for the event in this status. */
  registration?: RegistrationStatus;
  eventId?: string;
}

/** People of a migrated test database holding the reference event: sign people in with roles and registrations. */
export interface TestPeople {
  dataSource: DataSource;
  add(options?: PersonOptions): Promise<TestPerson>;
  close(): Promise<void>;
}

/** Migrates the test database, loads the reference event and returns a factory of signed-in people. */
export async function createTestPeople(config: AppConfig): Promise<TestPeople> {
  const dataSource = new DataSource(
    dataSourceOptions(
      config.DATABASE_URL ?? '',
      [...CORE_ENTITIES, ...PROGRAMME_ENTITIES, ...ACCESS_ENTITIES, ...ENGAGEMENT_ENTITIES],
      2,
    ),
  );
  await dataSource.initialize();
  await runMigrations(dataSource);
  await seedReferenceEvent(dataSource);
  const sessions = new SessionService(dataSource, config);
  return {
    dataSource,
    add: async (options = {}) => {
      const personId = randomUUID();
      const name = options.name ?? 'Socket Tester';
      const eventId = options.eventId ?? REFERENCE_EVENT.id;
      await dataSource
        .getRepository(PersonEntity)
        .insert({ id: personId, email: `${personId}@example.org`, name });
      if (options.roles?.length) {
        await dataSource
          .getRepository(EventRoleEntity)
          .insert(options.roles.map((role) => ({ eventId, personId, role, grantedBy: null })));
      }
      if (options.registration) {
        await dataSource.getRepository(RegistrationEntity).insert({
          id: randomUUID(),
          eventId,
          personId,
          organisation: 'Test Org',
          jobTitle: 'Tester',
          country: 'GB',
          attendance: 'remote',
          status: options.registration,
          accessibilityNeeds: null,
          privacyAcceptedAt: new Date(),
          photoRecordingConsent: false,
          decidedAt: null,
        });
      }
      const { cookie } = await sessions.create(personId);
      return {
        personId,
        name,
        cookie: cookie.split(';')[0] ?? '',
        revoke: async () => {
          await sessions.revokeAll(personId);
        },
      };
    },
    close: () => dataSource.destroy(),
  };
}

/** Migrates the test database and signs a new person in; returns the Cookie header value and a way to revoke. */
export async function signedInCookie(
  config: AppConfig,
  options: PersonOptions = {},
): Promise<{ cookie: string; personId: string; revoke: () => Promise<void>; close: () => Promise<void> }> {
  const people = await createTestPeople(config);
  const person = await people.add(options);
  return {
    cookie: person.cookie,
    personId: person.personId,
    revoke: () => person.revoke(),
    close: () => people.close(),
  };
}

/** Sends a client event and resolves with its ack (2 s timeout). */
export async function request<E extends keyof ClientToServerEvents>(
  client: TestClient,
  event: E,
  payload: Parameters<ClientToServerEvents[E]>[0],
): Promise<Parameters<Parameters<ClientToServerEvents[E]>[1]>[0]> {
  const untyped = client.timeout(5000) as unknown as {
    emitWithAck(event: string, payload: unknown): Promise<unknown>;
  };
  return (await untyped.emitWithAck(event, payload)) as Parameters<Parameters<ClientToServerEvents[E]>[1]>[0];
}

/** Resolves with the next `count` payloads of a server event (rejects after `timeoutMs`). */
export function collect<E extends keyof ServerToClientEvents>(
  client: TestClient,
  event: E,
  count = 1,
  timeoutMs = 3000,
): Promise<Array<Parameters<ServerToClientEvents[E]>[0]>> {
  type Payload = Parameters<ServerToClientEvents[E]>[0];
  const received: Payload[] = [];
  return new Promise((resolve, reject) => {
    const listener = (payload: Payload): void => {
      received.push(payload);
      if (received.length >= count) {
        clearTimeout(timer);
        client.off(event, listener as never);
        resolve(received);
      }
    };
    const timer = setTimeout(() => {
      client.off(event, listener as never);
      reject(new Error(`expected ${count} ${event}, got ${received.length}`));
    }, timeoutMs);
    client.on(event, listener as never);
  });
}

/** Polls until `check` returns a value. */
export async function eventually<T>(check: () => Promise<T | undefined>, timeoutMs = 3000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}
