import {
  DOMAIN_EVENTS_CHANNEL,
  domainEventSchema,
  managedSessionSchema,
  sessionSchema,
  type DomainEvent,
  type ManagedSession,
} from '@plenary/contracts';
import {
  EngagementRepository,
  EngagementSessionClosing,
  SessionChanges,
  type EngagementBroadcaster,
} from '@plenary/server-engagement';
import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { LIVEKIT_TEST_KEY, LIVEKIT_TEST_SECRET, startFakeLiveKit, type FakeLiveKit } from './fake-livekit';
import { REFERENCE_EVENT, REFERENCE_SESSIONS } from '@plenary/server-programme';
import type { LightMyRequestResponse } from 'fastify';
import { freshIp, signInAs, startTestApi, type TestApi } from './test-api';

// Issue #12, "Changes reach people": what a published change does besides the live push (apps/live's
// programme-updates.int-spec): the "changed" badge's data.

let api: TestApi;
let livekit: FakeLiveKit;
let organiser: string;
const slug = REFERENCE_EVENT.slug;
const manageUrl = (sessionId: string) => `/api/events/${slug}/programme/sessions/${sessionId}`;

function expectStatus(response: LightMyRequestResponse, status: number): void {
  if (response.statusCode !== status)
    throw new Error(`expected ${status}, got ${response.statusCode}: ${response.body.slice(0, 500)}`);
}

async function managed(sessionId: string): Promise<ManagedSession> {
  const response = await api.request({ url: manageUrl(sessionId), cookie: organiser, ip: freshIp() });
  expectStatus(response, 200);
  return managedSessionSchema.parse(response.json());
}

/** The organiser's PATCH of a session, with the current version. */
async function patch(sessionId: string, payload: Record<string, unknown>): Promise<ManagedSession> {
  const current = await managed(sessionId);
  const response = await api.request({
    method: 'PATCH',
    url: manageUrl(sessionId),
    cookie: organiser,
    payload,
    headers: { 'if-match': `"${current.version}"` },
    ip: freshIp(),
  });
  expectStatus(response, 200);
  return managedSessionSchema.parse(response.json<{ session: unknown }>().session);
}

/** The public view of a session, as an anonymous visitor reads it. */
async function publicSession(sessionId: string) {
  const response = await api.request({ url: `/api/events/${slug}/sessions/${sessionId}`, ip: freshIp() });
  expectStatus(response, 200);
  return sessionSchema.parse(response.json());
}

async function newRoom(name: string): Promise<string> {
  const response = await api.request({
    method: 'POST',
    url: `/api/events/${slug}/programme/rooms`,
    cookie: organiser,
    payload: { name },
    ip: freshIp(),
  });
  expectStatus(response, 201);
  return response.json<{ id: string }>().id;
}

beforeAll(async () => {
  livekit = await startFakeLiveKit();
  api = await startTestApi({
    LIVEKIT_URL: livekit.url,
    LIVEKIT_API_KEY: LIVEKIT_TEST_KEY,
    LIVEKIT_API_SECRET: LIVEKIT_TEST_SECRET,
  });
  organiser = await signInAs(api, 'organiser@plenary.test');
}, 60_000);

afterAll(async () => {
  await api.close();
  await livekit.close();
});

describe('The "changed" badge of a moved session', () => {
  it('keeps what a published session was before it moved, through further moves, until it is moved back', async () => {
    const session = REFERENCE_SESSIONS[0];
    if (!session) throw new Error('no reference session');
    const before = await publicSession(session.id);
    expect(before.change).toBeNull();
    expect([before.startsLocal, before.room]).toEqual(['2021-10-19T09:30', 'Plenary hall']);

    const breakout = await newRoom('Breakout A');
    const moved = await patch(session.id, { startsLocal: '2021-10-19T11:00', endsLocal: '2021-10-19T12:15' });
    expect(moved.change).toEqual({
      previousStartsAt: '2021-10-19T07:30:00.000Z',
      previousStartsLocal: '2021-10-19T09:30',
      previousRoom: 'Plenary hall',
      previousRoomId: before.roomId,
      timeChanged: true,
      roomChanged: false,
      changedAt: expect.any(String),
    });

    // A second move keeps what people knew (09:30, Plenary hall); the room moved too now.
    await patch(session.id, { roomId: breakout });
    const twice = await publicSession(session.id);
    expect([twice.startsLocal, twice.room]).toEqual(['2021-10-19T11:00', 'Breakout A']);
    expect(twice.change).toMatchObject({
      previousStartsLocal: '2021-10-19T09:30',
      previousRoom: 'Plenary hall',
      timeChanged: true,
      roomChanged: true,
    });
    // The event page (one cached rendering per programme version) says the same.
    const page = await api.request({ url: `/api/events/${slug}`, ip: freshIp() });
    const listed = page
      .json<{ days: Array<{ sessions: Array<{ id: string; change: unknown }> }> }>()
      .days.flatMap((day) => day.sessions)
      .find((candidate) => candidate.id === session.id);
    expect(listed?.change).toEqual(twice.change);

    // A title change is not a move: the badge stays as it was.
    await patch(session.id, { title: 'Opening session, retitled' });
    expect((await publicSession(session.id)).change).toEqual(twice.change);

    // Back where it was: nothing changed for anyone.
    await patch(session.id, {
      startsLocal: '2021-10-19T09:30',
      endsLocal: '2021-10-19T10:45',
      roomId: before.roomId,
    });
    expect((await publicSession(session.id)).change).toBeNull();
  });

  it('records nothing while the event is a draft (nobody knew the old time)', async () => {
    const created = await api.request({
      method: 'POST',
      url: '/api/events',
      cookie: await signInAs(api, 'admin@plenary.test'),
      payload: {
        slug: 'draft-moves',
        name: 'Draft moves',
        startDate: '2030-05-01',
        endDate: '2030-05-02',
        timeZone: 'Europe/Vienna',
      },
      ip: freshIp(),
    });
    expectStatus(created, 201);
    const admin = await signInAs(api, 'admin@plenary.test');
    const session = await api.request({
      method: 'POST',
      url: '/api/events/draft-moves/programme/sessions',
      cookie: admin,
      payload: { title: 'Draft talk', startsLocal: '2030-05-01T09:30', endsLocal: '2030-05-01T10:00' },
      ip: freshIp(),
    });
    expectStatus(session, 201);
    const id = session.json<{ session: ManagedSession }>().session.id;
    const moved = await api.request({
      method: 'PATCH',
      url: `/api/events/draft-moves/programme/sessions/${id}`,
      cookie: admin,
      payload: { startsLocal: '2030-05-01T11:00', endsLocal: '2030-05-01T11:30' },
      headers: { 'if-match': '"1"' },
      ip: freshIp(),
    });
    expectStatus(moved, 200);
    expect(moved.json<{ session: ManagedSession }>().session.change).toBeNull();
  });
});

