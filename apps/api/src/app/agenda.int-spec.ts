import {
  agendaFeedSchema,
  errorEnvelopeSchema,
  managedEventSchema,
  managedSessionSchema,
  myAgendaSchema,
  registrationListSchema,
  sessionStarSchema,
  sessionWriteResultSchema,
} from '@plenary/contracts';
import { REFERENCE_EVENT, REFERENCE_SESSIONS } from '@plenary/server-programme';
import type { LightMyRequestResponse } from 'fastify';
import ICAL from 'ical.js';
import { freshIp, registerAs, signInAs, startTestApi, TEST_ORIGIN, type TestApi } from './test-api';

// Each test boots nothing, but a loaded machine can take seconds per request.
jest.setTimeout(30_000);

let api: TestApi;
let admin: string;
let organiser: string;
let attendee: string;
let other: string;
let stranger: string;

const A = REFERENCE_EVENT.slug;
const OPENING = REFERENCE_SESSIONS[0]!.id;
const SECOND = REFERENCE_SESSIONS[1]!.id;
const THIRD = REFERENCE_SESSIONS[2]!.id;
const DST = 'vmc2022-dst';
const DRAFT = 'agenda-draft';

interface Send {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  url: string;
  cookie?: string;
  payload?: unknown;
  headers?: Record<string, string>;
}

const send = ({
  method = 'GET',
  url,
  cookie,
  payload,
  headers = {},
}: Send): Promise<LightMyRequestResponse> =>
  api.request({
    method,
    url,
    cookie,
    ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }),
    headers,
    ip: freshIp(),
  });

function expectStatus(response: LightMyRequestResponse, status: number): void {
  if (response.statusCode !== status)
    throw new Error(`expected ${status}, got ${response.statusCode}: ${response.body.slice(0, 500)}`);
}

const errorCode = (response: LightMyRequestResponse): string =>
  errorEnvelopeSchema.parse(response.json()).error.code;

/** Parses a calendar with ical.js: the VEVENTs by UID, with the parsed component for more checks. */
function parseCalendar(text: string) {
  const calendar = ICAL.Component.fromString(text);
  for (const vtimezone of calendar.getAllSubcomponents('vtimezone'))
    ICAL.TimezoneService.register(new ICAL.Timezone(vtimezone));
  const events = calendar.getAllSubcomponents('vevent').map((vevent) => {
    const event = new ICAL.Event(vevent);
    return {
      uid: event.uid,
      summary: event.summary,
      start: event.startDate.toJSDate().toISOString(),
      end: event.endDate.toJSDate().toISOString(),
      startLocal: event.startDate.toString(),
      tzid: vevent.getFirstProperty('dtstart')?.getParameter('tzid'),
      sequence: Number(vevent.getFirstPropertyValue('sequence')),
      status: String(vevent.getFirstPropertyValue('status')),
      description: String(vevent.getFirstPropertyValue('description') ?? ''),
      location: String(vevent.getFirstPropertyValue('location') ?? ''),
      url: String(vevent.getFirstPropertyValue('url') ?? ''),
      conference: vevent.getFirstPropertyValue('conference'),
    };
  });
  return { calendar, events };
}

const byUid = (events: ReturnType<typeof parseCalendar>['events'], sessionId: string) => {
  const found = events.find((event) => event.uid === `${sessionId}@${new URL(TEST_ORIGIN).host}`);
  if (!found) throw new Error(`no VEVENT for ${sessionId}`);
  return found;
};

async function approve(email: string): Promise<void> {
  const list = registrationListSchema.parse(
    (
      await send({ url: `/api/events/${A}/registrations?q=${encodeURIComponent(email)}`, cookie: organiser })
    ).json(),
  );
  expectStatus(
    await send({
      method: 'POST',
      url: `/api/events/${A}/registrations/decisions`,
      payload: { registrationIds: [list.items[0]?.id], decision: 'approve' },
      cookie: organiser,
    }),
    200,
  );
}

async function feedUrl(cookie: string): Promise<string> {
  const created = await send({ method: 'POST', url: `/api/events/${A}/my/agenda/feed`, cookie });
  expectStatus(created, 201);
  const feed = agendaFeedSchema.parse(created.json());
  expect(feed.url.startsWith(`${TEST_ORIGIN}/api/calendar/agenda/`)).toBe(true);
  return new URL(feed.url).pathname;
}

async function moveSession(sessionId: string, startsLocal: string, endsLocal: string): Promise<void> {
  const current = managedSessionSchema.parse(
    (await send({ url: `/api/events/${A}/programme/sessions/${sessionId}`, cookie: organiser })).json(),
  );
  expectStatus(
    await send({
      method: 'PATCH',
      url: `/api/events/${A}/programme/sessions/${sessionId}`,
      cookie: organiser,
      payload: { startsLocal, endsLocal },
      headers: { 'if-match': `"${current.version}"` },
    }),
    200,
  );
}

