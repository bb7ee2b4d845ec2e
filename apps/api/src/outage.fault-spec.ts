// PostgreSQL goes away under a running api (black box): the api runs from its sources as a child process against a
// private PostgreSQL cluster, which the test stops, replaces by a port that never answers, and starts again.
import { CSRF_HEADER, errorEnvelopeSchema, outboxListSchema } from '@plenary/contracts';
import { findFreePort } from '@plenary/server-core';
import { reportFigure, startPrivatePostgres, type PrivatePostgres } from '@plenary/server-core/testing';
import {
  apiListening,
  startApiProcess,
  TEST_ORIGIN as ORIGIN,
  waitForApi as waitFor,
  type ApiProcess,
} from './testing/api-process';

let counter = 0;
const uniqueSuffix = (): string => `${Date.now()}-${(counter += 1)}`;

describe('api while PostgreSQL is away (black box)', () => {
  let pg: PrivatePostgres;
  let api: ApiProcess;
  let cookie = '';

  const get = (path: string, headers: Record<string, string> = {}): Promise<Response> =>
    fetch(`${api.base}${path}`, { headers, signal: AbortSignal.timeout(15_000) });
  const post = (path: string, body: unknown): Promise<Response> =>
    fetch(`${api.base}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: ORIGIN, [CSRF_HEADER]: '1' },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(15_000),
    });
  const registration = (email: string): Promise<Response> =>
    post('/api/events/vmc2021/registrations', {
      name: 'Ada Lovelace',
      email,
      organisation: 'Analytical Engines Ltd',
      jobTitle: 'Director',
      country: 'GB',
      attendance: 'remote',
      consents: { privacyNotice: true, photoRecording: false },
    });

  /** The four requests of the finding: programme, /api/me, registration, sign-in. */
  const theFour = async (): Promise<Array<[string, Response]>> => [
    ['programme', await get('/api/events/vmc2021')],
    ['me', await get('/api/me', { cookie })],
    ['registration', await registration(`outage-${uniqueSuffix()}@example.org`)],
    ['sign-in', await post('/api/auth/sign-in', { email: `nobody-${uniqueSuffix()}@example.org` })],
  ];

  async function signIn(email: string): Promise<string> {
    expect((await post('/api/auth/sign-in', { email })).status).toBe(202);
    const text = await waitFor(api, 'the sign-in mail', async () => {
      const outbox = outboxListSchema.parse(await (await get('/api/dev/outbox')).json());
      return outbox.messages.find((message) => message.to === email)?.text;
    });
    const token = /#token=([A-Za-z0-9_-]{43})/.exec(text)?.[1];
    const redeemed = await post('/api/auth/magic-link', { token });
    expect(redeemed.status).toBe(200);
    return redeemed.headers
      .getSetCookie()
      .map((line) => line.split(';')[0])
      .join('; ');
  }

  async function expectUnavailable(name: string, response: Response): Promise<void> {
    const body: unknown = await response.json();
    expect({ name, status: response.status }).toEqual({ name, status: 503 });
    expect(response.headers.get('retry-after')).toBe('3');
    const envelope = errorEnvelopeSchema.parse(body);
    expect(envelope.error.code).toBe('core/unavailable');
    expect(envelope.error.requestId).toBe(response.headers.get('x-request-id'));
  }

  beforeAll(async () => {
    pg = await startPrivatePostgres();
    // Mail delivery on (to a port where nothing listens): its background rounds meet the outage too.
    api = startApiProcess(pg.url, await findFreePort(), { SMTP_URL: 'smtp://127.0.0.1:9' });
    await apiListening(api);
    cookie = await signIn('organiser@plenary.test');
  }, 120_000);

  afterAll(async () => {
    await api?.kill();
    await pg?.destroy();
  });

  it('serves the four requests while PostgreSQL runs', async () => {
    const answers = await theFour();
    expect(answers.map(([name, response]) => [name, response.status])).toEqual([
      ['programme', 200],
      ['me', 200],
      ['registration', 202],
      ['sign-in', 202],
    ]);
    expect((await get('/readyz')).status).toBe(200);
  });

  it('answers 503 core/unavailable with Retry-After while PostgreSQL is stopped, and logs no stack per request (fault: postgres-stopped)', async () => {
    const before = api.logs.length;
    await pg.stop();
    const started = Date.now();
    for (let round = 0; round < 3; round++) {
      for (const [name, response] of await theFour()) await expectUnavailable(name, response);
    }
    reportFigure('postgres-stopped', '12 requests answered 503 in', Date.now() - started, 'ms');
    const ready = await get('/readyz');
    expect(ready.status).toBe(503);
    expect(await ready.json()).toEqual({ status: 'not-ready', checks: { postgres: 'down' } });

    const during = api.logs.slice(before);
    expect(during.filter((line) => line.level === 'error' || line.level === 'stderr')).toEqual([]);
    const requestLines = during.filter((line) => line.msg === 'request');
    expect(requestLines.filter((line) => line['status'] === 503).length).toBeGreaterThanOrEqual(12);
    // Twelve failed requests, one warning of their kind in this interval. Work in flight when PostgreSQL went away
    // (a job runner poll, a form being applied) may add one warning of its own kind (`postgres-restarting`), no more.
    const warnings = during.filter((line) => String(line.msg).startsWith('dependency unavailable'));
    const unreachable = warnings.filter((line) => line['kind'] === 'postgres-unreachable');
    expect(unreachable).toHaveLength(1);
    expect(unreachable[0]).toMatchObject({ level: 'warn' });
    expect(new Set(warnings.map((line) => line['kind'])).size).toBe(warnings.length);
    expect(JSON.stringify(warnings)).not.toContain('stack');

    // Ten seconds on, one line counts what was held back: at least the eleven other requests.
    const summary = await waitFor(
      api,
      'the summary line of the interval',
      () =>
        api.logs
          .slice(before)
          .find(
            (line) =>
              String(line.msg).startsWith('dependency still unavailable') &&
              line['kind'] === 'postgres-unreachable',
          ),
      20_000,
    );
    expect(summary).toMatchObject({ level: 'warn', kind: 'postgres-unreachable', seconds: 10 });
    expect(summary['failures']).toBeGreaterThanOrEqual(11);
    expect(api.child.exitCode).toBeNull();
    expect(
      api.logs.slice(before).filter((line) => line.level === 'error' || line.level === 'stderr'),
    ).toEqual([]);
  }, 30_000);

  it('fails within about a second when PostgreSQL accepts connections but never answers (fault: postgres-black-hole)', async () => {
    const closeBlackHole = await pg.blackHole();
    try {
      const started = Date.now();
      const response = await get('/api/events/vmc2021');
      const elapsed = Date.now() - started;
      await expectUnavailable('programme', response);
      reportFigure('postgres-black-hole', '503 after', elapsed, 'ms');
      // The connect timeout (DATABASE_CONNECT_TIMEOUT_MS, 1 s) ends the wait, not the client.
      expect(elapsed).toBeGreaterThanOrEqual(900);
      expect(elapsed).toBeLessThan(5000);
      await expectUnavailable('me', await get('/api/me', { cookie }));
    } finally {
      await closeBlackHole();
    }
  });

  it('recovers by itself when PostgreSQL is back, without a restart (fault: postgres-back)', async () => {
    const pid = api.child.pid;
    await pg.start();
    const started = Date.now();
    await waitFor(api, 'the programme to answer 200', async () =>
      (await get('/api/events/vmc2021')).status === 200 ? true : undefined,
    );
    reportFigure(
      'postgres-back',
      'first 200 after PostgreSQL accepts connections',
      Date.now() - started,
      'ms',
    );
    const answers = await theFour();
    expect(answers.map(([name, response]) => [name, response.status])).toEqual([
      ['programme', 200],
      ['me', 200],
      ['registration', 202],
      ['sign-in', 202],
    ]);
    expect((await get('/readyz')).status).toBe(200);
    expect(api.child.exitCode).toBeNull();
    expect(api.child.pid).toBe(pid);
  });
});
