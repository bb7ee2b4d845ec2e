import {
  DOMAIN_EVENTS_CHANNEL,
  domainEventSchema,
  errorEnvelopeSchema,
  meSchema,
  registrationListSchema,
  ticketKeySchema,
  ticketSchema,
} from '@plenary/contracts';
import { publicKeyFromRaw, verifyTicket } from '@plenary/server-access';
import { Client } from 'pg';
import { REFERENCE_EVENT } from '@plenary/server-programme';
import {
  cookieFrom,
  eventually,
  freshIp,
  registerAs,
  registrationBody,
  signInAs,
  startTestApi,
  TEST_ORIGIN,
  type TestApi,
} from './test-api';

const signIn = (email: string): Promise<string> => signInAs(api, email);
const register = (email: string, overrides: Record<string, unknown> = {}): Promise<void> =>
  registerAs(api, email, overrides);

let api: TestApi;
async function registrationIdOf(email: string, organiserCookie: string): Promise<string> {
  const list = await api.request({
    url: `/api/events/vmc2021/registrations?q=${encodeURIComponent(email)}`,
    cookie: organiserCookie,
  });
  const id = registrationListSchema.parse(list.json()).items[0]?.id;
  if (!id) throw new Error(`no registration for ${email}`);
  return id;
}

async function decide(organiserCookie: string, ids: string[], decision: string) {
  return api.request({
    method: 'POST',
    url: '/api/events/vmc2021/registrations/decisions',
    payload: { registrationIds: ids, decision },
    cookie: organiserCookie,
  });
}

const count = async (table: string): Promise<number> =>
  Number((await api.dataSource.query<Array<{ n: string }>>(`SELECT count(*) AS n FROM ${table}`))[0]?.n);

beforeAll(async () => {
  api = await startTestApi();
});

afterAll(async () => {
  await api.close();
});

describe('Registration', () => {
  it('accepts a registration and mails a confirmation', async () => {
    await register('grace@example.org', { name: 'Grace Hopper', attendance: 'remote' });
    const rows = await api.dataSource.query<Array<{ name: string; attendance: string; status: string }>>(
      `SELECT p.name, r.attendance, r.status FROM registrations r JOIN people p ON p.id = r.person_id WHERE p.email = 'grace@example.org'`,
    );
    expect(rows).toEqual([{ name: 'Grace Hopper', attendance: 'remote', status: 'pending' }]);
    expect((await api.outbox('grace@example.org')).map((mail) => mail.subject)).toContain(
      `Registration received: ${REFERENCE_EVENT.name}`,
    );
  });

  it.each([
    ['a missing field', registrationBody({ name: undefined }), 'name'],
    ['an oversized string', registrationBody({ organisation: 'x'.repeat(5000) }), 'organisation'],
    ['a bad e-mail', registrationBody({ email: 'not-an-email' }), 'email'],
    [
      'a refused privacy notice',
      registrationBody({ consents: { privacyNotice: false, photoRecording: true } }),
      'consents.privacyNotice',
    ],
    ['an unknown attendance', registrationBody({ attendance: 'hologram' }), 'attendance'],
    ['a name of spaces and zero-width spaces', registrationBody({ name: ' \u200B \u200B ' }), 'name'],
    ['a name of format characters', registrationBody({ name: '\u200C\u200D\u2060\uFEFF\u00AD' }), 'name'],
    ['a name of Hangul fillers', registrationBody({ name: '\u3164\u3164' }), 'name'],
    [
      'an organisation of no-break spaces',
      registrationBody({ organisation: '\u00A0\u3000' }),
      'organisation',
    ],
  ])('answers %s with 400 naming the field and writes nothing', async (_label, payload, field) => {
    const before = await Promise.all(['people', 'registrations', 'mail_outbox'].map(count));
    const response = await api.request({
      method: 'POST',
      url: '/api/events/vmc2021/registrations',
      payload,
      ip: freshIp(),
    });
    expect(response.statusCode).toBe(400);
    const body = errorEnvelopeSchema.parse(response.json());
    expect(body.error.code).toBe('core/validation-failed');
    expect(body.error.details).toEqual(expect.arrayContaining([expect.objectContaining({ path: field })]));
    expect(await Promise.all(['people', 'registrations', 'mail_outbox'].map(count))).toEqual(before);
  });

  it('stores a name trimmed of invisible characters and in NFC', async () => {
    await register('nfc@example.org', { name: '\u200B Jose\u0301 Martí\uFEFF ' });
    const rows = await api.dataSource.query<Array<{ name: string }>>(
      `SELECT name FROM people WHERE email = 'nfc@example.org'`,
    );
    expect(rows).toEqual([{ name: 'José Martí' }]);
  });

  it('answers an unknown event with 404', async () => {
    const response = await api.request({
      method: 'POST',
      url: '/api/events/nope/registrations',
      payload: registrationBody(),
      ip: freshIp(),
    });
    expect(response.statusCode).toBe(404);
    expect(errorEnvelopeSchema.parse(response.json()).error.code).toBe('programme/event-not-found');
  });
});