beforeAll(async () => {
  api = await startTestApi();
  admin = await signInAs(api, 'admin@plenary.test');
  organiser = await signInAs(api, 'organiser@plenary.test');
  await registerAs(api, 'agenda.attendee@example.org', { attendance: 'remote' });
  await approve('agenda.attendee@example.org');
  attendee = await signInAs(api, 'agenda.attendee@example.org');
  await registerAs(api, 'agenda.other@example.org');
  await approve('agenda.other@example.org');
  other = await signInAs(api, 'agenda.other@example.org');

  // An event across the end of summer time in Vienna (Sunday 30 October 2022), and a draft.
  for (const slug of [DST, DRAFT]) {
    expectStatus(
      await send({
        method: 'POST',
        url: '/api/events',
        cookie: admin,
        payload: {
          slug,
          name: `Event ${slug}`,
          startDate: '2022-10-29',
          endDate: '2022-10-31',
          timeZone: 'Europe/Vienna',
          format: 'hybrid',
          venue: { name: 'Hofburg', city: 'Vienna', country: 'AT' },
        },
      }),
      201,
    );
  }
  // Someone signed in but not registered for the reference event (they run the draft).
  expectStatus(
    await send({
      method: 'POST',
      url: `/api/events/${DRAFT}/organisers`,
      cookie: admin,
      payload: { email: 'agenda.stranger@example.org', name: 'Stan Stranger' },
    }),
    200,
  );
  stranger = await signInAs(api, 'agenda.stranger@example.org');
  managedEventSchema.parse(
    (
      await send({
        method: 'POST',
        url: `/api/events/${DST}/status`,
        cookie: admin,
        payload: { status: 'published' },
      })
    ).json(),
  );
}, 90_000);

afterAll(async () => {
  await api.close();
});

describe('Stars and my agenda', () => {
  it('refuses anonymous people, people not registered, and drafts', async () => {
    expectStatus(await send({ method: 'PUT', url: `/api/events/${A}/sessions/${OPENING}/star` }), 401);
    expectStatus(await send({ url: `/api/events/${A}/my/agenda` }), 401);
    const unregistered = await send({
      method: 'PUT',
      url: `/api/events/${A}/sessions/${OPENING}/star`,
      cookie: stranger,
    });
    expectStatus(unregistered, 404);
    expect(errorCode(unregistered)).toBe('registration/not-registered');
    const draft = await send({ method: 'GET', url: `/api/events/${DRAFT}/my/agenda`, cookie: attendee });
    expectStatus(draft, 404);
    expect(errorCode(draft)).toBe('programme/event-not-found');
    // A session of another event, and a malformed id.
    expectStatus(
      await send({
        method: 'PUT',
        url: `/api/events/${A}/sessions/5e0c2021-0000-4000-8000-00000000dead/star`,
        cookie: attendee,
      }),
      404,
    );
    expectStatus(
      await send({ method: 'PUT', url: `/api/events/${A}/sessions/nope/star`, cookie: attendee }),
      400,
    );
    // State-changing from another origin.
    expectStatus(
      await api.request({
        method: 'PUT',
        url: `/api/events/${A}/sessions/${OPENING}/star`,
        cookie: attendee,
        headers: { origin: 'https://evil.example' },
      }),
      403,
    );
  });

  it('stars and unstars idempotently; the agenda lists the starred sessions in start order', async () => {
    for (const id of [SECOND, OPENING, OPENING]) {
      const starred = await send({
        method: 'PUT',
        url: `/api/events/${A}/sessions/${id}/star`,
        cookie: attendee,
      });
      expectStatus(starred, 200);
      expect(sessionStarSchema.parse(starred.json())).toEqual({ sessionId: id, starred: true });
    }
    const agenda = myAgendaSchema.parse(
      (await send({ url: `/api/events/${A}/my/agenda`, cookie: attendee })).json(),
    );
    expect(agenda.sessions.map((s) => s.id)).toEqual([OPENING, SECOND]);
    expect(agenda.feed).toBeNull();
    const unstarred = await send({
      method: 'DELETE',
      url: `/api/events/${A}/sessions/${SECOND}/star`,
      cookie: attendee,
    });
    expect(sessionStarSchema.parse(unstarred.json())).toEqual({ sessionId: SECOND, starred: false });
    expectStatus(
      await send({ method: 'DELETE', url: `/api/events/${A}/sessions/${SECOND}/star`, cookie: attendee }),
      200,
    );
    const after = myAgendaSchema.parse(
      (await send({ url: `/api/events/${A}/my/agenda`, cookie: attendee })).json(),
    );
    expect(after.sessions.map((s) => s.id)).toEqual([OPENING]);
    // Another person's agenda is their own.
    const theirs = myAgendaSchema.parse(
      (await send({ url: `/api/events/${A}/my/agenda`, cookie: other })).json(),
    );
    expect(theirs.sessions).toEqual([]);
  });

  it('lets the event team star without registering', async () => {
    expectStatus(
      await send({ method: 'PUT', url: `/api/events/${A}/sessions/${THIRD}/star`, cookie: organiser }),
      200,
    );
    expectStatus(
      await send({ method: 'DELETE', url: `/api/events/${A}/sessions/${THIRD}/star`, cookie: organiser }),
      200,
    );
  });
});

