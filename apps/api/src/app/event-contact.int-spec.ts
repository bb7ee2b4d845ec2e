import {
  contactFormTokenSchema,
  errorEnvelopeSchema,
  managedEventSchema,
  type ContactMessageRequest,
} from '@plenary/contracts';
import { EventContactService } from '@plenary/server-organising';
import type { LightMyRequestResponse } from 'fastify';
import { freshIp, signInAs, startTestApi, type TestApi } from './test-api';

let api: TestApi;
let admin: string;
/** A published event with a contact address. */
const PUBLISHED = 'with-contact';
/** A published event without a contact address: mails go to its organisers. */
const NO_CONTACT = 'no-contact';
const DRAFT = 'contact-draft';

interface MailRow {
  to_address: string;
  subject: string;
  text: string;
  reply_to: string | null;
  event_id: string | null;
}

const mailsAbout = (slug: string): Promise<MailRow[]> =>
  api.dataSource.query(
    `SELECT to_address, subject, text, reply_to, event_id FROM mail_outbox
      WHERE event_id = (SELECT id FROM events WHERE slug = $1) AND reply_to IS NOT NULL ORDER BY created_at`,
    [slug],
  );

/** A form token as if the page had been opened `secondsAgo` ago (signed by the real service). */
async function tokenFrom(slug: string, secondsAgo = 30): Promise<string> {
  const issued = await api.app
    .get(EventContactService)
    .issueToken(slug, freshIp(), Date.now() - secondsAgo * 1000);
  return issued.token;
}

const message = (token: string, overrides: Partial<ContactMessageRequest> = {}): ContactMessageRequest => ({
  name: 'Grace Hopper',
  email: 'Grace@Example.org',
  message: 'Is there step-free access to the plenary hall?\n\nThank you!',
  token,
  website: '',
  ...overrides,
});

const post = (
  slug: string,
  payload: ContactMessageRequest,
  ip = freshIp(),
): Promise<LightMyRequestResponse> =>
  api.request({ method: 'POST', url: `/api/events/${slug}/contact`, payload: { ...payload }, ip });

const errorOf = (response: LightMyRequestResponse) => errorEnvelopeSchema.parse(response.json()).error;

function expectStatus(response: LightMyRequestResponse, status: number): void {
  if (response.statusCode !== status)
    throw new Error(`expected ${status}, got ${response.statusCode}: ${response.body.slice(0, 500)}`);
}

async function publish(slug: string): Promise<void> {
  expectStatus(
    await api.request({
      method: 'POST',
      url: `/api/events/${slug}/status`,
      cookie: admin,
      payload: { status: 'published' },
      ip: freshIp(),
    }),
    200,
  );
}

async function createEvent(slug: string, extra: Record<string, unknown> = {}): Promise<void> {
  const created = await api.request({
    method: 'POST',
    url: '/api/events',
    cookie: admin,
    payload: {
      slug,
      name: `Event ${slug}`,
      startDate: '2030-05-01',
      endDate: '2030-05-02',
      timeZone: 'Europe/Vienna',
      ...extra,
    },
    ip: freshIp(),
  });
  expectStatus(created, 201);
  managedEventSchema.parse(created.json());
}

beforeAll(async () => {
  api = await startTestApi();
  admin = await signInAs(api, 'admin@plenary.test');
  await createEvent(NO_CONTACT);
  expectStatus(
    await api.request({
      method: 'POST',
      url: `/api/events/${NO_CONTACT}/organisers`,
      cookie: admin,
      payload: { email: 'team@example.org', name: 'Team Lead' },
      ip: freshIp(),
    }),
    200,
  );
  expectStatus(
    await api.request({
      method: 'POST',
      url: `/api/events/${NO_CONTACT}/status`,
      cookie: admin,
      payload: { status: 'published' },
      ip: freshIp(),
    }),
    200,
  );
  await createEvent(PUBLISHED, { contactEmail: 'Team@VMC.example' });
  await publish(PUBLISHED);
  await createEvent(DRAFT);
}, 60_000);

afterAll(async () => {
  await api.close();
});

