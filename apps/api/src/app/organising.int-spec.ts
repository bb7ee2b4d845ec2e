import {
  errorEnvelopeSchema,
  eventDetailSchema,
  eventListSchema,
  eventOrganiserListSchema,
  managedEventListSchema,
  managedEventSchema,
  managedRoomSchema,
  managedSessionSchema,
  managedSpeakerSchema,
  meSchema,
  programmeChangedEventSchema,
  programmeEditorViewSchema,
  programmeWarningListSchema,
  sessionSchema,
  sessionWriteResultSchema,
  type ProgrammeChangedEvent,
} from '@plenary/contracts';
import { grantConfiguredAdmins } from '@plenary/server-access';
import { ProgrammeWriter, REFERENCE_EVENT, REFERENCE_SESSIONS } from '@plenary/server-programme';
import type { LightMyRequestResponse } from 'fastify';
import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import {
  eventually,
  freshIp,
  registerAs,
  registrationBody,
  signInAs,
  startTestApi,
  type TestApi,
} from './test-api';

let api: TestApi;
/** Cookies: an instance administrator, the organiser of vmc2021 (A), the organiser of vmc2022 (B), an attendee. */
let admin: string;
let organiserA: string;
let organiserB: string;
let attendee: string;

const B = 'vmc2022';
let roomId: string;
let speakerId: string;
let sessionId: string;

interface Send {
  method?: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  url: string;
  cookie?: string;
  payload?: unknown;
  ifMatch?: string;
  headers?: Record<string, string>;
}

const send = ({
  method = 'GET',
  url,
  cookie,
  payload,
  ifMatch,
  headers = {},
}: Send): Promise<LightMyRequestResponse> =>
  api.request({
    method,
    url,
    cookie,
    ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }),
    headers: { ...headers, ...(ifMatch ? { 'if-match': ifMatch } : {}) },
    ip: freshIp(),
  });

const errorOf = (response: LightMyRequestResponse) => errorEnvelopeSchema.parse(response.json()).error;

function expectStatus(response: LightMyRequestResponse, status: number): void {
  if (response.statusCode !== status)
    throw new Error(`expected ${status}, got ${response.statusCode}: ${response.body.slice(0, 500)}`);
}

async function createEvent(slug: string, overrides: Record<string, unknown> = {}) {
  const response = await send({
    method: 'POST',
    url: '/api/events',
    cookie: admin,
    payload: {
      slug,
      name: `Event ${slug}`,
      startDate: '2022-10-29',
      endDate: '2022-10-31',
      timeZone: 'Europe/Vienna',
      ...overrides,
    },
  });
  expectStatus(response, 201);
  return managedEventSchema.parse(response.json());
}

async function publish(slug: string, cookie = admin): Promise<void> {
  expectStatus(
    await send({
      method: 'POST',
      url: `/api/events/${slug}/status`,
      cookie,
      payload: { status: 'published' },
    }),
    200,
  );
}

async function createSession(slug: string, body: Record<string, unknown>, cookie = organiserB) {
  const response = await send({
    method: 'POST',
    url: `/api/events/${slug}/programme/sessions`,
    cookie,
    payload: { title: 'A session', startsLocal: '2022-10-29T09:30', endsLocal: '2022-10-29T10:30', ...body },
  });
  expectStatus(response, 201);
  return sessionWriteResultSchema.parse(response.json());
}

beforeAll(async () => {
  api = await startTestApi();
  admin = await signInAs(api, 'admin@plenary.test');
  organiserA = await signInAs(api, 'organiser@plenary.test');
  await createEvent(B, {
    name: 'VMC 2022',
    format: 'hybrid',
    venue: { name: 'Hofburg', city: 'Vienna', country: 'AT' },
  });
  expectStatus(
    await send({
      method: 'POST',
      url: `/api/events/${B}/organisers`,
      cookie: admin,
      payload: { email: 'orgb@example.org', name: 'Olga B' },
    }),
    200,
  );
  organiserB = await signInAs(api, 'orgb@example.org');
  await registerAs(api, 'attendee@example.org');
  attendee = await signInAs(api, 'attendee@example.org');

  const room = await send({
    method: 'POST',
    url: `/api/events/${B}/programme/rooms`,
    cookie: organiserB,
    payload: { name: 'Plenary hall', capacity: 300 },
  });
  expectStatus(room, 201);
  roomId = managedRoomSchema.parse(room.json()).id;
  const speaker = await send({
    method: 'POST',
    url: `/api/events/${B}/programme/speakers`,
    cookie: organiserB,
    payload: { name: 'Ada Lovelace', title: 'Analyst', country: 'GB' },
  });
  expectStatus(speaker, 201);
  speakerId = managedSpeakerSchema.parse(speaker.json()).id;
  sessionId = (
    await createSession(B, {
      kind: 'keynote',
      title: 'Opening keynote',
      roomId,
      speakers: [{ speakerId, role: 'keynote' }],
    })
  ).session.id;
}, 60_000);

afterAll(async () => {
  await api.close();
});