describe('Sign-in', () => {
  it('answers known and unknown addresses identically', async () => {
    await register('known@example.org');
    const known = await api.request({
      method: 'POST',
      url: '/api/auth/sign-in',
      payload: { email: 'known@example.org' },
      ip: freshIp(),
    });
    const unknown = await api.request({
      method: 'POST',
      url: '/api/auth/sign-in',
      payload: { email: 'nobody@example.org' },
      ip: freshIp(),
    });
    expect(known.statusCode).toBe(unknown.statusCode);
    expect(known.body).toBe(unknown.body);
    expect(Object.keys(known.headers).sort()).toEqual(Object.keys(unknown.headers).sort());
    await eventually(async () =>
      (await api.outbox('known@example.org')).some((m) => m.subject.includes('sign-in')) ? true : undefined,
    );
    expect(await api.outbox('nobody@example.org')).toEqual([]);
  });

  it('puts a next path on this site into the sign-in link, and refuses any other next with 400', async () => {
    await register('next@example.org');
    const signInWith = (next: string) =>
      api.request({
        method: 'POST',
        url: '/api/auth/sign-in',
        payload: { email: 'next@example.org', eventSlug: 'vmc2021', next },
        ip: freshIp(),
      });
    const mails = async () =>
      (await api.outbox('next@example.org')).filter((m) => m.subject.includes('sign-in'));
    for (const nasty of ['/%09/host', '/%0A/host', '/\t/evil.example', '//evil.example', '/\\evil.example']) {
      const refused = await signInWith(nasty);
      expect(refused.statusCode).toBe(400);
      const body = errorEnvelopeSchema.parse(refused.json());
      expect(body.error.code).toBe('core/validation-failed');
      expect(body.error.details).toEqual([{ path: 'next', message: 'must be a path on this site' }]);
    }
    expect(await mails()).toEqual([]);
    expect((await signInWith('/e/vmc2021/../vmc2021/ticket?from=mail')).statusCode).toBe(202);
    const mail = await eventually(async () => (await mails())[0]);
    expect(await mails()).toHaveLength(1);
    const link = /https?:\/\/\S+\/auth\/confirm#\S+/.exec(mail.text)?.[0] ?? '';
    const fragment = new URLSearchParams(new URL(link).hash.slice(1));
    expect(fragment.get('event')).toBe('vmc2021');
    expect(fragment.get('next')).toBe('/e/vmc2021/ticket?from=mail');
    expect(fragment.get('token')).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  it('takes about the same time for known and unknown addresses', async () => {
    // One known address per sample: an address may ask 5 times per 15 minutes, and a refused request is not timed.
    const rounds = 24;
    for (let i = 0; i < rounds; i++) await register(`timing${i}@example.org`);
    const time = async (email: string): Promise<number> => {
      const started = process.hrtime.bigint();
      const response = await api.request({
        method: 'POST',
        url: '/api/auth/sign-in',
        payload: { email },
        ip: freshIp(),
      });
      const elapsed = Number(process.hrtime.bigint() - started) / 1e6;
      expect(response.statusCode).toBe(202);
      return elapsed;
    };
    const known: number[] = [];
    const unknown: number[] = [];
    // Many interleaved samples, the order flipped each round, so load on the machine slows both alike; then a
    // relative bound: doing the differing work (token, mail) before answering makes known addresses several times
    // slower, while scheduling noise moves both medians together.
    for (let i = 0; i < rounds; i++) {
      if (i % 2 === 0) {
        known.push(await time(`timing${i}@example.org`));
        unknown.push(await time(`ghost${i}@example.org`));
      } else {
        unknown.push(await time(`ghost${i}@example.org`));
        known.push(await time(`timing${i}@example.org`));
      }
    }
    const median = (values: number[]) =>
      [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;
    expect(median(known) / median(unknown)).toBeLessThan(1.5);
  });

  it('redeems a magic link exactly once under 20 parallel attempts', async () => {
    await register('parallel@example.org');
    await api.request({
      method: 'POST',
      url: '/api/auth/sign-in',
      payload: { email: 'parallel@example.org' },
      ip: freshIp(),
    });
    const mail = await eventually(async () =>
      (await api.outbox('parallel@example.org')).find((m) => m.subject.includes('sign-in')),
    );
    const token = /#token=([A-Za-z0-9_-]{43})/.exec(mail.text)?.[1];
    const sessionsBefore = await count('auth_sessions');
    const results = await Promise.all(
      Array.from({ length: 20 }, () =>
        api.request({ method: 'POST', url: '/api/auth/magic-link', payload: { token }, ip: freshIp() }),
      ),
    );
    expect(results.filter((r) => r.statusCode === 200)).toHaveLength(1);
    expect(
      results.filter((r) => r.statusCode === 400).map((r) => errorEnvelopeSchema.parse(r.json()).error.code),
    ).toEqual(Array(19).fill('identity/link-invalid'));
    expect((await count('auth_sessions')) - sessionsBefore).toBe(1);
    const me = meSchema.parse(
      (
        await api.request({ url: '/api/me', cookie: cookieFrom(results.find((r) => r.statusCode === 200)!) })
      ).json(),
    );
    expect(me.person.email).toBe('parallel@example.org');
    expect(me.memberships).toEqual([expect.objectContaining({ eventSlug: 'vmc2021', roles: ['attendee'] })]);
  });

  it('signs in with the access code and caps failed codes per address', async () => {
    await register('coder@example.org');
    const ip = freshIp();
    await api.request({
      method: 'POST',
      url: '/api/auth/sign-in',
      payload: { email: 'coder@example.org' },
      ip,
    });
    const mail = await eventually(async () =>
      (await api.outbox('coder@example.org')).find((m) => m.subject.includes('sign-in')),
    );
    const code = /code (\d{6})/.exec(mail.subject)?.[1] ?? '';
    const wrong = code === '000000' ? '000001' : '000000';
    for (let i = 0; i < 5; i++) {
      const attempt = await api.request({
        method: 'POST',
        url: '/api/auth/access-code',
        payload: { email: 'coder@example.org', code: wrong },
        ip: freshIp(),
      });
      expect(errorEnvelopeSchema.parse(attempt.json()).error.code).toBe('identity/code-invalid');
    }
    const blocked = await api.request({
      method: 'POST',
      url: '/api/auth/access-code',
      payload: { email: 'coder@example.org', code },
      ip: freshIp(),
    });
    expect(blocked.statusCode).toBe(429);
    expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(0);

    await register('coder2@example.org');
    await api.request({
      method: 'POST',
      url: '/api/auth/sign-in',
      payload: { email: 'coder2@example.org' },
      ip,
    });
    const mail2 = await eventually(async () =>
      (await api.outbox('coder2@example.org')).find((m) => m.subject.includes('sign-in')),
    );
    const ok = await api.request({
      method: 'POST',
      url: '/api/auth/access-code',
      payload: { email: 'coder2@example.org', code: /code (\d{6})/.exec(mail2.subject)?.[1] },
      ip: freshIp(),
    });
    expect(ok.statusCode).toBe(200);
  });

  it('limits sign-in requests per address and per client address with 429 and Retry-After', async () => {
    const ip = freshIp();
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) {
      statuses.push(
        (
          await api.request({
            method: 'POST',
            url: '/api/auth/sign-in',
            payload: { email: 'flood@example.org' },
            ip: freshIp(),
          })
        ).statusCode,
      );
    }
    expect(statuses).toEqual([202, 202, 202, 202, 202, 429]);
    const perIp: number[] = [];
    for (let i = 0; i < 31; i++) {
      perIp.push(
        (
          await api.request({
            method: 'POST',
            url: '/api/auth/sign-in',
            payload: { email: `spray${i}@example.org` },
            ip,
          })
        ).statusCode,
      );
    }
    expect(perIp.slice(0, 30).every((status) => status === 202)).toBe(true);
    const last = await api.request({
      method: 'POST',
      url: '/api/auth/sign-in',
      payload: { email: 'spray-last@example.org' },
      ip,
    });
    expect(last.statusCode).toBe(429);
    expect(last.headers['retry-after']).toMatch(/^\d+$/);
  });

  it('signs out, and signs out everywhere', async () => {
    await register('leaver@example.org');
    const first = await signIn('leaver@example.org');
    const second = await signIn('leaver@example.org');
    expect((await api.request({ method: 'POST', url: '/api/auth/sign-out', cookie: first })).statusCode).toBe(
      204,
    );
    expect((await api.request({ url: '/api/me', cookie: first })).statusCode).toBe(401);
    expect((await api.request({ url: '/api/me', cookie: second })).statusCode).toBe(200);
    const third = await signIn('leaver@example.org');
    expect(
      (await api.request({ method: 'POST', url: '/api/auth/sign-out-everywhere', cookie: third })).statusCode,
    ).toBe(204);
    expect((await api.request({ url: '/api/me', cookie: second })).statusCode).toBe(401);
    expect((await api.request({ url: '/api/me', cookie: third })).statusCode).toBe(401);
  });

  it('sets an httpOnly SameSite=Lax session cookie', async () => {
    await register('cookie@example.org');
    await api.request({
      method: 'POST',
      url: '/api/auth/sign-in',
      payload: { email: 'cookie@example.org' },
      ip: freshIp(),
    });
    const mail = await eventually(async () =>
      (await api.outbox('cookie@example.org')).find((m) => m.subject.includes('sign-in')),
    );
    const token = /#token=([A-Za-z0-9_-]{43})/.exec(mail.text)?.[1];
    const response = await api.request({
      method: 'POST',
      url: '/api/auth/magic-link',
      payload: { token },
      ip: freshIp(),
    });
    expect(String(response.headers['set-cookie'])).toMatch(
      /^plenary_session=[A-Za-z0-9_-]{43}; .*HttpOnly; SameSite=Lax/,
    );
  });
});

describe('CSRF defence', () => {
  it('refuses state-changing requests without the header or from another origin', async () => {
    const payload = registrationBody({ email: 'csrf@example.org' });
    const url = '/api/events/vmc2021/registrations';
    const noHeader = await api.request({
      method: 'POST',
      url,
      payload,
      headers: { 'x-plenary-csrf': '' },
      ip: freshIp(),
    });
    const otherOrigin = await api.request({
      method: 'POST',
      url,
      payload,
      headers: { origin: 'https://evil.example' },
      ip: freshIp(),
    });
    const crossSite = await api.request({
      method: 'POST',
      url,
      payload,
      headers: { 'sec-fetch-site': 'cross-site' },
      ip: freshIp(),
    });
    for (const response of [noHeader, otherOrigin, crossSite]) {
      expect(response.statusCode).toBe(403);
      expect(errorEnvelopeSchema.parse(response.json()).error.code).toBe('identity/forbidden-origin');
    }
    expect(await api.dataSource.query(`SELECT 1 FROM people WHERE email = 'csrf@example.org'`)).toEqual([]);
    const allowed = await api.request({
      method: 'POST',
      url,
      payload,
      headers: { origin: TEST_ORIGIN },
      ip: freshIp(),
    });
    expect(allowed.statusCode).toBe(202);
  });
});

describe('Tickets and the organiser console', () => {
  let organiser: string;

  beforeAll(async () => {
    organiser = await signIn('organiser@plenary.test');
  });

  it('NOTIFYs access.ticket-reissued for the holder when a ticket is reissued (open ticket pages refresh)', async () => {
    await register('reissue-notify@example.org', { name: 'Rita Reissue' });
    const id = await registrationIdOf('reissue-notify@example.org', organiser);
    await decide(organiser, [id], 'approve');
    const [holder] = await api.dataSource.query<Array<{ person_id: string }>>(
      'SELECT person_id FROM registrations WHERE id = $1',
      [id],
    );
    const listener = new Client({ connectionString: (api.dataSource.options as { url?: string }).url });
    await listener.connect();
    const events: unknown[] = [];
    listener.on('notification', (message) => {
      if (message.channel === DOMAIN_EVENTS_CHANNEL && message.payload) {
        const event = domainEventSchema.parse(JSON.parse(message.payload));
        if (event.type === 'access.ticket-reissued') events.push(event);
      }
    });
    await listener.query(`LISTEN ${DOMAIN_EVENTS_CHANNEL}`);
    try {
      const reissued = await api.request({
        method: 'POST',
        url: `/api/events/vmc2021/registrations/${id}/ticket/reissue`,
        cookie: organiser,
      });
      expect(reissued.statusCode).toBe(204);
      await eventually(async () => (events.length >= 1 ? true : undefined));
      expect(events).toEqual([
        { type: 'access.ticket-reissued', eventId: REFERENCE_EVENT.id, personId: holder?.person_id },
      ]);
    } finally {
      await listener.end();
    }
  });

  it('approves a registration: the ticket QR verifies with the event key; reissue revokes; cancel revokes', async () => {
    await register('ticket@example.org', { name: 'Tina Ticket' });
    const attendee = await signIn('ticket@example.org');
    const pending = await api.request({ url: '/api/events/vmc2021/my/ticket', cookie: attendee });
    expect(pending.statusCode).toBe(403);
    expect(errorEnvelopeSchema.parse(pending.json()).error.code).toBe('registration/not-approved');

    const id = await registrationIdOf('ticket@example.org', organiser);
    expect((await decide(organiser, [id], 'approve')).json()).toEqual({
      results: [{ id, status: 'approved' }],
    });
    const approvalMail = await eventually(async () =>
      (await api.outbox('ticket@example.org')).find((m) => m.subject.startsWith('You are registered')),
    );
    const ticket = ticketSchema.parse(
      (await api.request({ url: '/api/events/vmc2021/my/ticket', cookie: attendee })).json(),
    );
    expect(approvalMail.text).toContain(ticket.qrPayload);
    const key = ticketKeySchema.parse((await api.request({ url: '/api/events/vmc2021/ticket-key' })).json());
    expect(verifyTicket(ticket.qrPayload, publicKeyFromRaw(key.publicKey), REFERENCE_EVENT.id)).toEqual({
      valid: true,
      eventId: REFERENCE_EVENT.id,
      ticketId: ticket.id,
    });

    expect(
      (
        await api.request({
          method: 'POST',
          url: `/api/events/vmc2021/registrations/${id}/ticket/reissue`,
          cookie: organiser,
        })
      ).statusCode,
    ).toBe(204);
    const reissued = ticketSchema.parse(
      (await api.request({ url: '/api/events/vmc2021/my/ticket', cookie: attendee })).json(),
    );
    expect(reissued.id).not.toBe(ticket.id);
    const revoked = await api.dataSource.query<Array<{ revoked: boolean }>>(
      'SELECT revoked_at IS NOT NULL AS revoked FROM tickets WHERE id = $1',
      [ticket.id],
    );
    expect(revoked).toEqual([{ revoked: true }]);

    await decide(organiser, [id], 'cancel');
    expect((await api.request({ url: '/api/events/vmc2021/my/ticket', cookie: attendee })).statusCode).toBe(
      403,
    );
    const active = await api.dataSource.query(
      'SELECT id FROM tickets WHERE registration_id = $1 AND revoked_at IS NULL',
      [id],
    );
    expect(active).toEqual([]);
    const audit = await api.dataSource.query<Array<{ action: string }>>(
      'SELECT action FROM audit_log WHERE target_id = $1 ORDER BY created_at',
      [id],
    );
    expect(audit.map((row) => row.action)).toEqual([
      'registration.approve',
      'ticket.reissue',
      'registration.cancel',
    ]);
  });

  it('fills in-person seats up to the capacity, then waitlists, and promotes when a seat frees', async () => {
    const settings = await api.request({
      method: 'PUT',
      url: '/api/events/vmc2021/settings',
      payload: { approvalMode: 'manual', inPersonCapacity: 0 },
      cookie: organiser,
    });
    expect(settings.statusCode).toBe(200);
    await register('seat1@example.org');
    await register('seat2@example.org');
    const [one, two] = [
      await registrationIdOf('seat1@example.org', organiser),
      await registrationIdOf('seat2@example.org', organiser),
    ];
    const capacity = await api.dataSource.query<Array<{ n: number }>>(
      `SELECT count(*)::int AS n FROM registrations WHERE event_id = $1 AND status = 'approved' AND attendance = 'in_person'`,
      [REFERENCE_EVENT.id],
    );
    await api.request({
      method: 'PUT',
      url: '/api/events/vmc2021/settings',
      payload: { approvalMode: 'manual', inPersonCapacity: (capacity[0]?.n ?? 0) + 1 },
      cookie: organiser,
    });
    expect((await decide(organiser, [one, two], 'approve')).json()).toEqual({
      results: [
        { id: one, status: 'approved' },
        { id: two, status: 'waitlisted' },
      ],
    });
    const switched = await api.request({
      method: 'PATCH',
      url: `/api/events/vmc2021/registrations/${one}`,
      payload: { attendance: 'remote' },
      cookie: organiser,
    });
    expect(switched.json()).toMatchObject({ id: one, attendance: 'remote', status: 'approved' });
    const list = registrationListSchema.parse(
      (await api.request({ url: '/api/events/vmc2021/registrations?q=seat2%40', cookie: organiser })).json(),
    );
    expect(list.items[0]?.status).toBe('approved');
    await api.request({
      method: 'PUT',
      url: '/api/events/vmc2021/settings',
      payload: { approvalMode: 'manual', inPersonCapacity: null },
      cookie: organiser,
    });
  });

  it('approves automatically when the event is open', async () => {
    await api.request({
      method: 'PUT',
      url: '/api/events/vmc2021/settings',
      payload: { approvalMode: 'auto', inPersonCapacity: null },
      cookie: organiser,
    });
    await register('auto@example.org');
    const id = await registrationIdOf('auto@example.org', organiser);
    const list = registrationListSchema.parse(
      (
        await api.request({
          url: '/api/events/vmc2021/registrations?status=approved&q=auto%40',
          cookie: organiser,
        })
      ).json(),
    );
    expect(list.items.map((item) => item.id)).toEqual([id]);
    await api.request({
      method: 'PUT',
      url: '/api/events/vmc2021/settings',
      payload: { approvalMode: 'manual', inPersonCapacity: null },
      cookie: organiser,
    });
  });

  it('filters and searches registrations and reports counts per status', async () => {
    const all = registrationListSchema.parse(
      (await api.request({ url: '/api/events/vmc2021/registrations?limit=500', cookie: organiser })).json(),
    );
    expect(all.total).toBe(all.items.length);
    expect(Object.values(all.counts).reduce((a, b) => a + b, 0)).toBe(all.total);
    const remote = registrationListSchema.parse(
      (
        await api.request({ url: '/api/events/vmc2021/registrations?attendance=remote', cookie: organiser })
      ).json(),
    );
    expect(remote.items.every((item) => item.attendance === 'remote')).toBe(true);
    const bad = await api.request({
      url: '/api/events/vmc2021/registrations?status=maybe&limit=100000',
      cookie: organiser,
    });
    expect(bad.statusCode).toBe(400);
    const unknownId = await decide(organiser, ['5e0c2021-0000-4000-8000-00000000dead'], 'approve');
    expect(errorEnvelopeSchema.parse(unknownId.json()).error.code).toBe('registration/not-found');
  });
});

// The role × endpoint matrix is role-matrix.int-spec.ts (generated from the api's routes).