describe('Calendar files', () => {
  it('serves the public programme: text/calendar, VTIMEZONE, 09:30 Vienna in summer is 07:30Z, ETag and 304', async () => {
    const response = await send({ url: `/api/events/${A}/calendar.ics` });
    expectStatus(response, 200);
    expect(response.headers['content-type']).toBe('text/calendar; charset=utf-8');
    expect(response.body).toContain('\r\n');
    const { calendar, events } = parseCalendar(response.body);
    expect(calendar.getFirstPropertyValue('version')).toBe('2.0');
    expect(calendar.getFirstSubcomponent('vtimezone')?.getFirstPropertyValue('tzid')).toBe('Europe/Vienna');
    expect(events).toHaveLength(REFERENCE_SESSIONS.length);
    const opening = byUid(events, OPENING);
    expect(opening).toMatchObject({
      start: '2021-10-19T07:30:00.000Z',
      startLocal: '2021-10-19T09:30:00',
      tzid: 'Europe/Vienna',
      status: 'CONFIRMED',
      url: `${TEST_ORIGIN}/e/${A}/sessions/${OPENING}`,
    });
    expect(opening.summary).toBe(REFERENCE_SESSIONS[0]!.title);
    expect(opening.conference).toBe(`${TEST_ORIGIN}/e/${A}/sessions/${OPENING}`);
    expect(response.body).not.toMatch(/token/i);
    const etag = String(response.headers.etag);
    const again = await send({ url: `/api/events/${A}/calendar.ics`, headers: { 'if-none-match': etag } });
    expectStatus(again, 304);
    expect(again.body).toBe('');
  });

  it('keeps wall-clock times across the end of summer time (last Sunday of October)', async () => {
    const create = (title: string, startsLocal: string, endsLocal: string) =>
      send({
        method: 'POST',
        url: `/api/events/${DST}/programme/sessions`,
        cookie: admin,
        payload: { title, startsLocal, endsLocal },
      });
    const before = sessionWriteResultSchema.parse(
      (await create('Saturday', '2022-10-29T09:30', '2022-10-29T10:30')).json(),
    );
    const after = sessionWriteResultSchema.parse(
      (await create('Monday', '2022-10-31T09:30', '2022-10-31T10:30')).json(),
    );
    const response = await send({ url: `/api/events/${DST}/calendar.ics` });
    expectStatus(response, 200);
    const { events } = parseCalendar(response.body);
    expect(byUid(events, before.session.id)).toMatchObject({
      startLocal: '2022-10-29T09:30:00',
      start: '2022-10-29T07:30:00.000Z',
    });
    expect(byUid(events, after.session.id)).toMatchObject({
      startLocal: '2022-10-31T09:30:00',
      start: '2022-10-31T08:30:00.000Z',
    });
  });

  it('hides a registered-only abstract in the public file and shows it to registered people', async () => {
    const target = THIRD;
    const current = managedSessionSchema.parse(
      (await send({ url: `/api/events/${A}/programme/sessions/${target}`, cookie: organiser })).json(),
    );
    expectStatus(
      await send({
        method: 'PATCH',
        url: `/api/events/${A}/programme/sessions/${target}`,
        cookie: organiser,
        payload: { visibility: 'registered', abstract: 'Secret **plans**, with <b>tags</b>.' },
        headers: { 'if-match': `"${current.version}"` },
      }),
      200,
    );
    const publicFile = parseCalendar((await send({ url: `/api/events/${A}/calendar.ics` })).body);
    expect(byUid(publicFile.events, target).description).not.toContain('Secret');
    const anonymous = parseCalendar(
      (await send({ url: `/api/events/${A}/sessions/${target}/calendar.ics` })).body,
    );
    expect(anonymous.events).toHaveLength(1);
    expect(anonymous.events[0]?.description).not.toContain('Secret');
    const asAttendee = await send({
      url: `/api/events/${A}/sessions/${target}/calendar.ics`,
      cookie: attendee,
    });
    expect(asAttendee.headers['cache-control']).toContain('private');
    expect(parseCalendar(asAttendee.body).events[0]?.description).toContain(
      'Secret plans, with <b>tags</b>.',
    );
  });

  it('answers 404 for drafts, unknown sessions and events', async () => {
    expectStatus(await send({ url: `/api/events/${DRAFT}/calendar.ics` }), 404);
    expectStatus(await send({ url: `/api/events/${DRAFT}/calendar.ics`, cookie: attendee }), 404);
    expectStatus(await send({ url: `/api/events/${DRAFT}/calendar.ics`, cookie: admin }), 200);
    expectStatus(await send({ url: `/api/events/nope/calendar.ics` }), 404);
    expectStatus(
      await send({ url: `/api/events/${A}/sessions/5e0c2021-0000-4000-8000-00000000dead/calendar.ics` }),
      404,
    );
  });
});