describe('Instance administrators', () => {
  it('says in /api/me who is an administrator', async () => {
    const asAdmin = meSchema.parse((await send({ url: '/api/me', cookie: admin })).json());
    const asOrganiser = meSchema.parse((await send({ url: '/api/me', cookie: organiserA })).json());
    expect([asAdmin.isAdmin, asOrganiser.isAdmin]).toEqual([true, false]);
  });

  it('grants ADMIN_EMAILS idempotently, creating the person when the address is new', async () => {
    expect(await grantConfiguredAdmins(api.dataSource, ['Config.Admin@Example.org'.toLowerCase()])).toBe(1);
    expect(await grantConfiguredAdmins(api.dataSource, ['config.admin@example.org'])).toBe(0);
    const cookie = await signInAs(api, 'config.admin@example.org');
    expect(meSchema.parse((await send({ url: '/api/me', cookie })).json()).isAdmin).toBe(true);
  });

  it('lists every event to an administrator and only their own to an organiser, drafts included', async () => {
    const slugs = async (cookie: string) =>
      managedEventListSchema
        .parse((await send({ url: '/api/manage/events', cookie })).json())
        .events.map((e) => e.slug);
    expect(await slugs(admin)).toEqual(expect.arrayContaining(['vmc2021', B]));
    expect(await slugs(organiserA)).toEqual(['vmc2021']);
    expect(await slugs(organiserB)).toEqual([B]);
    expect(await slugs(attendee)).toEqual([]);
  });

  it('appoints organisers by e-mail with the invitation mail, lists and removes them', async () => {
    await createEvent('team-event');
    const appointed = await send({
      method: 'POST',
      url: '/api/events/team-event/organisers',
      cookie: admin,
      payload: { email: 'New.Organiser@example.org' },
    });
    expectStatus(appointed, 200);
    const list = eventOrganiserListSchema.parse(appointed.json()).organisers;
    expect(list.map((o) => [o.email, o.name])).toEqual([['new.organiser@example.org', 'new.organiser']]);
    expect((await api.outbox('new.organiser@example.org')).map((mail) => mail.subject)).toEqual([
      'Invitation: Event team-event',
    ]);
    const personId = list[0]?.personId as string;
    expectStatus(
      await send({ method: 'DELETE', url: `/api/events/team-event/organisers/${personId}`, cookie: admin }),
      204,
    );
    const again = await send({
      method: 'DELETE',
      url: `/api/events/team-event/organisers/${personId}`,
      cookie: admin,
    });
    expect([again.statusCode, errorOf(again).code]).toEqual([404, 'identity/role-not-held']);
  });
});

describe('Roles on every new route', () => {
  type Actor = 'admin' | 'organiserA' | 'organiserB' | 'attendee' | 'anonymous';
  const cookieOf = (actor: Actor): string | undefined =>
    ({ admin, organiserA, organiserB, attendee, anonymous: undefined })[actor];
  const missing = '00000000-0000-4000-8000-00000000dead';
  const routes = (): Array<{ name: string; request: Send; allowed: Partial<Record<Actor, number>> }> => {
    return [
      {
        name: 'create event',
        request: { method: 'POST', url: '/api/events', payload: {} },
        allowed: { admin: 400 },
      },
      {
        name: 'manageable events',
        request: { url: '/api/manage/events' },
        allowed: { admin: 200, organiserA: 200, organiserB: 200, attendee: 200 },
      },
      {
        name: 'managed event',
        request: { url: `/api/manage/events/${B}` },
        allowed: { admin: 200, organiserB: 200 },
      },
      {
        name: 'update event',
        request: { method: 'PATCH', url: `/api/events/${B}`, payload: {} },
        allowed: { admin: 400, organiserB: 400 },
      },
      {
        name: 'change status',
        request: { method: 'POST', url: `/api/events/${B}/status`, payload: {} },
        allowed: { admin: 400, organiserB: 400 },
      },
      {
        name: 'duplicate',
        request: { method: 'POST', url: `/api/events/${B}/duplicate`, payload: {} },
        allowed: { admin: 400, organiserB: 400 },
      },
      {
        name: 'list organisers',
        request: { url: `/api/events/${B}/organisers` },
        allowed: { admin: 200, organiserB: 200 },
      },
      {
        name: 'appoint organiser',
        request: { method: 'POST', url: `/api/events/${B}/organisers`, payload: {} },
        allowed: { admin: 400 },
      },
      {
        name: 'remove organiser',
        request: { method: 'DELETE', url: `/api/events/${B}/organisers/${missing}` },
        allowed: { admin: 404 },
      },
      {
        name: 'editor view',
        request: { url: `/api/events/${B}/programme` },
        allowed: { admin: 200, organiserB: 200 },
      },
      {
        name: 'warnings',
        request: { url: `/api/events/${B}/programme/warnings` },
        allowed: { admin: 200, organiserB: 200 },
      },
      ...(['rooms', 'speakers', 'sessions'] as const).flatMap((kind) => {
        const id = { rooms: roomId, speakers: speakerId, sessions: sessionId }[kind];
        const base = `/api/events/${B}/programme/${kind}`;
        return [
          { name: `list ${kind}`, request: { url: base }, allowed: { admin: 200, organiserB: 200 } },
          {
            name: `create ${kind}`,
            request: { method: 'POST' as const, url: base, payload: {} },
            allowed: { admin: 400, organiserB: 400 },
          },
          {
            name: `get ${kind}`,
            request: { url: `${base}/${id}` },
            allowed: { admin: 200, organiserB: 200 },
          },
          {
            name: `update ${kind}`,
            request: { method: 'PATCH' as const, url: `${base}/${id}`, payload: {} },
            allowed: { admin: 400, organiserB: 400 },
          },
          {
            name: `delete ${kind}`,
            request: { method: 'DELETE' as const, url: `${base}/${missing}` },
            allowed: { admin: 404, organiserB: 404 },
          },
        ];
      }),
      {
        name: 'cancel session',
        request: { method: 'POST', url: `/api/events/${B}/programme/sessions/${missing}/cancel` },
        allowed: { admin: 404, organiserB: 404 },
      },
    ];
  };

  it('lets administrators and the event’s organisers through, answers others 403 and strangers 401', async () => {
    const results: string[] = [];
    const expected: string[] = [];
    for (const route of routes()) {
      for (const actor of ['admin', 'organiserA', 'organiserB', 'attendee', 'anonymous'] as const) {
        const response = await send({ ...route.request, cookie: cookieOf(actor) });
        const code = response.statusCode >= 400 ? ` ${errorOf(response).code}` : '';
        const allowed = route.allowed[actor];
        results.push(`${route.name} / ${actor}: ${response.statusCode}${allowed ? '' : code}`);
        expected.push(
          `${route.name} / ${actor}: ${
            allowed ??
            (actor === 'anonymous' ? '401 identity/unauthenticated' : '403 identity/forbidden-role')
          }`,
        );
      }
    }
    expect(results).toEqual(expected);
  }, 60_000);
});