describe('The contact form of an event page', () => {
  it('hands out a signed form token for a published event', async () => {
    const response = await api.request({ url: `/api/events/${PUBLISHED}/contact/token`, ip: freshIp() });
    expectStatus(response, 200);
    const { token, minFillSeconds } = contactFormTokenSchema.parse(response.json());
    expect(token).toMatch(/^\d+\.[A-Za-z0-9_-]{43}$/);
    expect(minFillSeconds).toBeGreaterThan(0);
  });

  it("mails the event's contact address with the sender as Reply-To", async () => {
    const response = await post(PUBLISHED, message(await tokenFrom(PUBLISHED)));
    expectStatus(response, 202);
    expect(response.json()).toEqual({ accepted: true });
    const mails = await mailsAbout(PUBLISHED);
    expect(mails).toHaveLength(1);
    expect(mails[0]).toMatchObject({ to_address: 'team@vmc.example', reply_to: 'grace@example.org' });
    expect(mails[0]?.subject).toContain('Grace Hopper');
    expect(mails[0]?.text).toContain('Is there step-free access to the plenary hall?');
  });

  it('mails the organisers when the event has no contact address', async () => {
    expectStatus(await post(NO_CONTACT, message(await tokenFrom(NO_CONTACT))), 202);
    const mails = await mailsAbout(NO_CONTACT);
    expect(mails.map((mail) => [mail.to_address, mail.reply_to])).toEqual([
      ['team@example.org', 'grace@example.org'],
    ]);
  });

  it('refuses a filled honeypot, politely and without a mail', async () => {
    const before = (await mailsAbout(PUBLISHED)).length;
    const response = await post(
      PUBLISHED,
      message(await tokenFrom(PUBLISHED), { website: 'https://spam.example' }),
    );
    expectStatus(response, 400);
    expect(errorOf(response)).toMatchObject({ code: 'core/bad-request', details: { reason: 'honeypot' } });
    expect(await mailsAbout(PUBLISHED)).toHaveLength(before);
  });

  it('refuses a form sent faster than a person can fill it', async () => {
    const issued = await api.request({ url: `/api/events/${PUBLISHED}/contact/token`, ip: freshIp() });
    const { token } = contactFormTokenSchema.parse(issued.json());
    const response = await post(PUBLISHED, message(token));
    expectStatus(response, 400);
    expect(errorOf(response)).toMatchObject({ code: 'core/bad-request', details: { reason: 'too-fast' } });
  });

  it('refuses a forged, a foreign and an expired token', async () => {
    const good = await tokenFrom(PUBLISHED);
    const forged = `${good.slice(0, -1)}${good.endsWith('A') ? 'B' : 'A'}`;
    const foreign = await tokenFrom(NO_CONTACT);
    const expired = await tokenFrom(PUBLISHED, 5 * 3600);
    for (const [token, reason] of [
      [forged, 'token-invalid'],
      [foreign, 'token-invalid'],
      ['not-a-token', 'token-invalid'],
      [expired, 'token-expired'],
    ] as const) {
      const response = await post(PUBLISHED, message(token));
      expectStatus(response, 400);
      expect(errorOf(response).details).toEqual({ reason });
    }
  });

  it('refuses bad input with the fields named', async () => {
    const response = await post(
      PUBLISHED,
      message(await tokenFrom(PUBLISHED), { email: 'not-an-address', message: 'x'.repeat(5001), name: ' ' }),
    );
    expectStatus(response, 400);
    const error = errorOf(response);
    expect(error.code).toBe('core/validation-failed');
    const paths = (error.details as Array<{ path: string }>).map((issue) => issue.path).sort();
    expect(paths).toEqual(['email', 'message', 'name']);
  });

  it('has no contact form for a draft or an unknown event', async () => {
    for (const slug of [DRAFT, 'no-such-event']) {
      const token = await api.request({ url: `/api/events/${slug}/contact/token`, ip: freshIp() });
      expectStatus(token, 404);
      const response = await post(slug, message('1.x'));
      expectStatus(response, 404);
      expect(errorOf(response).code).toBe('programme/event-not-found');
    }
  });

  it('limits the messages one address can send', async () => {
    const ip = freshIp();
    for (let sent = 0; sent < 5; sent += 1)
      expectStatus(await post(PUBLISHED, message(await tokenFrom(PUBLISHED)), ip), 202);
    const limited = await post(PUBLISHED, message(await tokenFrom(PUBLISHED)), ip);
    expectStatus(limited, 429);
    expect(errorOf(limited).code).toBe('core/rate-limited');
    expect(limited.headers['retry-after']).toBeDefined();
  });

  it('is in the OpenAPI document', async () => {
    const openapi = (await api.request({ url: '/api/docs/openapi.json' })).json<{
      paths: Record<string, Record<string, unknown>>;
    }>();
    expect(Object.keys(openapi.paths['/api/events/{slug}/contact'] ?? {})).toContain('post');
    expect(Object.keys(openapi.paths['/api/events/{slug}/contact/token'] ?? {})).toContain('get');
  });
});
