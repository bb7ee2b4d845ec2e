// Fault scenarios of the api as a real process (black box, over HTTP and SQL): a mail server that refuses, the api
// killed between answering a registration form and applying it, a huge or trickled body, a burst from one address.
// They share one api and one database: the mail scenario's retry waits out its backoff while the others run.
import { CSRF_HEADER, errorEnvelopeSchema, outboxListSchema } from '@plenary/contracts';
import { findFreePort } from '@plenary/server-core';
import {
  createTestDatabase,
  reportFigure,
  startSmtpSink,
  type SmtpSink,
  type TestDatabase,
} from '@plenary/server-core/testing';
import { REFERENCE_EVENT } from '@plenary/server-programme';
import { request as httpRequest } from 'node:http';
import { connect } from 'node:net';
import { Client } from 'pg';
import {
  apiListening,
  startApiProcess,
  TEST_ORIGIN,
  waitForApi,
  type ApiProcess,
} from './testing/api-process';

const ORGANISER = 'organiser@plenary.test';

describe('the api under hostile conditions (black box)', () => {
  let database: TestDatabase;
  let db: Client;
  let sink: SmtpSink;
  let refusing = true;
  let port: number;
  let api: ApiProcess;

  const start = async (): Promise<ApiProcess> => {
    const started = startApiProcess(database.url, port, { SMTP_URL: sink.url });
    await apiListening(started);
    return started;
  };
  const post = (path: string, body: unknown, headers: Record<string, string> = {}): Promise<Response> =>
    fetch(`${api.base}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: TEST_ORIGIN, [CSRF_HEADER]: '1', ...headers },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(15_000),
    });
  const registration = (email: string): Promise<Response> =>
    post('/api/events/vmc2021/registrations', {
      name: 'Grace Hopper',
      email,
      organisation: 'Navy',
      jobTitle: 'Rear Admiral',
      country: 'US',
      attendance: 'remote',
      consents: { privacyNotice: true, photoRecording: false },
    });
  async function signIn(email: string): Promise<string> {
    expect((await post('/api/auth/sign-in', { email })).status).toBe(202);
    const text = await eventually('the sign-in mail', async () => {
      const outbox = outboxListSchema.parse(await (await fetch(`${api.base}/api/dev/outbox`)).json());
      return outbox.messages.filter((message) => message.to === email).at(0)?.text;
    });
    const token = /#token=([A-Za-z0-9_-]{43})/.exec(text)?.[1];
    const redeemed = await post('/api/auth/magic-link', { token });
    expect(redeemed.status).toBe(200);
    return redeemed.headers
      .getSetCookie()
      .map((line) => line.split(';')[0])
      .join('; ');
  }
  const rows = async <T>(sql: string, params: unknown[] = []): Promise<T[]> =>
    (await db.query(sql, params)).rows as T[];
  const eventually = <T>(what: string, check: () => Promise<T | undefined>, timeoutMs = 60_000): Promise<T> =>
    waitForApi(api, what, check, timeoutMs);

  beforeAll(async () => {
    database = await createTestDatabase();
    db = new Client({ connectionString: database.url });
    await db.connect();
    // A mail server that refuses every recipient (550) until the test lets it take mail again.
    sink = await startSmtpSink(() => refusing);
    port = await findFreePort();
    api = await start();
  }, 120_000);

  afterAll(async () => {
    await api?.kill();
    await db?.end();
    await sink?.close();
    await database?.drop();
  });

  // Tests run in this order; the mail scenario's retry (30 s backoff) is awaited by the last one.
  let refusedAt = 0;

  it('keeps a refused mail in the outbox with its error, to retry it (fault: smtp-refusing)', async () => {
    expect((await post('/api/auth/sign-in', { email: ORGANISER })).status).toBe(202);
    await eventually('the first refusal', async () => (sink.refused.includes(ORGANISER) ? true : undefined));
    refusedAt = Date.now();
    const [mail] = await eventually('the failed attempt recorded', async () => {
      const found = await rows<{ attempts: number; last_error: string | null; sent_at: Date | null }>(
        `SELECT attempts, last_error, sent_at FROM mail_outbox WHERE to_address = $1`,
        [ORGANISER],
      );
      return found[0]?.last_error ? found : undefined;
    });
    expect(mail).toMatchObject({ attempts: 1, sent_at: null });
    expect(sink.received).toEqual([]);
    // The server takes mail again; the retry is checked by the last test, after the others (an api kill included).
    refusing = false;
  });

  it('answers 413 to a huge or trickled body and keeps answering everyone else (fault: huge-body)', async () => {
    // Announced too large: refused from the headers, before the body is read.
    const announced = await rawRequest(port, [
      'POST /api/auth/sign-in HTTP/1.1',
      'host: 127.0.0.1',
      'content-type: application/json',
      `origin: ${TEST_ORIGIN}`,
      `${CSRF_HEADER}: 1`,
      'content-length: 50000000',
      'connection: close',
      '',
      '',
    ]);
    expect(announced.status).toBe(413);
    expect(errorEnvelopeSchema.parse(JSON.parse(announced.body)).error.code).toBe('core/payload-too-large');

    // Trickled in chunks, 2 KiB every 20 ms, with no announced length: refused once past the 64 KiB limit, while
    // another client is answered as usual.
    const started = Date.now();
    const trickled = trickle(port, 2048, 20);
    const others: number[] = [];
    let done = false;
    void trickled.finally(() => (done = true));
    while (!done) {
      const asked = Date.now();
      const response = await fetch(`${api.base}/api/events/vmc2021`, { signal: AbortSignal.timeout(5_000) });
      expect(response.status).toBe(200);
      others.push(Date.now() - asked);
      // Pacing of the probe requests while the trickle runs (they are the measurement), not synchronisation.
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const refused = await trickled;
    expect(refused.status).toBe(413);
    expect(errorEnvelopeSchema.parse(JSON.parse(refused.body)).error.code).toBe('core/payload-too-large');
    expect(refused.sentBytes).toBeLessThan(80 * 1024);
    reportFigure('huge-body', 'trickled body refused after', Date.now() - started, 'ms');
    reportFigure('huge-body', 'slowest other request meanwhile', Math.max(...others), 'ms');
    expect(others.length).toBeGreaterThan(0);
  });

  it('answers 429 with Retry-After past the limit of one address, whatever X-Forwarded-For says (fault: burst-one-ip)', async () => {
    const statuses: number[] = [];
    const retryAfter: string[] = [];
    const started = Date.now();
    for (let i = 0; i < 40; i++) {
      const response = await post(
        '/api/auth/sign-in',
        { email: `burst-${i}@example.org` },
        { 'x-forwarded-for': `203.0.113.${i}` },
      );
      statuses.push(response.status);
      if (response.status === 429) {
        retryAfter.push(response.headers.get('retry-after') ?? '');
        expect(errorEnvelopeSchema.parse(await response.json()).error.code).toBe('core/rate-limited');
      } else await response.arrayBuffer();
    }
    // The sign-in limit of one address is 30 per 15 minutes (SIGN_IN_LIMITS.perIp); the mail test's sign-in took one.
    const accepted = statuses.filter((status) => status === 202).length;
    expect(accepted).toBe(29);
    expect(statuses.slice(accepted).every((status) => status === 429)).toBe(true);
    expect(retryAfter.every((value) => Number(value) > 0 && Number(value) <= 15 * 60)).toBe(true);
    reportFigure('burst-one-ip', '40 requests answered in', Date.now() - started, 'ms');
    // Another address is served as usual.
    const body = JSON.stringify({ email: 'someone-else@example.org' });
    const other = await rawRequest(
      port,
      [
        'POST /api/auth/sign-in HTTP/1.1',
        'host: 127.0.0.1',
        'content-type: application/json',
        `origin: ${TEST_ORIGIN}`,
        `${CSRF_HEADER}: 1`,
        `content-length: ${Buffer.byteLength(body)}`,
        'connection: close',
        '',
        body,
      ],
      '127.0.0.2',
    );
    expect(other.status).toBe(202);
  });

  it('applies a form stored before the api was killed, once, when it is back (fault: api-killed-form-pending)', async () => {
    const email = 'pending-form@example.org';
    // Hold the event's settings row: the form is stored and answered, its apply waits for this lock.
    const holder = new Client({ connectionString: database.url });
    await holder.connect();
    await holder.query('BEGIN');
    await holder.query('SELECT * FROM event_settings WHERE event_id = $1 FOR UPDATE', [REFERENCE_EVENT.id]);
    try {
      expect((await registration(email)).status).toBe(202);
      await eventually('the apply to wait for the lock', async () => {
        const waiting = await rows<{ n: number }>(
          `SELECT count(*)::int AS n FROM pg_stat_activity
            WHERE datname = current_database() AND wait_event_type = 'Lock'`,
        );
        return (waiting[0]?.n ?? 0) > 0 ? true : undefined;
      });
      await api.kill();
    } finally {
      await holder.query('ROLLBACK');
      await holder.end();
    }
    // The process is gone: its transaction rolled back, the form is still stored, nothing applied.
    expect(await rows('SELECT id FROM registration_requests')).toHaveLength(1);
    expect(await rows('SELECT id FROM people WHERE email = $1', [email])).toEqual([]);

    const restarted = Date.now();
    api = await start();
    const [registered] = await eventually(
      'the form to be applied',
      async () => {
        const found = await rows<{ status: string }>(
          `SELECT r.status FROM registrations r JOIN people p ON p.id = r.person_id
            WHERE p.email = $1 AND r.event_id = $2`,
          [email, REFERENCE_EVENT.id],
        );
        return found.length > 0 ? found : undefined;
      },
      30_000,
    );
    reportFigure(
      'api-killed-form-pending',
      'form applied after the restart began',
      Date.now() - restarted,
      'ms',
    );
    expect(registered).toBeDefined();
    expect(api.logs.some((line) => line.msg === 'registration forms applied late')).toBe(true);
    expect(await rows('SELECT id FROM registration_requests')).toEqual([]);
    expect(await rows('SELECT id FROM people WHERE email = $1', [email])).toHaveLength(1);
    // One confirmation, queued once.
    expect(await rows('SELECT id FROM mail_outbox WHERE to_address = $1', [email])).toHaveLength(1);
  });

  it('lets a request in flight finish when the api is stopped with SIGTERM, and writes all of it or nothing (fault: api-sigterm-mid-request)', async () => {
    const cookie = await signIn(ORGANISER);
    const [before] = await rows<{ name: string }>('SELECT name FROM people WHERE email = $1', [ORGANISER]);
    // Hold the event's settings row: the save below takes it first, so it is in flight when the api is stopped.
    const holder = new Client({ connectionString: database.url });
    await holder.connect();
    await holder.query('BEGIN');
    await holder.query('SELECT * FROM event_settings WHERE event_id = $1 FOR UPDATE', [REFERENCE_EVENT.id]);
    let saved: Promise<Response>;
    let sigtermAt = 0;
    let logged = 0;
    const stopping = api;
    try {
      saved = fetch(`${api.base}/api/events/vmc2021/my/registration`, {
        method: 'PUT',
        headers: {
          'content-type': 'application/json',
          origin: TEST_ORIGIN,
          [CSRF_HEADER]: '1',
          cookie,
        },
        body: JSON.stringify({
          name: 'Olive Renamed',
          organisation: 'Plenary',
          jobTitle: 'Organiser',
          country: 'NL',
          attendance: 'remote',
          consents: { privacyNotice: true, photoRecording: true },
        }),
        signal: AbortSignal.timeout(30_000),
      });
      await eventually('the save to wait for the lock', async () => {
        const waiting = await rows<{ n: number }>(
          `SELECT count(*)::int AS n FROM pg_stat_activity
            WHERE datname = current_database() AND wait_event_type = 'Lock'`,
        );
        return (waiting[0]?.n ?? 0) > 0 ? true : undefined;
      });
      logged = stopping.logs.length;
      stopping.child.kill('SIGTERM');
      sigtermAt = Date.now();
      // The api is closing once new requests are turned away.
      await eventually('the api to turn new requests away', async () => {
        const probe = await fetch(`${stopping.base}/healthz`, { signal: AbortSignal.timeout(2_000) }).catch(
          () => null,
        );
        return probe === null || probe.status === 503 ? true : undefined;
      });
    } finally {
      await holder.query('ROLLBACK');
      await holder.end();
    }
    const stoppedAt = Date.now();
    const response = await saved;
    reportFigure(
      'api-sigterm-mid-request',
      'request in flight answered after the lock was released',
      Date.now() - stoppedAt,
      'ms',
    );
    reportFigure('api-sigterm-mid-request', 'status of the request in flight', response.status, '');
    await stopping.exited;
    reportFigure('api-sigterm-mid-request', 'process gone after SIGTERM', Date.now() - sigtermAt, 'ms');
    // Nest re-raises the signal once it has closed: the process ends by SIGTERM, not by a crash.
    expect(stopping.child.signalCode ?? stopping.child.exitCode).toBe('SIGTERM');
    expect(
      stopping.logs.slice(logged).filter((line) => line.level === 'error' || line.level === 'fatal'),
    ).toEqual([]);
    expect(Date.now() - sigtermAt).toBeLessThan(20_000);
    const [after] = await rows<{ name: string }>('SELECT name FROM people WHERE email = $1', [ORGANISER]);
    const registrations = await rows<{ country: string }>(
      `SELECT r.country FROM registrations r JOIN people p ON p.id = r.person_id
        WHERE p.email = $1 AND r.event_id = $2`,
      [ORGANISER, REFERENCE_EVENT.id],
    );
    if (response.status === 200) {
      // Completed: all of it.
      expect(after?.name).toBe('Olive Renamed');
      expect(registrations).toEqual([{ country: 'NL' }]);
    } else {
      // Failed cleanly: an error envelope, and nothing of it written.
      expect(response.status).toBe(503);
      expect(errorEnvelopeSchema.parse(await response.json()).error.code).toBe('core/unavailable');
      expect(after?.name).toBe(before?.name);
      expect(registrations.filter((registration) => registration.country === 'NL')).toEqual([]);
    }
    api = await start();
  }, 90_000);

  it('delivers the refused mail once the server takes mail again, exactly once (fault: smtp-refusing)', async () => {
    expect(refusedAt).toBeGreaterThan(0);
    // The first mail, refused once: sent at its second attempt (the server has it before the outbox records it).
    const [mail] = await eventually(
      'the retried mail to be sent',
      async () => {
        const found = await rows<{ attempts: number; sent_at: Date | null; parked_at: Date | null }>(
          `SELECT attempts, sent_at, parked_at FROM mail_outbox WHERE to_address = $1
            ORDER BY created_at LIMIT 1`,
          [ORGANISER],
        );
        return found[0]?.sent_at ? found : undefined;
      },
      90_000,
    );
    reportFigure('smtp-refusing', 'delivered after the refusal (backoff 30 s)', Date.now() - refusedAt, 'ms');
    expect(mail).toMatchObject({ attempts: 2, parked_at: null });
    // Nothing lost, nothing doubled: every queued mail is sent, and the server got each once.
    await eventually('the outbox to drain', async () => {
      const unsent = await rows('SELECT id FROM mail_outbox WHERE sent_at IS NULL');
      return unsent.length === 0 ? true : undefined;
    });
    const queued = await rows<{ to_address: string }>('SELECT to_address FROM mail_outbox');
    expect(sink.received.flatMap((received) => received.to).sort()).toEqual(
      queued.map((row) => row.to_address).sort(),
    );
  }, 120_000);
});

interface RawAnswer {
  status: number;
  body: string;
  sentBytes: number;
}

/** Sends raw HTTP/1.1 lines (CRLF-joined) from `localAddress` and reads the answer until the server closes. */
function rawRequest(port: number, lines: string[], localAddress = '127.0.0.1'): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host: '127.0.0.1', port, localAddress });
    let received = '';
    const payload = lines.join('\r\n');
    socket.setEncoding('utf8');
    socket.on('connect', () => socket.write(payload));
    socket.on('data', (chunk: string) => (received += chunk));
    socket.on('error', reject);
    socket.on('close', () => resolve({ ...parseAnswer(received), sentBytes: payload.length }));
  });
}

function parseAnswer(text: string): { status: number; body: string } {
  const [head = '', ...rest] = text.split('\r\n\r\n');
  const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(head)?.[1] ?? 0);
  let body = rest.join('\r\n\r\n');
  if (/transfer-encoding: chunked/i.test(head)) {
    let decoded = '';
    for (;;) {
      const newline = body.indexOf('\r\n');
      const size = parseInt(body.slice(0, newline), 16);
      if (!size) break;
      decoded += body.slice(newline + 2, newline + 2 + size);
      body = body.slice(newline + 2 + size + 2);
    }
    body = decoded;
  }
  return { status, body };
}

/** A chunked POST that sends `chunkBytes` every `everyMs` until the server answers or closes. */
function trickle(port: number, chunkBytes: number, everyMs: number): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    let sentBytes = 0;
    const request = httpRequest({
      host: '127.0.0.1',
      port,
      method: 'POST',
      path: '/api/auth/sign-in',
      agent: false,
      headers: {
        'content-type': 'application/json',
        origin: TEST_ORIGIN,
        [CSRF_HEADER]: '1',
        'transfer-encoding': 'chunked',
      },
    });
    const timer = setInterval(() => {
      if (request.destroyed) return clearInterval(timer);
      request.write('x'.repeat(chunkBytes));
      sentBytes += chunkBytes;
    }, everyMs);
    request.on('response', (response) => {
      clearInterval(timer);
      let body = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (body += chunk));
      response.on('end', () => {
        request.destroy();
        resolve({ status: response.statusCode ?? 0, body, sentBytes });
      });
    });
    request.on('error', (error) => {
      clearInterval(timer);
      reject(error);
    });
    request.write('{"email":"');
  });
}