describe('Drafts and publishing', () => {
  it('hides a draft from the public and attendees everywhere, and shows it to its team', async () => {
    const slug = 'draft-only';
    const event = await createEvent(slug);
    expect(event.status).toBe('draft');
    await send({
      method: 'POST',
      url: `/api/events/${slug}/organisers`,
      cookie: admin,
      payload: { email: 'orgb@example.org' },
    });
    const { session } = await createSession(slug, { title: 'Hidden' });
    const publicUrls = [
      `/api/events/${slug}`,
      `/api/events/${slug}/sessions/${session.id}`,
      `/api/events/${slug}/ticket-key`,
    ];
    for (const cookie of [undefined, attendee, organiserA]) {
      for (const url of publicUrls) {
        const response = await send({ url, cookie });
        expect([url, response.statusCode, errorOf(response).code]).toEqual([
          url,
          404,
          'programme/event-not-found',
        ]);
      }
      const registration = await send({
        method: 'POST',
        url: `/api/events/${slug}/registrations`,
        cookie,
        payload: registrationBody({ email: 'someone@example.org' }),
      });
      expect(registration.statusCode).toBe(404);
    }
    const listed = eventListSchema.parse((await send({ url: '/api/events', cookie: admin })).json());
    expect(listed.events.map((e) => e.slug)).not.toContain(slug);
    for (const cookie of [admin, organiserB]) {
      const page = await send({ url: `/api/events/${slug}`, cookie });
      expectStatus(page, 200);
      expect(eventDetailSchema.parse(page.json()).status).toBe('draft');
      expect(page.headers['cache-control']).toBe('private, no-cache');
    }

    await publish(slug, organiserB);
    const page = await send({ url: `/api/events/${slug}` });
    expectStatus(page, 200);
    expect(page.headers['cache-control']).toBe('public, no-cache');
    expect(
      eventListSchema.parse((await send({ url: '/api/events' })).json()).events.map((e) => e.slug),
    ).toContain(slug);
  });

  it('lists upcoming and past published events by their end date', async () => {
    await createEvent('far-future', { startDate: '2099-05-01', endDate: '2099-05-02' });
    await publish('far-future');
    const slugs = async (when: string) =>
      eventListSchema
        .parse((await send({ url: `/api/events?when=${when}` })).json())
        .events.map((e) => e.slug);
    expect(await slugs('upcoming')).toContain('far-future');
    expect(await slugs('upcoming')).not.toContain('vmc2021');
    expect(await slugs('past')).toContain('vmc2021');
    expect(await slugs('past')).not.toContain('far-future');
    expect((await send({ url: '/api/events?when=someday' })).statusCode).toBe(400);
  });

  it('moves draft → published → archived → published, and back to draft only while nobody is registered', async () => {
    const slug = 'lifecycle';
    await createEvent(slug);
    const status = (to: string) =>
      send({ method: 'POST', url: `/api/events/${slug}/status`, cookie: admin, payload: { status: to } });
    const refused = await status('archived');
    expect([refused.statusCode, errorOf(refused).code]).toEqual([409, 'programme/invalid-transition']);
    expectStatus(await status('published'), 200);
    expectStatus(await status('draft'), 200);
    expectStatus(await status('published'), 200);
    expectStatus(
      await send({
        method: 'POST',
        url: `/api/events/${slug}/registrations`,
        payload: registrationBody({ email: 'early.bird@example.org' }),
      }),
      202,
    );
    const back = await status('draft');
    expect([back.statusCode, errorOf(back).code, errorOf(back).details]).toEqual([
      409,
      'programme/invalid-transition',
      { from: 'published', to: 'draft', reason: 'registered' },
    ]);
    expectStatus(await status('archived'), 200);
    expectStatus(await send({ url: `/api/events/${slug}` }), 200);
    expect(
      eventListSchema.parse((await send({ url: '/api/events' })).json()).events.map((e) => e.slug),
    ).not.toContain(slug);
    expect(managedEventSchema.parse((await status('published')).json()).status).toBe('published');
  });
});

