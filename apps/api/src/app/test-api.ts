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

export interface TestApiOptions {
  /** Another instance's database: this api joins it (a second api process) and leaves it in place on close. */
  database?: TestDatabase;
  /** Runs before the application bootstraps (e.g. to define a test queue on the job runner). */
  beforeInit?: (app: NestFastifyApplication) => void;
}

/** Boots the api in-process on a fresh, migrated, seeded database (or on `options.database`). */
export async function startTestApi(
  env: Record<string, string> = {},
  options: TestApiOptions = {},
): Promise<TestApi & { database: TestDatabase }> {
  const database: TestDatabase = options.database ?? (await createTestDatabase());
  const config = testConfig({ DATABASE_URL: database.url, PUBLIC_URL: TEST_ORIGIN, ...env });
  const logger = createLogger(config, 'api');
  const app = await createHttpApp(AppModule.register(config, logger), {
    logger,
    apiPrefix: true,
    publicUrl: config.PUBLIC_URL,
  });
  const dataSource = app.get(DataSource);
  await runMigrations(dataSource);
  await seedReferenceEvent(dataSource);
  await seedDemoPeople(dataSource);
  options.beforeInit?.(app);
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
    database,
    request,
    outbox: async (to) => {
      const response = await request({ url: '/api/dev/outbox' });
      const messages = outboxListSchema.parse(response.json()).messages;
      return to ? messages.filter((message) => message.to === to) : messages;
    },
    close: async () => {
      await app.close();
      if (!options.database) await database.drop();
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

let testIp = 0;
/** A fresh client address, so per-address rate limits of one test never leak into another. */
export const freshIp = (): string => {
  testIp += 1;
  return `10.${Math.floor(testIp / 62500) % 250}.${Math.floor(testIp / 250) % 250}.${testIp % 250}`;
};

/** Signs `email` in through the real flow (sign-in mail in the dev outbox, magic link); returns the Cookie header. */
export async function signInAs(api: TestApi, email: string): Promise<string> {
  const before = (await api.outbox(email)).length;
  const requested = await api.request({
    method: 'POST',
    url: '/api/auth/sign-in',
    payload: { email },
    ip: freshIp(),
  });
  if (requested.statusCode !== 202) throw new Error(`sign-in request answered ${requested.statusCode}`);
  const mail = await eventually(async () => {
    const mails = await api.outbox(email);
    return mails.length > before ? mails[0] : undefined;
  });
  const token = /#token=([A-Za-z0-9_-]{43})/.exec(mail.text)?.[1];
  const redeemed = await api.request({
    method: 'POST',
    url: '/api/auth/magic-link',
    payload: { token },
    ip: freshIp(),
  });
  if (redeemed.statusCode !== 200) throw new Error(`magic link answered ${redeemed.statusCode}`);
  return cookieFrom(redeemed);
}

/** Registers `email` for the demo event through the public form. */
export async function registerAs(
  api: TestApi,
  email: string,
  overrides: Record<string, unknown> = {},
): Promise<void> {
  const response = await api.request({
    method: 'POST',
    url: '/api/events/vmc2021/registrations',
    payload: registrationBody({ email, ...overrides }),
    ip: freshIp(),
  });
  if (response.statusCode !== 202)
    throw new Error(`registration answered ${response.statusCode}: ${response.body}`);
  await registrationsApplied(api);
}

/** Waits until every public registration form received so far has been applied (they are applied after the answer). */
export async function registrationsApplied(api: TestApi): Promise<void> {
  await eventually(async () => {
    const [row] = await api.dataSource.query<Array<{ n: number }>>(
      'SELECT count(*)::int AS n FROM registration_requests',
    );
    return row?.n === 0 ? true : undefined;
  });
}
