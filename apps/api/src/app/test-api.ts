import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { CSRF_HEADER, outboxListSchema, type OutboxMessage } from '@plenary/contracts';
import { seedDemoPeople } from '@plenary/server-access';
import { createHttpApp, createLogger, runMigrations } from '@plenary/server-core';
import { createTestDatabase, testConfig, type TestDatabase } from '@plenary/server-core/testing';
import { seedReferenceEvent } from '@plenary/server-programme';
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { DataSource } from 'typeorm';
import { AppModule } from './app.module';

export const TEST_ORIGIN = 'http://localhost:4200';

export interface TestApi {
  app: NestFastifyApplication;
  dataSource: DataSource;
  /** Sends a request; state-changing ones carry the CSRF header and our Origin unless overridden. */
  request(options: InjectOptions & { cookie?: string; ip?: string }): Promise<LightMyRequestResponse>;
  outbox(to?: string): Promise<OutboxMessage[]>;
  close(): Promise<void>;
}

/** Boots the api in-process on a fresh, migrated, seeded database. */
export async function startTestApi(env: Record<string, string> = {}): Promise<TestApi> {
  const database: TestDatabase = await createTestDatabase();
  const config = testConfig({ DATABASE_URL: database.url, PUBLIC_URL: TEST_ORIGIN, ...env });
  const logger = createLogger(config, 'api');
  const app = await createHttpApp(AppModule.register(config, logger), { logger, apiPrefix: true });
  const dataSource = app.get(DataSource);
  await runMigrations(dataSource);
  await seedReferenceEvent(dataSource);
  await seedDemoPeople(dataSource);
  await app.init();
  const fastify = app.getHttpAdapter().getInstance();
  await fastify.ready();
  const request: TestApi['request'] = ({ cookie, ip, headers, ...options }) => {
    const method = (options.method ?? 'GET').toUpperCase();
    const unsafe = !['GET', 'HEAD', 'OPTIONS'].includes(method);
    return fastify.inject({
      ...options,
      remoteAddress: ip ?? '127.0.0.1',
      headers: {
        ...(unsafe ? { [CSRF_HEADER]: '1', origin: TEST_ORIGIN } : {}),
        ...(cookie ? { cookie } : {}),
        ...headers,
      },
    });
  };
  return {
    app,
    dataSource,
    request,
    outbox: async (to) => {
      const response = await request({ url: '/api/dev/outbox' });
      const messages = outboxListSchema.parse(response.json()).messages;
      return to ? messages.filter((message) => message.to === to) : messages;
    },
    close: async () => {
      await app.close();
      await database.drop();
    },
  };
}

/** The `name=value` part of a Set-Cookie header, ready to send back. */
export function cookieFrom(response: LightMyRequestResponse): string {
  const header = response.headers['set-cookie'];
  const first = Array.isArray(header) ? header[0] : header;
  if (!first) throw new Error('no Set-Cookie in the response');
  return first.split(';')[0] ?? '';
}

/** Polls until `check` returns a value (background work such as sign-in mails). */
export async function eventually<T>(check: () => Promise<T | undefined>, timeoutMs = 3000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

export function registrationBody(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    name: 'Ada Lovelace',
    email: 'ada@example.org',
    organisation: 'Analytical Engines Ltd',
    jobTitle: 'Director',
    country: 'GB',
    attendance: 'in_person',
    consents: { privacyNotice: true, photoRecording: false },
    ...overrides,
  };
}