describe('Slugs', () => {
  it('refuses a slug in use with 409 naming it, on create and on update', async () => {
    const created = await send({
      method: 'POST',
      url: '/api/events',
      cookie: admin,
      payload: {
        slug: 'vmc2021',
        name: 'Clash',
        startDate: '2022-01-01',
        endDate: '2022-01-01',
        timeZone: 'UTC',
      },
    });
    expect([created.statusCode, errorOf(created).code, errorOf(created).details]).toEqual([
      409,
      'programme/slug-taken',
      { slug: 'vmc2021' },
    ]);
    const current = managedEventSchema.parse(
      (await send({ url: `/api/manage/events/${B}`, cookie: admin })).json(),
    );
    const renamed = await send({
      method: 'PATCH',
      url: `/api/events/${B}`,
      cookie: organiserB,
      ifMatch: `"${current.version}"`,
      payload: { slug: 'vmc2021' },
    });
    expect([renamed.statusCode, errorOf(renamed).details]).toEqual([409, { slug: 'vmc2021' }]);
  });

  it('keeps an old slug answering 308 to the new address, and never gives it to another event', async () => {
    const event = await createEvent('old-name');
    await publish('old-name');
    const { session } = await createSession('old-name', {}, admin);
    const renamed = await send({
      method: 'PATCH',
      url: '/api/events/old-name',
      cookie: admin,
      ifMatch: `"${event.version + 1}"`,
      payload: { slug: 'new-name' },
    });
    expectStatus(renamed, 200);
    expect(renamed.headers.etag).toBe(`"${event.version + 2}"`);
    const page = await send({ url: '/api/events/old-name' });
    expect([page.statusCode, page.headers.location, errorOf(page).code]).toEqual([
      308,
      '/api/events/new-name',
      'programme/event-moved',
    ]);
    const sessionPage = await send({ url: `/api/events/old-name/sessions/${session.id}` });
    expect([sessionPage.statusCode, sessionPage.headers.location]).toEqual([
      308,
      `/api/events/new-name/sessions/${session.id}`,
    ]);
    expectStatus(await send({ url: '/api/events/new-name' }), 200);
    const clash = await send({
      method: 'POST',
      url: '/api/events',
      cookie: admin,
      payload: {
        slug: 'old-name',
        name: 'Squatter',
        startDate: '2022-01-01',
        endDate: '2022-01-01',
        timeZone: 'UTC',
      },
    });
    expect([clash.statusCode, errorOf(clash).details]).toEqual([409, { slug: 'old-name' }]);
  });
});