describe('The private agenda feed', () => {
  it("serves only its owner's stars; SEQUENCE goes up after a move; cancelled is STATUS:CANCELLED", async () => {
    expectStatus(
      await send({ method: 'PUT', url: `/api/events/${A}/sessions/${SECOND}/star`, cookie: attendee }),
      200,
    );
    expectStatus(
      await send({ method: 'PUT', url: `/api/events/${A}/sessions/${THIRD}/star`, cookie: other }),
      200,
    );
    const mine = await feedUrl(attendee);
    const theirs = await feedUrl(other);

    const feed = await send({ url: mine });
    expectStatus(feed, 200);
    expect(feed.headers['content-type']).toBe('text/calendar; charset=utf-8');
    expect(feed.headers['cache-control']).toBe('private, no-cache');
    const first = parseCalendar(feed.body).events;
    expect(first.map((event) => event.uid.split('@')[0]).sort()).toEqual([OPENING, SECOND].sort());
    const theirEvents = parseCalendar((await send({ url: theirs })).body).events;
    expect(theirEvents.map((event) => event.uid.split('@')[0])).toEqual([THIRD]);

    // The organiser moves a starred session by 30 minutes.
    const opening = byUid(first, OPENING);
    await moveSession(OPENING, '2021-10-19T10:00', '2021-10-19T11:15');
    const moved = byUid(
      parseCalendar((await send({ url: mine, headers: { 'if-none-match': String(feed.headers.etag) } })).body)
        .events,
      OPENING,
    );
    expect(moved.sequence).toBe(opening.sequence + 1);
    expect(moved.start).toBe('2021-10-19T08:00:00.000Z');

    expectStatus(
      await send({
        method: 'POST',
        url: `/api/events/${A}/programme/sessions/${SECOND}/cancel`,
        cookie: organiser,
      }),
      200,
    );
    const cancelled = byUid(parseCalendar((await send({ url: mine })).body).events, SECOND);
    expect(cancelled.status).toBe('CANCELLED');
    expect(cancelled.sequence).toBeGreaterThan(0);
  });

  it('stops answering an address once replaced or turned off', async () => {
    const old = await feedUrl(attendee);
    expectStatus(await send({ url: old }), 200);
    const replacement = await feedUrl(attendee);
    expect(replacement).not.toBe(old);
    const refused = await send({ url: old });
    expectStatus(refused, 404);
    expect(errorCode(refused)).toBe('core/not-found');
    expectStatus(await send({ url: replacement }), 200);
    const agenda = myAgendaSchema.parse(
      (await send({ url: `/api/events/${A}/my/agenda`, cookie: attendee })).json(),
    );
    expect(agenda.feed).not.toBeNull();
    expectStatus(
      await send({ method: 'DELETE', url: `/api/events/${A}/my/agenda/feed`, cookie: attendee }),
      204,
    );
    expectStatus(await send({ url: replacement }), 404);
    // The token is kept hashed only.
    const [row] = await api.dataSource.query<Array<{ n: number }>>(
      `SELECT count(*)::int AS n FROM agenda_feeds WHERE encode(token_hash, 'escape') LIKE $1`,
      [`%${replacement.split('/').pop()?.replace('.ics', '')}%`],
    );
    expect(row?.n).toBe(0);
    expectStatus(await send({ url: '/api/calendar/agenda/not-a-token.ics' }), 400);
  });

  it('rate-limits the feed per address, guesses included', async () => {
    const guess = `/api/calendar/agenda/${'A'.repeat(43)}.ics`;
    const statuses = new Set<number>();
    let last = 0;
    for (let i = 0; i < 130 && last !== 429; i += 1) {
      last = (await api.request({ url: guess, ip: '10.250.250.250' })).statusCode;
      statuses.add(last);
    }
    expect([...statuses]).toEqual([404, 429]);
    // Even a valid address waits now.
    const url = await feedUrl(other);
    expectStatus(await api.request({ url, ip: '10.250.250.250' }), 429);
    expectStatus(await api.request({ url, ip: '10.250.250.251' }), 200);
  }, 30_000);
});