describe('A cancelled session', () => {
  it('closes its open polls and Q&A, ends its stage, tells the live nodes, and shows "cancelled"', async () => {
    const session = REFERENCE_SESSIONS[3];
    if (!session) throw new Error('no reference session');
    const q = (sql: string, values: unknown[] = []) => api.dataSource.query(sql, values);
    const openPoll = randomUUID();
    const draftPoll = randomUUID();
    const person = randomUUID();
    await q(`INSERT INTO session_engagement (session_id, seq) VALUES ($1, 5)`, [session.id]);
    for (const [id, state] of [
      [openPoll, 'open'],
      [draftPoll, 'draft'],
    ])
      await q(
        `INSERT INTO polls (id, session_id, question, kind, options, state, created_by)
         VALUES ($1, $2, 'Useful?', 'single', '[{"id":"o1","label":"Yes"},{"id":"o2","label":"No"}]', $3, $4)`,
        [id, session.id, state, person],
      );
    await q(`UPDATE sessions SET state = 'live' WHERE id = $1`, [session.id]);

    const heard: DomainEvent[] = [];
    const listener = new Client({ connectionString: (api.dataSource.options as { url?: string }).url });
    await listener.connect();
    listener.on('notification', (message) => {
      const parsed = domainEventSchema.safeParse(JSON.parse(message.payload ?? '{}'));
      if (parsed.success) heard.push(parsed.data);
    });
    await listener.query(`LISTEN ${DOMAIN_EVENTS_CHANNEL}`);
    livekit.reset();
    try {
      const cancelled = await api.request({
        method: 'POST',
        url: `${manageUrl(session.id)}/cancel`,
        cookie: organiser,
        ip: freshIp(),
      });
      expectStatus(cancelled, 200);

      const polls = await q(`SELECT id, state FROM polls WHERE session_id = $1 ORDER BY state`, [session.id]);
      expect(polls).toEqual(
        expect.arrayContaining([
          { id: openPoll, state: 'closed' },
          { id: draftPoll, state: 'draft' },
        ]),
      );
      const [engagement] = await q(`SELECT seq::int AS seq FROM session_engagement WHERE session_id = $1`, [
        session.id,
      ]);
      expect(engagement).toEqual({ seq: 6 });
      const [row] = await q(`SELECT state, cancelled FROM sessions WHERE id = $1`, [session.id]);
      expect(row).toEqual({ state: 'ended', cancelled: true });
      expect(livekit.calls.map((call) => call.path)).toEqual([
        '/twirp/livekit.RoomService/DeleteRoom',
        '/twirp/livekit.RoomService/DeleteRoom',
      ]);
      await eventuallyTrue(() => heard.some((event) => event.type === 'programme.changed'));
      expect(heard.map((event) => event.type)).toEqual(
        expect.arrayContaining(['engagement.session-closed', 'media.stage-changed', 'programme.changed']),
      );
      expect(heard.find((event) => event.type === 'media.stage-changed')).toMatchObject({
        sessionId: session.id,
        stage: { state: 'ended' },
      });
      expect((await publicSession(session.id)).cancelled).toBe(true);

      // Q&A and polls take nothing more: every write goes through SessionChanges, which refuses under its lock.
      const changes = new SessionChanges(
        new EngagementRepository(api.dataSource),
        {} as EngagementBroadcaster, // nothing is published: the write is refused first
      );
      await expect(
        changes.run(session.id, async () => ({ result: null, changes: [] })),
      ).rejects.toMatchObject({ code: 'engagement/session-cancelled' });
      expect(api.app.get(EngagementSessionClosing, { strict: false })).toBeDefined();
    } finally {
      await listener.end();
    }
  });

  it('rolls the closing back with the cancel when the cancel fails (an unknown session of this event)', async () => {
    const response = await api.request({
      method: 'POST',
      url: `${manageUrl(randomUUID())}/cancel`,
      cookie: organiser,
      ip: freshIp(),
    });
    expect(response.statusCode).toBe(404);
  });
});

async function eventuallyTrue(check: () => boolean, timeoutMs = 2000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 25)); // polling interval
  }
}