describe('Bad input', () => {
  it('answers a 10,000-character title with 400 naming the field, and a long event name too', async () => {
    const session = await send({
      method: 'POST',
      url: `/api/events/${B}/programme/sessions`,
      cookie: organiserB,
      payload: { title: 'x'.repeat(10_000), startsLocal: '2022-10-29T09:00', endsLocal: '2022-10-29T10:00' },
    });
    expect([session.statusCode, errorOf(session).code]).toEqual([400, 'core/validation-failed']);
    expect(errorOf(session).details).toEqual([expect.objectContaining({ path: 'title' })]);
    const event = await send({
      method: 'PATCH',
      url: `/api/events/${B}`,
      cookie: organiserB,
      ifMatch: '"1"',
      payload: { name: 'y'.repeat(10_000) },
    });
    expect(errorOf(event).details).toEqual([expect.objectContaining({ path: 'name' })]);
  });

  it('answers an end before the start with 400 naming the end, on create and on a partial update', async () => {
    const created = await send({
      method: 'POST',
      url: `/api/events/${B}/programme/sessions`,
      cookie: organiserB,
      payload: { title: 'Backwards', startsLocal: '2022-10-29T11:00', endsLocal: '2022-10-29T10:00' },
    });
    expect([created.statusCode, errorOf(created).details]).toEqual([
      400,
      [{ path: 'endsLocal', message: 'must be after the start' }],
    ]);
    const current = managedSessionSchema.parse(
      (await send({ url: `/api/events/${B}/programme/sessions/${sessionId}`, cookie: organiserB })).json(),
    );
    const updated = await send({
      method: 'PATCH',
      url: `/api/events/${B}/programme/sessions/${sessionId}`,
      cookie: organiserB,
      ifMatch: `"${current.version}"`,
      payload: { endsLocal: '2022-10-29T09:00' },
    });
    expect([updated.statusCode, errorOf(updated).details]).toEqual([
      400,
      [{ path: 'endsLocal', message: 'must be after the start' }],
    ]);
  });

  it('answers a session outside the event’s dates with 400 programme/outside-event', async () => {
    const current = managedSessionSchema.parse(
      (await send({ url: `/api/events/${B}/programme/sessions/${sessionId}`, cookie: organiserB })).json(),
    );
    const moved = await send({
      method: 'PATCH',
      url: `/api/events/${B}/programme/sessions/${sessionId}`,
      cookie: organiserB,
      ifMatch: `"${current.version}"`,
      payload: { startsLocal: '2022-11-01T09:00', endsLocal: '2022-11-01T10:00' },
    });
    expect([moved.statusCode, errorOf(moved).code]).toEqual([400, 'programme/outside-event']);
    expect(errorOf(moved).details).toEqual([
      expect.objectContaining({ path: 'startsLocal' }),
      expect.objectContaining({ path: 'endsLocal' }),
    ]);
    const early = await send({
      method: 'POST',
      url: `/api/events/${B}/programme/sessions`,
      cookie: organiserB,
      payload: { title: 'Too early', startsLocal: '2022-10-28T23:00', endsLocal: '2022-10-29T01:00' },
    });
    expect([early.statusCode, errorOf(early).code]).toEqual([400, 'programme/outside-event']);
  });

  it('refuses unknown time zones, rooms and speakers of other events, and plain-http or missing stream URLs', async () => {
    const zone = await send({
      method: 'POST',
      url: '/api/events',
      cookie: admin,
      payload: {
        slug: 'mars',
        name: 'Mars',
        startDate: '2030-01-01',
        endDate: '2030-01-02',
        timeZone: 'Mars/Base',
      },
    });
    expect(errorOf(zone).details).toEqual([
      { path: 'timeZone', message: 'must be an IANA time zone such as Europe/Vienna' },
    ]);
    const foreign = await send({
      method: 'POST',
      url: `/api/events/${B}/programme/sessions`,
      cookie: organiserB,
      payload: {
        title: 'Borrowing',
        startsLocal: '2022-10-29T09:00',
        endsLocal: '2022-10-29T10:00',
        roomId: randomUUID(),
        speakers: [{ speakerId: REFERENCE_SESSIONS[0]?.speakers[0]?.speakerId }],
      },
    });
    expect(errorOf(foreign).details).toEqual([
      { path: 'roomId', message: 'is not a room of this event' },
      { path: 'speakers.0.speakerId', message: 'is not a speaker of this event' },
    ]);
    const rooms = `/api/events/${B}/programme/rooms`;
    const noUrl = await send({
      method: 'POST',
      url: rooms,
      cookie: organiserB,
      payload: { name: 'Stream', videoMode: 'external' },
    });
    expect(errorOf(noUrl).details).toEqual([
      { path: 'externalStreamUrl', message: 'is required for an external stream' },
    ]);
    const http = await send({
      method: 'POST',
      url: rooms,
      cookie: organiserB,
      payload: { name: 'Stream', videoMode: 'external', externalStreamUrl: 'http://stream.example.org/live' },
    });
    expect(errorOf(http).details).toEqual([expect.objectContaining({ path: 'externalStreamUrl' })]);
    const twice = await send({
      method: 'POST',
      url: rooms,
      cookie: organiserB,
      payload: { name: 'Plenary hall' },
    });
    expect([twice.statusCode, errorOf(twice).code]).toEqual([409, 'programme/room-name-taken']);
  });

  it('renders Markdown inert: raw HTML escaped, javascript: links dropped', async () => {
    const evil = '<script>alert(1)</script>\n\n[click](javascript:alert(1)) and [fine](https://example.org)';
    const { session } = await createSession(B, {
      title: 'Markdown',
      abstract: evil,
      startsLocal: '2022-10-30T15:00',
      endsLocal: '2022-10-30T16:00',
    });
    for (const html of [session.abstractHtml ?? '']) {
      expect(html).not.toContain('<script');
      expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
      expect(html).not.toMatch(/href="javascript:/i);
      expect(html).toContain('<a href="https://example.org" rel="nofollow noopener noreferrer">fine</a>');
    }
    const managed = managedEventSchema.parse(
      (await send({ url: `/api/manage/events/${B}`, cookie: organiserB })).json(),
    );
    const updated = await send({
      method: 'PATCH',
      url: `/api/events/${B}`,
      cookie: organiserB,
      ifMatch: `"${managed.version}"`,
      payload: { description: evil, blocks: [{ title: 'Inclusion', body: evil }] },
    });
    expectStatus(updated, 200);
    const page = eventDetailSchema.parse(
      (await send({ url: `/api/events/${B}`, cookie: organiserB })).json(),
    );
    for (const html of [page.descriptionHtml ?? '', page.blocks[0]?.bodyHtml ?? '']) {
      expect(html).not.toContain('<script');
      expect(html).not.toMatch(/href="javascript:/i);
    }
  });
});

describe('Concurrency', () => {
  it('answers two parallel updates of the same version with one 200 and one 412 carrying the current session', async () => {
    const url = `/api/events/${B}/programme/sessions/${sessionId}`;
    const read = await send({ url, cookie: organiserB });
    const etag = read.headers.etag as string;
    expect(etag).toBe(`"${managedSessionSchema.parse(read.json()).version}"`);
    const [first, second] = await Promise.all(
      ['Title by the first editor', 'Title by the second editor'].map((title) =>
        send({
          method: 'PATCH',
          url,
          cookie: title.includes('first') ? organiserB : admin,
          ifMatch: etag,
          payload: { title },
        }),
      ),
    );
    const responses = [first, second] as LightMyRequestResponse[];
    expect(responses.map((r) => r.statusCode).sort()).toEqual([200, 412]);
    const winner = responses.find((r) => r.statusCode === 200) as LightMyRequestResponse;
    const loser = responses.find((r) => r.statusCode === 412) as LightMyRequestResponse;
    const stored = sessionWriteResultSchema.parse(winner.json()).session;
    expect(errorOf(loser).code).toBe('programme/version-conflict');
    const current = managedSessionSchema.parse((errorOf(loser).details as { current: unknown }).current);
    expect([current.version, current.title]).toEqual([stored.version, stored.title]);
    expect(winner.headers.etag).toBe(`"${stored.version}"`);

    const stale = await send({
      method: 'PATCH',
      url,
      cookie: organiserB,
      ifMatch: etag,
      payload: { title: 'Late' },
    });
    expect(stale.statusCode).toBe(412);
  });

  it('requires If-Match on updates (428) and refuses a malformed one (400)', async () => {
    for (const url of [
      `/api/events/${B}`,
      `/api/events/${B}/programme/sessions/${sessionId}`,
      `/api/events/${B}/programme/rooms/${roomId}`,
      `/api/events/${B}/programme/speakers/${speakerId}`,
    ]) {
      const payload = url.endsWith(B)
        ? { name: 'X' }
        : url.includes('sessions')
          ? { title: 'X' }
          : { name: 'X' };
      const withoutHeader = await send({ method: 'PATCH', url, cookie: organiserB, payload });
      expect([url, withoutHeader.statusCode, errorOf(withoutHeader).code]).toEqual([
        url,
        428,
        'programme/precondition-required',
      ]);
      const star = await send({ method: 'PATCH', url, cookie: organiserB, ifMatch: '*', payload });
      expect(errorOf(star).details).toEqual([expect.objectContaining({ path: 'If-Match' })]);
    }
  });
});

describe('Warnings, time zones and duplicates', () => {
  it('warns about a room and a speaker booked twice, in the write and in the list, until one is cancelled', async () => {
    const clash = await createSession(B, {
      title: 'Overlapping panel',
      startsLocal: '2022-10-29T10:00',
      endsLocal: '2022-10-29T11:00',
      roomId,
      speakers: [{ speakerId, role: 'panelist' }],
    });
    expect(clash.warnings.map((w) => [w.code, [...w.sessionIds].sort()])).toEqual(
      expect.arrayContaining([
        ['room-double-booked', [sessionId, clash.session.id].sort()],
        ['speaker-double-booked', [sessionId, clash.session.id].sort()],
      ]),
    );
    const listed = programmeWarningListSchema.parse(
      (await send({ url: `/api/events/${B}/programme/warnings`, cookie: organiserB })).json(),
    ).warnings;
    expect(
      listed
        .filter((w) => w.sessionIds.includes(clash.session.id))
        .map((w) => w.code)
        .sort(),
    ).toEqual(['room-double-booked', 'speaker-double-booked']);
    const cancelled = await send({
      method: 'POST',
      url: `/api/events/${B}/programme/sessions/${clash.session.id}/cancel`,
      cookie: organiserB,
    });
    const result = sessionWriteResultSchema.parse(cancelled.json());
    expect([result.session.cancelled, result.warnings]).toEqual([true, []]);
    const page = eventDetailSchema.parse(
      (await send({ url: `/api/events/${B}`, cookie: organiserB })).json(),
    );
    expect(page.days.flatMap((d) => d.sessions).find((s) => s.id === clash.session.id)?.cancelled).toBe(true);
  });

  it('keeps wall-clock times across the end of summer time (Vienna, 29–31 October 2022)', async () => {
    const saturday = await createSession(B, {
      title: 'Saturday 09:30',
      startsLocal: '2022-10-29T09:30',
      endsLocal: '2022-10-29T10:00',
    });
    const monday = await createSession(B, {
      title: 'Monday 09:30',
      startsLocal: '2022-10-31T09:30',
      endsLocal: '2022-10-31T10:00',
    });
    expect([saturday.session.startsAt, monday.session.startsAt]).toEqual([
      '2022-10-29T07:30:00.000Z',
      '2022-10-31T08:30:00.000Z',
    ]);
    expect([saturday.session.startsLocal, monday.session.startsLocal, monday.session.day]).toEqual([
      '2022-10-29T09:30',
      '2022-10-31T09:30',
      '2022-10-31',
    ]);
  });

  it('duplicates an event into a draft with dates shifted by whole days, keeping wall-clock times', async () => {
    const duplicate = await send({
      method: 'POST',
      url: `/api/events/${B}/duplicate`,
      cookie: organiserB,
      // One year and a day later: the copy's first day is the Sunday summer time ends, the source's was a Saturday.
      payload: { slug: 'vmc2023', name: 'VMC 2023', startDate: '2023-10-29' },
    });
    expectStatus(duplicate, 201);
    const copy = managedEventSchema.parse(duplicate.json());
    expect([copy.status, copy.startDate, copy.endDate, copy.timeZone]).toEqual([
      'draft',
      '2023-10-29',
      '2023-10-31',
      'Europe/Vienna',
    ]);
    const source = programmeEditorViewSchema.parse(
      (await send({ url: `/api/events/${B}/programme`, cookie: organiserB })).json(),
    );
    // The organisers come along: the organiser of B edits the copy.
    const copied = programmeEditorViewSchema.parse(
      (await send({ url: '/api/events/vmc2023/programme', cookie: organiserB })).json(),
    );
    expect(copied.rooms.map((r) => r.name)).toEqual(source.rooms.map((r) => r.name));
    expect(copied.speakers.map((s) => s.name)).toEqual(source.speakers.map((s) => s.name));
    const shifted = (local: string) => {
      const date = new Date(`${local.slice(0, 10)}T00:00:00Z`);
      date.setUTCDate(date.getUTCDate() + 365);
      return `${date.toISOString().slice(0, 10)}${local.slice(10)}`;
    };
    expect(copied.sessions.map((s) => [s.title, s.startsLocal, s.endsLocal]).sort()).toEqual(
      source.sessions.map((s) => [s.title, shifted(s.startsLocal), shifted(s.endsLocal)]).sort(),
    );
    const byTitle = new Map(copied.sessions.map((s) => [s.title, s]));
    expect([byTitle.get('Saturday 09:30')?.startsAt, byTitle.get('Monday 09:30')?.startsAt]).toEqual([
      // 09:30 on the Sunday is after the change (UTC+1); a shift by 365 × 24 h would have given 08:30 local.
      '2023-10-29T08:30:00.000Z',
      '2023-10-31T08:30:00.000Z',
    ]);
    const keynote = byTitle.get(source.sessions.find((s) => s.id === sessionId)?.title ?? '');
    expect(keynote?.room).toBe('Plenary hall');
    expect(keynote?.roomId).not.toBe(roomId);
    expect(keynote?.speakers.map((l) => l.speaker.name)).toEqual(['Ada Lovelace']);
    expect((await send({ url: '/api/events/vmc2023' })).statusCode).toBe(404);
  });
});

describe('Audit, domain events and the event page', () => {
  it('records every programme write in the audit log with who and the changed fields', async () => {
    const url = `/api/events/${B}/programme/speakers/${speakerId}`;
    const etag = (await send({ url, cookie: organiserB })).headers.etag as string;
    expectStatus(
      await send({
        method: 'PATCH',
        url,
        cookie: organiserB,
        ifMatch: etag,
        payload: { organisation: 'Engines Ltd' },
      }),
      200,
    );
    const rows = await api.dataSource.query<Array<{ action: string; actor_id: string; details: unknown }>>(
      `SELECT a.action, a.actor_id, a.details FROM audit_log a WHERE a.target_id = $1 ORDER BY a.created_at`,
      [speakerId],
    );
    const [orgB] = await api.dataSource.query<Array<{ id: string }>>(
      `SELECT id FROM people WHERE email = 'orgb@example.org'`,
    );
    expect(rows.map((row) => row.action)).toEqual(['speaker.create', 'speaker.update']);
    expect(rows[1]).toEqual({
      action: 'speaker.update',
      actor_id: orgB?.id,
      details: { before: { organisation: null }, after: { organisation: 'Engines Ltd' } },
    });
    const sessionUpdates = await api.dataSource.query<
      Array<{ details: { before: unknown; after: unknown } }>
    >(`SELECT details FROM audit_log WHERE target_id = $1 AND action = 'session.update'`, [sessionId]);
    expect(sessionUpdates).toHaveLength(1);
    expect(sessionUpdates[0]?.details).toEqual({
      before: { title: 'Opening keynote' },
      after: { title: expect.stringMatching(/^Title by the (first|second) editor$/) },
    });
  });

  it('publishes programme.changed when a write commits, never for one rolled back', async () => {
    const listener = new Client({ connectionString: (api.dataSource.options as { url?: string }).url });
    await listener.connect();
    const heard: ProgrammeChangedEvent[] = [];
    listener.on('notification', (message) => {
      const parsed = programmeChangedEventSchema.safeParse(JSON.parse(message.payload ?? 'null'));
      if (parsed.success) heard.push(parsed.data);
    });
    await listener.query('LISTEN plenary_events');
    try {
      const event = managedEventSchema.parse(
        (await send({ url: `/api/manage/events/${B}`, cookie: organiserB })).json(),
      );
      const writer = api.app.get(ProgrammeWriter);
      await expect(
        api.dataSource.transaction(async (manager) => {
          await writer.createRoom(manager, event.id, {
            name: 'Never',
            capacity: null,
            videoMode: 'in_room',
            externalStreamUrl: null,
          });
          throw new Error('roll back');
        }),
      ).rejects.toThrow('roll back');
      const etag = (
        await send({ url: `/api/events/${B}/programme/sessions/${sessionId}`, cookie: organiserB })
      ).headers.etag as string;
      const updated = await send({
        method: 'PATCH',
        url: `/api/events/${B}/programme/sessions/${sessionId}`,
        cookie: organiserB,
        ifMatch: etag,
        payload: { qaEnabled: false },
      });
      expectStatus(updated, 200);
      await eventually(async () => (heard.length >= 1 ? true : undefined));
      const page = await send({ url: `/api/events/${B}`, cookie: organiserB });
      expect(heard).toEqual([
        {
          type: 'programme.changed',
          eventId: event.id,
          scope: 'sessions',
          sessionIds: [sessionId],
          programmeVersion: Number(/-(\d+)"$/.exec(page.headers.etag as string)?.[1]),
        },
      ]);
    } finally {
      await listener.end();
    }
  });

  it('answers the event page with an ETag and 304, and a write changes the ETag and the page', async () => {
    const url = '/api/events/vmc2021';
    const first = await send({ url });
    expectStatus(first, 200);
    const etag = first.headers.etag as string;
    expect(etag).toMatch(/^"[0-9a-f]{8}-\d+"$/);
    const again = await send({ url, headers: { 'if-none-match': etag } });
    expect([again.statusCode, again.body, again.headers.etag]).toEqual([304, '', etag]);

    const target = REFERENCE_SESSIONS[0]?.id as string;
    const sessionUrl = `/api/events/vmc2021/programme/sessions/${target}`;
    const sessionEtag = (await send({ url: sessionUrl, cookie: organiserA })).headers.etag as string;
    expectStatus(
      await send({
        method: 'PATCH',
        url: sessionUrl,
        cookie: organiserA,
        ifMatch: sessionEtag,
        payload: { title: 'Renamed opening' },
      }),
      200,
    );
    const after = await send({ url, headers: { 'if-none-match': etag } });
    expect(after.statusCode).toBe(200);
    expect(after.headers.etag).not.toBe(etag);
    const detail = eventDetailSchema.parse(after.json());
    expect(detail.days[0]?.sessions[0]?.title).toBe('Renamed opening');
    expect(
      sessionSchema.parse((await send({ url: `/api/events/vmc2021/sessions/${target}` })).json()).title,
    ).toBe('Renamed opening');
    expect(detail.id).toBe(REFERENCE_EVENT.id);
  });
});

describe('Deleting', () => {
  it('deletes a session nobody used, and asks to cancel one with questions (409)', async () => {
    const unused = await createSession(B, {
      title: 'Unused',
      startsLocal: '2022-10-30T08:00',
      endsLocal: '2022-10-30T08:30',
    });
    const used = await createSession(B, {
      title: 'Used',
      startsLocal: '2022-10-30T09:00',
      endsLocal: '2022-10-30T09:30',
    });
    await api.dataSource.query(
      `INSERT INTO questions (id, session_id, text, source, status) VALUES ($1, $2, 'Why?', 'remote', 'pending')`,
      [randomUUID(), used.session.id],
    );
    const sessions = `/api/events/${B}/programme/sessions`;
    const refused = await send({
      method: 'DELETE',
      url: `${sessions}/${used.session.id}`,
      cookie: organiserB,
    });
    expect([refused.statusCode, errorOf(refused).code]).toEqual([409, 'programme/session-has-activity']);
    expectStatus(
      await send({ method: 'DELETE', url: `${sessions}/${unused.session.id}`, cookie: organiserB }),
      204,
    );
    expect((await send({ url: `${sessions}/${unused.session.id}`, cookie: organiserB })).statusCode).toBe(
      404,
    );
  });

  it('deletes a speaker with their places in sessions, and a room leaving its sessions without one', async () => {
    const speaker = managedSpeakerSchema.parse(
      (
        await send({
          method: 'POST',
          url: `/api/events/${B}/programme/speakers`,
          cookie: organiserB,
          payload: { name: 'Temp' },
        })
      ).json(),
    );
    const room = managedRoomSchema.parse(
      (
        await send({
          method: 'POST',
          url: `/api/events/${B}/programme/rooms`,
          cookie: organiserB,
          payload: { name: 'Temp room' },
        })
      ).json(),
    );
    const { session } = await createSession(B, {
      title: 'With temp',
      startsLocal: '2022-10-31T14:00',
      endsLocal: '2022-10-31T15:00',
      roomId: room.id,
      speakers: [{ speakerId: speaker.id, role: 'interpreter' }],
    });
    expect(session.speakers.map((l) => l.role)).toEqual(['interpreter']);
    expectStatus(
      await send({
        method: 'DELETE',
        url: `/api/events/${B}/programme/speakers/${speaker.id}`,
        cookie: organiserB,
      }),
      204,
    );
    expectStatus(
      await send({
        method: 'DELETE',
        url: `/api/events/${B}/programme/rooms/${room.id}`,
        cookie: organiserB,
      }),
      204,
    );
    const after = managedSessionSchema.parse(
      (await send({ url: `/api/events/${B}/programme/sessions/${session.id}`, cookie: organiserB })).json(),
    );
    expect([after.speakers, after.room, after.roomId, after.version]).toEqual([
      [],
      null,
      null,
      session.version + 2,
    ]);
  });
});

describe('OpenAPI', () => {
  it('documents the organising routes with their access, If-Match and 304', async () => {
    const document = (await send({ url: '/api/docs/openapi.json' })).json<{
      paths: Record<
        string,
        Record<
          string,
          {
            'x-plenary-access'?: string;
            parameters: Array<{ name: string }>;
            responses: Record<string, unknown>;
          }
        >
      >;
    }>();
    expect(Object.keys(document.paths)).toEqual(
      expect.arrayContaining([
        '/api/events',
        '/api/manage/events',
        '/api/events/{slug}/status',
        '/api/events/{slug}/duplicate',
        '/api/events/{slug}/organisers/{personId}',
        '/api/events/{slug}/programme',
        '/api/events/{slug}/programme/warnings',
        '/api/events/{slug}/programme/rooms/{roomId}',
        '/api/events/{slug}/programme/speakers/{speakerId}',
        '/api/events/{slug}/programme/sessions/{sessionId}/cancel',
      ]),
    );
    expect(document.paths['/api/events']?.['post']?.['x-plenary-access']).toBe('admin');
    const patch = document.paths['/api/events/{slug}/programme/sessions/{sessionId}']?.['patch'];
    expect(patch?.parameters.map((p) => p.name)).toContain('If-Match');
    expect(Object.keys(patch?.responses ?? {})).toEqual(expect.arrayContaining(['200', '412', '428']));
    expect(Object.keys(document.paths['/api/events/{slug}']?.['get']?.responses ?? {})).toContain('304');
  });
});
