import {
  DOMAIN_EVENTS_CHANNEL,
  errorEnvelopeSchema,
  handEntrySchema,
  handQueueSchema,
  mediaBanListSchema,
  mediaTokenResponseSchema,
  myHandSchema,
  stageStateSchema,
  type DomainEvent,
  type RegistrationStatus,
  type Role,
  type SessionState,
} from '@plenary/contracts';
import { DEMO_PEOPLE, RoleService, SessionService } from '@plenary/server-access';
import { DomainEventListener } from '@plenary/server-core';
import { notificationFence } from '@plenary/server-core/testing';
import { MediaIdentityService } from '@plenary/server-media';
import { REFERENCE_EVENT } from '@plenary/server-programme';
import { TokenVerifier, type ClaimGrants } from 'livekit-server-sdk';
import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import {
  LIVEKIT_TEST_KEY,
  LIVEKIT_TEST_SECRET,
  notFound,
  startFakeLiveKit,
  unavailable,
  type FakeLiveKit,
} from './fake-livekit';
import { eventually, startTestApi, type TestApi } from './test-api';

let api: TestApi;
let livekit: FakeLiveKit;
const verifier = new TokenVerifier(LIVEKIT_TEST_KEY, LIVEKIT_TEST_SECRET);
const SLUG = REFERENCE_EVENT.slug;
const OTHER_EVENT = { id: randomUUID(), slug: 'other-2099' };

interface Person {
  id: string;
  name: string;
  email: string;
  cookie: string;
}

const demo = (email: string): string => {
  const found = DEMO_PEOPLE.find((p) => p.email === email);
  if (!found) throw new Error(email);
  return found.id;
};

async function signedIn(personId: string): Promise<string> {
  const { token } = await api.app.get(SessionService).create(personId);
  return `plenary_session=${token}`;
}

/** A person with roles and/or a registration in the reference event (or `eventId`), signed in. */
async function person(
  options: { roles?: Role[]; registration?: RegistrationStatus; eventId?: string; name?: string } = {},
): Promise<Person> {
  const id = randomUUID();
  const name = options.name ?? `Ada ${id.slice(0, 4)} Lovelace`;
  const email = `ada.${id.slice(0, 8)}@example.org`;
  const eventId = options.eventId ?? REFERENCE_EVENT.id;
  // One transaction: the retention job at start removes people who have neither a role nor a registration.
  await api.dataSource.transaction(async (manager) => {
    await manager.query('INSERT INTO people (id, email, name) VALUES ($1, $2, $3)', [id, email, name]);
    for (const role of options.roles ?? []) {
      await manager.query('INSERT INTO event_roles (event_id, person_id, role) VALUES ($1, $2, $3)', [
        eventId,
        id,
        role,
      ]);
    }
    if (options.registration) {
      await manager.query(
        `INSERT INTO registrations (id, event_id, person_id, organisation, job_title, country, attendance, status, privacy_accepted_at)
         VALUES ($1, $2, $3, 'Analytical Engines', 'Engineer', 'GB', 'remote', $4, now())`,
        [randomUUID(), eventId, id, options.registration],
      );
    }
  });
  return { id, name, email, cookie: await signedIn(id) };
}

/** A new session of the reference event (or `eventId`) in the given state. */
async function session(
  state: SessionState,
  options: { confidential?: boolean; eventId?: string } = {},
): Promise<string> {
  const id = randomUUID();
  await api.dataSource.query(
    `INSERT INTO sessions (id, event_id, kind, title, starts_at, ends_at, state, confidential)
     VALUES ($1, $2, 'panel', 'Test panel', now(), now() + interval '1 hour', $3, $4)`,
    [id, options.eventId ?? REFERENCE_EVENT.id, state, options.confidential ?? false],
  );
  return id;
}

function requestToken(cookie: string | undefined, sessionId: string, payload: object = {}, slug = SLUG) {
  return api.request({
    method: 'POST',
    url: `/api/events/${slug}/sessions/${sessionId}/media-token`,
    payload,
    ...(cookie ? { cookie } : {}),
  });
}

async function tokenClaims(cookie: string, sessionId: string, payload: object = {}): Promise<ClaimGrants> {
  const response = await requestToken(cookie, sessionId, payload);
  expect(response.statusCode).toBe(201);
  const body = mediaTokenResponseSchema.parse(response.json());
  expect(body.server_url).toBe(livekit.url);
  return verifier.verify(body.participant_token);
}

async function errorCode(response: { statusCode: number; json: () => unknown }): Promise<[number, string]> {
  return [response.statusCode, errorEnvelopeSchema.parse(response.json()).error.code];
}

function stage(cookie: string, sessionId: string, action: string, payload?: object, method = 'POST') {
  return api.request({
    method: method as 'POST',
    url: `/api/events/${SLUG}/sessions/${sessionId}/stage/${action}`,
    cookie,
    ...(payload ? { payload } : {}),
  });
}

const identityOf = (personId: string, eventId = REFERENCE_EVENT.id): string =>
  api.app.get(MediaIdentityService).identityOf(eventId, personId);

beforeAll(async () => {
  livekit = await startFakeLiveKit();
  api = await startTestApi({
    LIVEKIT_URL: livekit.url,
    LIVEKIT_API_KEY: LIVEKIT_TEST_KEY,
    LIVEKIT_API_SECRET: LIVEKIT_TEST_SECRET,
    LIVEKIT_EGRESS: 'true',
  });
  await api.dataSource.query(
    `INSERT INTO events (id, slug, name, time_zone, start_date, end_date, venue_name, venue_city, venue_country, organiser_name)
     VALUES ($1, $2, 'Other event', 'Europe/Vienna', '2099-01-01', '2099-01-02', 'Hall', 'Vienna', 'Austria', 'Org')`,
    [OTHER_EVENT.id, OTHER_EVENT.slug],
  );
});

afterAll(async () => {
  await api.close();
  await livekit.close();
});

beforeEach(() => livekit.reset());

describe('Media tokens', () => {
  const ALL_FLAGS = {
    roomJoin: true,
    roomAdmin: false,
    canSubscribe: true,
    canPublish: false,
    canPublishData: false,
    canUpdateOwnMetadata: false,
    hidden: false,
    recorder: false,
  };
  const SPEAKER_SOURCES = ['camera', 'microphone', 'screen_share', 'screen_share_audio'];

  it.each<[string, () => Promise<Person>, Record<string, unknown>, string]>([
    ['an approved attendee', () => person({ registration: 'approved' }), {}, 'attendee'],
    [
      'a speaker',
      () => person({ roles: ['speaker'] }),
      { canPublish: true, canPublishSources: SPEAKER_SOURCES },
      'speaker',
    ],
    [
      'a moderator',
      () => person({ roles: ['moderator'] }),
      { roomAdmin: true, canPublish: true, canPublishSources: SPEAKER_SOURCES },
      'moderator',
    ],
    [
      'an organiser (as moderator)',
      () => person({ roles: ['organiser', 'staff'] }),
      { roomAdmin: true, canPublish: true, canPublishSources: SPEAKER_SOURCES },
      'moderator',
    ],
    ['staff (hidden, subscribe only)', () => person({ roles: ['staff'] }), { hidden: true }, 'staff'],
  ])('grants %s exactly the expected flags for the live room', async (_label, make, overrides, role) => {
    const sessionId = await session('live');
    const who = await make();
    const claims = await tokenClaims(who.cookie, sessionId);
    expect(claims.video).toEqual({ ...ALL_FLAGS, room: sessionId, ...overrides });
    // Every false value is present, not merely absent.
    for (const [flag, value] of Object.entries({ ...ALL_FLAGS, ...overrides })) {
      if (value === false) expect(claims.video).toHaveProperty(flag, false);
    }
    expect(claims.exp! - claims.nbf!).toBeLessThanOrEqual(600);
    expect(claims.exp! - claims.nbf!).toBeGreaterThan(0);
    expect(claims.sub).toMatch(/^p[A-Za-z0-9_-]{22}$/);
    for (const secret of [who.email, who.email.split('@')[0]!, who.name, who.name.split(' ')[0]!, who.id]) {
      expect(claims.sub).not.toContain(secret);
    }
    expect(claims.name).toBe(who.name);
    expect(JSON.parse(claims.metadata ?? '')).toEqual({ role, onStage: false });
    expect(claims.iss).toBe(LIVEKIT_TEST_KEY);
  });

  it('gives a person one stable identity per event, different across events', async () => {
    const sessionId = await session('live');
    const otherSession = await session('live', { eventId: OTHER_EVENT.id });
    const who = await person({ registration: 'approved' });
    await api.dataSource.query(
      `INSERT INTO registrations (id, event_id, person_id, organisation, job_title, country, attendance, status, privacy_accepted_at)
       VALUES ($1, $2, $3, 'A', 'B', 'GB', 'remote', 'approved', now())`,
      [randomUUID(), OTHER_EVENT.id, who.id],
    );
    const first = await tokenClaims(who.cookie, sessionId);
    const second = await tokenClaims(who.cookie, sessionId);
    expect(second.sub).toBe(first.sub);
    const response = await requestToken(who.cookie, otherSession, {}, OTHER_EVENT.slug);
    expect(response.statusCode).toBe(201);
    const other = await verifier.verify(mediaTokenResponseSchema.parse(response.json()).participant_token);
    expect(other.sub).not.toBe(first.sub);
    expect(other.video?.room).toBe(otherSession);
  });

  it('opens the backstage to moderators while scheduled, and to speakers once the moderator opened it', async () => {
    const sessionId = await session('scheduled');
    const speaker = await person({ roles: ['speaker'] });
    const attendee = await person({ registration: 'approved' });
    const moderator = await person({ roles: ['moderator'] });
    const backstage = `${sessionId}.backstage`;

    expect(await errorCode(await requestToken(speaker.cookie, sessionId, { room: 'backstage' }))).toEqual([
      403,
      'media/session-not-open',
    ]);
    const moderatorClaims = await tokenClaims(moderator.cookie, sessionId, { room: 'backstage' });
    expect(moderatorClaims.video).toMatchObject({ room: backstage, roomAdmin: true, canPublish: true });

    const opened = await stage(moderator.cookie, sessionId, 'backstage');
    expect(stageStateSchema.parse(opened.json())).toMatchObject({ state: 'scheduled', backstageOpen: true });
    const speakerClaims = await tokenClaims(speaker.cookie, sessionId, { room: 'backstage' });
    expect(speakerClaims.video).toMatchObject({ room: backstage, roomAdmin: false, canPublish: true });

    for (const room of ['main', 'backstage']) {
      expect(await errorCode(await requestToken(attendee.cookie, sessionId, { room }))).toEqual([
        403,
        'media/session-not-open',
      ]);
    }
    expect(await errorCode(await requestToken(speaker.cookie, sessionId, { room: 'main' }))).toEqual([
      403,
      'media/session-not-open',
    ]);
  });

  it('refuses: 401 when not signed in, 403 when not approved, of another event, banned, or the session is not open', async () => {
    const live = await session('live');
    const scheduled = await session('scheduled');
    const ended = await session('ended');
    const pending = await person({ registration: 'pending' });
    const otherEventOnly = await person({ registration: 'approved', eventId: OTHER_EVENT.id });
    const attendee = await person({ registration: 'approved' });
    const banned = await person({ registration: 'approved' });
    await api.dataSource.query('INSERT INTO media_bans (event_id, person_id) VALUES ($1, $2)', [
      REFERENCE_EVENT.id,
      banned.id,
    ]);

    expect(await errorCode(await requestToken(undefined, live))).toEqual([401, 'identity/unauthenticated']);
    expect(await errorCode(await requestToken('plenary_session=' + 'x'.repeat(43), live))).toEqual([
      401,
      'identity/unauthenticated',
    ]);
    expect(await errorCode(await requestToken(pending.cookie, live))).toEqual([403, 'media/not-approved']);
    expect(await errorCode(await requestToken(otherEventOnly.cookie, live))).toEqual([
      403,
      'media/not-approved',
    ]);
    expect(await errorCode(await requestToken(banned.cookie, live))).toEqual([403, 'media/banned']);
    expect(await errorCode(await requestToken(attendee.cookie, scheduled))).toEqual([
      403,
      'media/session-not-open',
    ]);
    expect(await errorCode(await requestToken(attendee.cookie, ended))).toEqual([
      403,
      'media/session-not-open',
    ]);
    const moderator = await person({ roles: ['moderator'] });
    expect(await errorCode(await requestToken(moderator.cookie, ended, { room: 'backstage' }))).toEqual([
      403,
      'media/session-not-open',
    ]);
    // A session of another event, asked for through this event's slug, does not exist here.
    const foreign = await session('live', { eventId: OTHER_EVENT.id });
    expect(await errorCode(await requestToken(attendee.cookie, foreign))).toEqual([
      404,
      'programme/session-not-found',
    ]);
    expect(await errorCode(await requestToken(attendee.cookie, live, {}, 'no-such-event'))).toEqual([
      404,
      'programme/event-not-found',
    ]);
    expect(await errorCode(await requestToken(attendee.cookie, live, { room: 'green' }))).toEqual([
      400,
      'core/validation-failed',
    ]);
  });

  it('requires the CSRF header like every state-changing request', async () => {
    const live = await session('live');
    const attendee = await person({ registration: 'approved' });
    const response = await requestToken(attendee.cookie, live);
    expect(response.statusCode).toBe(201);
    expect(response.headers['cache-control']).toBe('no-store');
    const forged = await api.request({
      method: 'POST',
      url: `/api/events/${SLUG}/sessions/${live}/media-token`,
      payload: {},
      cookie: attendee.cookie,
      headers: { origin: 'https://evil.example' },
    });
    expect(await errorCode(forged)).toEqual([403, 'identity/forbidden-origin']);
  });

  it('limits tokens per person (30 a minute)', async () => {
    const live = await session('live');
    const attendee = await person({ registration: 'approved' });
    const statuses: number[] = [];
    for (let i = 0; i < 31; i++) statuses.push((await requestToken(attendee.cookie, live)).statusCode);
    expect(statuses.slice(0, 30).every((status) => status === 201)).toBe(true);
    expect(statuses[30]).toBe(429);
    const other = await person({ registration: 'approved' });
    expect((await requestToken(other.cookie, live)).statusCode).toBe(201);
  });
});

describe('Stage management', () => {
  let moderator: Person;

  beforeAll(async () => {
    moderator = await person({ roles: ['moderator'], name: 'Mona Moderator' });
  });

  const audit = async (targetId: string): Promise<string[]> =>
    (
      await api.dataSource.query<Array<{ action: string }>>(
        'SELECT action FROM audit_log WHERE target_id = $1 ORDER BY created_at, action',
        [targetId],
      )
    ).map((row) => row.action);

  it('goes from scheduled to live to ended; ending closes both rooms in LiveKit', async () => {
    const sessionId = await session('scheduled');
    const attendee = await person({ registration: 'approved' });
    expect(stageStateSchema.parse((await stage(moderator.cookie, sessionId, 'backstage')).json())).toEqual({
      sessionId,
      state: 'scheduled',
      backstageOpen: true,
      recording: false,
      recordingAvailable: true,
      confidential: false,
    });
    const live = await stage(moderator.cookie, sessionId, 'live');
    expect(stageStateSchema.parse(live.json()).state).toBe('live');
    expect((await stage(moderator.cookie, sessionId, 'live')).statusCode).toBe(200);
    expect((await requestToken(attendee.cookie, sessionId)).statusCode).toBe(201);
    const programme = await api.request({ url: `/api/events/${SLUG}/sessions/${sessionId}` });
    expect(programme.json()).toMatchObject({ state: 'live' });

    const ended = await stage(moderator.cookie, sessionId, 'end');
    expect(stageStateSchema.parse(ended.json()).state).toBe('ended');
    expect(livekit.calls.map((call) => [call.path, call.body['room']])).toEqual([
      ['/twirp/livekit.RoomService/DeleteRoom', sessionId],
      ['/twirp/livekit.RoomService/DeleteRoom', `${sessionId}.backstage`],
    ]);
    expect(await errorCode(await requestToken(attendee.cookie, sessionId))).toEqual([
      403,
      'media/session-not-open',
    ]);
    expect(await errorCode(await stage(moderator.cookie, sessionId, 'live'))).toEqual([
      409,
      'media/invalid-transition',
    ]);
    expect(await audit(sessionId)).toEqual(['media.backstage.open', 'media.live', 'media.end']);
  });

  it('reports a LiveKit outage when ending, after retrying, with the state already ended', async () => {
    const sessionId = await session('live');
    livekit.respond(() => unavailable);
    const response = await stage(moderator.cookie, sessionId, 'end');
    expect(response.statusCode).toBe(502);
    const error = errorEnvelopeSchema.parse(response.json()).error;
    expect(error.code).toBe('media/livekit-unavailable');
    expect(error.details).toMatchObject({ operation: 'DeleteRoom', attempts: 3, state: 'ended' });
    expect(livekit.calls).toHaveLength(3);
    livekit.reset();
    expect((await stage(moderator.cookie, sessionId, 'end')).statusCode).toBe(200);
    expect(livekit.calls).toHaveLength(2);
  });

  it('raise hand → queue → invite → accept grants publish through UpdateParticipant; demote revokes it', async () => {
    const sessionId = await session('live');
    const attendee = await person({ registration: 'approved', name: 'Quentin Question' });
    const identity = identityOf(attendee.id);
    const hand = (method: 'GET' | 'POST' | 'DELETE', action = 'hand') =>
      api.request({
        method,
        url: `/api/events/${SLUG}/sessions/${sessionId}/stage/${action}`,
        cookie: attendee.cookie,
      });

    expect(myHandSchema.parse((await hand('GET')).json())).toEqual({ status: 'none' });
    expect(myHandSchema.parse((await hand('POST')).json())).toEqual({ status: 'raised' });
    expect(myHandSchema.parse((await hand('POST')).json())).toEqual({ status: 'raised' });
    const queue = handQueueSchema.parse(
      (await stage(moderator.cookie, sessionId, 'hands', undefined, 'GET')).json(),
    );
    expect(queue.hands).toEqual([
      { identity, name: 'Quentin Question', status: 'raised', raisedAt: expect.any(String) },
    ]);
    expect(await errorCode(await hand('POST', 'hand/accept'))).toEqual([409, 'media/not-invited']);

    const invited = await stage(moderator.cookie, sessionId, 'invitations', { identity });
    expect(handEntrySchema.parse(invited.json())).toMatchObject({ identity, status: 'invited' });
    expect(livekit.calls).toEqual([]);

    const accepted = await hand('POST', 'hand/accept');
    expect(myHandSchema.parse(accepted.json())).toEqual({ status: 'on_stage' });
    expect(livekit.calls).toHaveLength(1);
    const [update] = livekit.calls;
    expect(update?.path).toBe('/twirp/livekit.RoomService/UpdateParticipant');
    expect(update?.body).toEqual({
      room: sessionId,
      identity,
      metadata: JSON.stringify({ role: 'attendee', onStage: true }),
      permission: { canSubscribe: true, canPublish: true, canPublishSources: ['CAMERA', 'MICROPHONE'] },
    });
    expect(update?.claims?.video).toEqual({ roomAdmin: true, room: sessionId });

    // A token fetched again (reconnecting) keeps the stage grant.
    const onStage = await tokenClaims(attendee.cookie, sessionId);
    expect(onStage.video).toMatchObject({ canPublish: true, canPublishSources: ['camera', 'microphone'] });
    expect(JSON.parse(onStage.metadata ?? '')).toEqual({ role: 'attendee', onStage: true });

    livekit.reset();
    expect((await stage(moderator.cookie, sessionId, 'demote', { identity })).statusCode).toBe(204);
    const [demote] = livekit.calls;
    expect(demote?.path).toBe('/twirp/livekit.RoomService/UpdateParticipant');
    expect(demote?.body).toEqual({
      room: sessionId,
      identity,
      metadata: JSON.stringify({ role: 'attendee', onStage: false }),
      permission: { canSubscribe: true },
    });
    expect(demote?.claims?.video).toEqual({ roomAdmin: true, room: sessionId });
    expect(myHandSchema.parse((await hand('GET')).json())).toEqual({ status: 'none' });
    expect((await tokenClaims(attendee.cookie, sessionId)).video).toMatchObject({ canPublish: false });
    expect(await audit(attendee.id)).toEqual(['media.invite', 'media.demote']);
  });

  it('mutes a track and removes a participant with room-admin calls', async () => {
    const sessionId = await session('live');
    const speaker = await person({ roles: ['speaker'] });
    const identity = identityOf(speaker.id);
    const muted = await stage(moderator.cookie, sessionId, 'mute', { identity, trackSid: 'TR_camera1' });
    expect(muted.statusCode).toBe(204);
    const removed = await stage(moderator.cookie, sessionId, 'remove', { identity, room: 'backstage' });
    expect(removed.statusCode).toBe(204);
    expect(livekit.calls.map(({ path, body, claims }) => ({ path, body, video: claims?.video }))).toEqual([
      {
        path: '/twirp/livekit.RoomService/MutePublishedTrack',
        body: { room: sessionId, identity, trackSid: 'TR_camera1', muted: true },
        video: { roomAdmin: true, room: sessionId },
      },
      {
        path: '/twirp/livekit.RoomService/RemoveParticipant',
        body: { room: `${sessionId}.backstage`, identity },
        video: { roomAdmin: true, room: `${sessionId}.backstage` },
      },
    ]);
    expect(await audit(speaker.id)).toEqual(['media.mute', 'media.remove']);
  });

  it('retries a failing LiveKit, then reports media/livekit-unavailable and changes nothing', async () => {
    const sessionId = await session('live');
    const attendee = await person({ registration: 'approved' });
    const identity = identityOf(attendee.id);
    await api.request({
      method: 'POST',
      url: `/api/events/${SLUG}/sessions/${sessionId}/stage/hand`,
      cookie: attendee.cookie,
    });
    await stage(moderator.cookie, sessionId, 'invitations', { identity });
    livekit.respond(() => unavailable);
    const started = Date.now();
    const accept = await api.request({
      method: 'POST',
      url: `/api/events/${SLUG}/sessions/${sessionId}/stage/hand/accept`,
      cookie: attendee.cookie,
    });
    expect(await errorCode(accept)).toEqual([502, 'media/livekit-unavailable']);
    expect(livekit.calls).toHaveLength(3);
    expect(Date.now() - started).toBeGreaterThanOrEqual(150 + 300);
    expect(
      myHandSchema.parse(
        (
          await api.request({
            url: `/api/events/${SLUG}/sessions/${sessionId}/stage/hand`,
            cookie: attendee.cookie,
          })
        ).json(),
      ),
    ).toEqual({ status: 'invited' });

    livekit.reset();
    livekit.respond(() => unavailable);
    const mute = await stage(moderator.cookie, sessionId, 'mute', { identity, trackSid: 'TR_x' });
    expect(await errorCode(mute)).toEqual([502, 'media/livekit-unavailable']);
    expect(livekit.calls).toHaveLength(3);
    expect(await audit(attendee.id)).toEqual(['media.invite']);

    livekit.reset();
    livekit.respond(() => notFound);
    const gone = await stage(moderator.cookie, sessionId, 'remove', { identity });
    expect(await errorCode(gone)).toEqual([409, 'media/participant-not-connected']);
    expect(livekit.calls).toHaveLength(1);
  });

  it('bans: removes from both rooms, ends sign-in sessions, refuses new tokens and hands; unban restores', async () => {
    const sessionId = await session('live');
    const troll = await person({ registration: 'approved' });
    const identity = identityOf(troll.id);
    const response = await stage(moderator.cookie, sessionId, 'ban', { identity, reason: 'Abusive chat' });
    expect(response.statusCode).toBe(204);
    expect(livekit.calls.map((call) => [call.path, call.body['room'], call.body['identity']])).toEqual([
      ['/twirp/livekit.RoomService/RemoveParticipant', sessionId, identity],
      ['/twirp/livekit.RoomService/RemoveParticipant', `${sessionId}.backstage`, identity],
    ]);
    expect(await errorCode(await requestToken(troll.cookie, sessionId))).toEqual([
      401,
      'identity/unauthenticated',
    ]);
    const again = await signedIn(troll.id);
    expect(await errorCode(await requestToken(again, sessionId))).toEqual([403, 'media/banned']);
    const raise = await api.request({
      method: 'POST',
      url: `/api/events/${SLUG}/sessions/${sessionId}/stage/hand`,
      cookie: again,
    });
    expect(await errorCode(raise)).toEqual([403, 'media/banned']);

    const list = mediaBanListSchema.parse(
      (await api.request({ url: `/api/events/${SLUG}/media/bans`, cookie: moderator.cookie })).json(),
    );
    expect(list.bans).toContainEqual({
      identity,
      name: troll.name,
      sessionId,
      reason: 'Abusive chat',
      bannedAt: expect.any(String),
    });
    expect(await audit(troll.id)).toEqual(['media.ban']);

    const unban = await api.request({
      method: 'DELETE',
      url: `/api/events/${SLUG}/media/bans/${identity}`,
      cookie: moderator.cookie,
    });
    expect(unban.statusCode).toBe(204);
    expect((await requestToken(again, sessionId)).statusCode).toBe(201);
  });

  it('does not ban moderators or organisers', async () => {
    const sessionId = await session('live');
    const organiser = demo('organiser@plenary.test');
    const response = await stage(moderator.cookie, sessionId, 'ban', { identity: identityOf(organiser) });
    expect(await errorCode(response)).toEqual([409, 'media/protected-participant']);
    expect(livekit.calls).toEqual([]);
  });

  it('records with room-composite egress; confidential sessions refuse', async () => {
    const sessionId = await session('live');
    const started = await stage(moderator.cookie, sessionId, 'recording');
    expect(stageStateSchema.parse(started.json())).toMatchObject({
      recording: true,
      recordingAvailable: true,
    });
    expect(livekit.calls[0]?.path).toBe('/twirp/livekit.Egress/StartRoomCompositeEgress');
    expect(livekit.calls[0]?.body).toMatchObject({ roomName: sessionId, layout: 'speaker' });
    expect(livekit.calls[0]?.claims?.video).toEqual({ roomRecord: true });
    expect(await errorCode(await stage(moderator.cookie, sessionId, 'recording'))).toEqual([
      409,
      'media/invalid-transition',
    ]);
    const stopped = await stage(moderator.cookie, sessionId, 'recording', undefined, 'DELETE');
    expect(stageStateSchema.parse(stopped.json()).recording).toBe(false);
    expect(livekit.calls[1]).toMatchObject({
      path: '/twirp/livekit.Egress/StopEgress',
      body: { egressId: 'EG_fake0001' },
    });

    const confidential = await session('live', { confidential: true });
    livekit.reset();
    expect(await errorCode(await stage(moderator.cookie, confidential, 'recording'))).toEqual([
      409,
      'media/recording-refused',
    ]);
    expect(livekit.calls).toEqual([]);
    const state = await api.request({
      url: `/api/events/${SLUG}/sessions/${confidential}/stage`,
      cookie: moderator.cookie,
    });
    expect(stageStateSchema.parse(state.json())).toMatchObject({
      confidential: true,
      recordingAvailable: false,
    });
  });

  it('publishes stage and hand changes as domain events when they commit, and nothing for a no-op', async () => {
    const listener = new Client({ connectionString: (api.dataSource.options as { url: string }).url });
    await listener.connect();
    const events: DomainEvent[] = [];
    listener.on('notification', (message) => {
      if (message.channel === DOMAIN_EVENTS_CHANNEL)
        events.push(JSON.parse(message.payload ?? '') as DomainEvent);
    });
    await listener.query(`LISTEN ${DOMAIN_EVENTS_CHANNEL}`);
    try {
      const sessionId = await session('scheduled');
      const attendee = await person({ registration: 'approved' });
      const identity = identityOf(attendee.id);
      const hand = (method: 'POST' | 'DELETE', action = 'hand') =>
        api.request({
          method,
          url: `/api/events/${SLUG}/sessions/${sessionId}/stage/${action}`,
          cookie: attendee.cookie,
        });
      await stage(moderator.cookie, sessionId, 'backstage');
      await stage(moderator.cookie, sessionId, 'backstage');
      await stage(moderator.cookie, sessionId, 'live');
      await hand('POST');
      await hand('POST');
      await stage(moderator.cookie, sessionId, 'invitations', { identity });
      await hand('POST', 'hand/accept');
      await stage(moderator.cookie, sessionId, 'recording');
      await stage(moderator.cookie, sessionId, 'recording', undefined, 'DELETE');
      await stage(moderator.cookie, sessionId, 'demote', { identity });
      await hand('POST');
      await hand('DELETE');
      await hand('DELETE');
      await stage(moderator.cookie, sessionId, 'end');
      const ids = { eventId: REFERENCE_EVENT.id, sessionId };
      const stageOf = (state: SessionState, flags: { backstageOpen: boolean; recording: boolean }) => ({
        type: 'media.stage-changed',
        ...ids,
        stage: { sessionId, state, ...flags, recordingAvailable: true, confidential: false },
      });
      const handOf = (status: string) => ({
        type: 'media.hand-changed',
        ...ids,
        personId: attendee.id,
        status,
      });
      // Everything committed so far has arrived once the fence has: an event for a no-op would be in the list.
      await notificationFence(listener);
      expect(events).toEqual([
        stageOf('scheduled', { backstageOpen: true, recording: false }),
        stageOf('live', { backstageOpen: true, recording: false }),
        handOf('raised'),
        handOf('invited'),
        handOf('on_stage'),
        stageOf('live', { backstageOpen: true, recording: true }),
        stageOf('live', { backstageOpen: true, recording: false }),
        handOf('none'),
        handOf('raised'),
        handOf('none'),
        stageOf('ended', { backstageOpen: true, recording: false }),
      ]);
    } finally {
      await listener.end();
    }
  });

  it('keeps the stage controls to moderators and organisers', async () => {
    const sessionId = await session('live');
    const attendee = await person({ registration: 'approved' });
    const speaker = await person({ roles: ['speaker'] });
    const organiser = await signedIn(demo('organiser@plenary.test'));
    for (const cookie of [attendee.cookie, speaker.cookie]) {
      for (const action of ['backstage', 'live', 'end', 'recording']) {
        expect(await errorCode(await stage(cookie, sessionId, action))).toEqual([
          403,
          'identity/forbidden-role',
        ]);
      }
      expect(
        await errorCode(await stage(cookie, sessionId, 'ban', { identity: identityOf(attendee.id) })),
      ).toEqual([403, 'identity/forbidden-role']);
    }
    expect((await stage(organiser, sessionId, 'hands', undefined, 'GET')).statusCode).toBe(200);
    const anonymous = await api.request({
      method: 'POST',
      url: `/api/events/${SLUG}/sessions/${sessionId}/stage/live`,
    });
    expect(anonymous.statusCode).toBe(401);
    expect(
      await errorCode(
        await stage(moderator.cookie, sessionId, 'mute', { identity: 'EG_recorder', trackSid: 'x' }),
      ),
    ).toEqual([400, 'core/validation-failed']);
  });
});

describe('Access caches (ADR 0015)', () => {
  /** Sends a domain event as another api or live process would: NOTIFY from its own connection. */
  async function notifyFromElsewhere(event: DomainEvent): Promise<void> {
    const client = new Client({ connectionString: (api.dataSource.options as { url: string }).url });
    await client.connect();
    try {
      await client.query('SELECT pg_notify($1, $2)', [DOMAIN_EVENTS_CHANNEL, JSON.stringify(event)]);
    } finally {
      await client.end();
    }
  }

  const tokenStatus = async (cookie: string, sessionId: string): Promise<number> =>
    (await requestToken(cookie, sessionId)).statusCode;

  it('answers repeat requests from the cache until a domain event names the person', async () => {
    const sessionId = await session('live');
    const attendee = await person({ registration: 'approved' });
    expect(await tokenStatus(attendee.cookie, sessionId)).toBe(201);
    // Changed behind the platform's back (no event): the cached decision and sign-in still hold …
    await api.dataSource.query(`UPDATE registrations SET status = 'cancelled' WHERE person_id = $1`, [
      attendee.id,
    ]);
    await api.dataSource.query('UPDATE auth_sessions SET revoked_at = now() WHERE person_id = $1', [
      attendee.id,
    ]);
    expect(await tokenStatus(attendee.cookie, sessionId)).toBe(201);
    // … until the event arrives, as it would from another process.
    await notifyFromElsewhere({
      type: 'access.registration-changed',
      eventId: REFERENCE_EVENT.id,
      personId: attendee.id,
      status: 'cancelled',
    });
    await eventually(async () =>
      (await tokenStatus(attendee.cookie, sessionId)) === 401 ? true : undefined,
    );
    expect(await errorCode(await requestToken(attendee.cookie, sessionId))).toEqual([
      401,
      'identity/unauthenticated',
    ]);
  });

  it('applies a change this process makes on the very next request', async () => {
    const sessionId = await session('live');
    const moderator = await person({ roles: ['moderator'] });
    const attendee = await person({ registration: 'approved' });
    expect(await tokenStatus(attendee.cookie, sessionId)).toBe(201);

    // A role granted in a transaction: publishing on the next token.
    await api.dataSource.transaction((manager) =>
      api.app.get(RoleService).grant(manager, REFERENCE_EVENT.id, attendee.id, 'speaker', moderator.id),
    );
    expect((await tokenClaims(attendee.cookie, sessionId)).video?.canPublish).toBe(true);

    // The session ends: no more tokens for its room.
    expect((await stage(moderator.cookie, sessionId, 'end')).statusCode).toBe(200);
    expect((await errorCode(await requestToken(attendee.cookie, sessionId)))[1]).toBe(
      'media/session-not-open',
    );

    // Sign out: the cookie stops working at once.
    const other = await session('live');
    expect(await tokenStatus(attendee.cookie, other)).toBe(201);
    expect(
      (await api.request({ method: 'POST', url: '/api/auth/sign-out', cookie: attendee.cookie })).statusCode,
    ).toBeLessThan(300);
    expect(await tokenStatus(attendee.cookie, other)).toBe(401);
  });

  it('bypasses the caches while domain events are not heard, and starts them empty afterwards', async () => {
    const sessionId = await session('live');
    const during = await person({ registration: 'approved' });
    const before = await person({ registration: 'approved' });
    expect(await tokenStatus(during.cookie, sessionId)).toBe(201);
    expect(await tokenStatus(before.cookie, sessionId)).toBe(201);
    const listener = api.app.get(DomainEventListener);
    let resumed = 0;
    const stopCounting = listener.onResume(() => (resumed += 1));
    const database = new URL((api.dataSource.options as { url: string }).url).pathname.slice(1);
    // The listener stays deaf until the test lets it reconnect: the database refuses new connections (superusers
    // included) while the api's pool keeps serving queries on the connections it already holds.
    // (Asked from another database: PostgreSQL refuses it on the current one.)
    const allowConnections = async (allowed: boolean): Promise<void> => {
      const admin = new Client({ connectionString: process.env['TEST_DATABASE_URL'] });
      await admin.connect();
      try {
        await admin.query(`ALTER DATABASE "${database}" WITH ALLOW_CONNECTIONS ${allowed}`);
      } finally {
        await admin.end();
      }
    };
    await allowConnections(false);
    try {
      await api.dataSource.query(
        `SELECT pg_terminate_backend(pid) FROM pg_stat_activity
          WHERE application_name = 'plenary-api-events' AND datname = current_database()`,
      );
      await eventually(async () => (listener.listening ? undefined : true));
      // Missed events: changes made now reach no cache. While deaf, the api reads PostgreSQL …
      await api.dataSource.query(
        `UPDATE registrations SET status = 'cancelled' WHERE person_id IN ($1, $2)`,
        [during.id, before.id],
      );
      expect(await errorCode(await requestToken(during.cookie, sessionId))).toEqual([
        403,
        'media/not-approved',
      ]);
      expect({ listening: listener.listening, resumed }).toEqual({ listening: false, resumed: 0 });
      // … and once it hears again, nothing from before the gap is served.
      await allowConnections(true);
      await eventually(async () => (resumed > 0 && listener.listening ? true : undefined), 10_000);
      expect(await errorCode(await requestToken(before.cookie, sessionId))).toEqual([
        403,
        'media/not-approved',
      ]);
      expect(await errorCode(await requestToken(during.cookie, sessionId))).toEqual([
        403,
        'media/not-approved',
      ]);
    } finally {
      await allowConnections(true);
      stopCounting();
    }
  });
});

describe('OpenAPI', () => {
  it('documents the media endpoints', async () => {
    const openapi = (await api.request({ url: '/api/docs/openapi.json' })).json<{
      paths: Record<string, object>;
    }>();
    expect(Object.keys(openapi.paths)).toEqual(
      expect.arrayContaining([
        '/api/events/{slug}/sessions/{sessionId}/media-token',
        '/api/events/{slug}/sessions/{sessionId}/stage/ban',
        '/api/events/{slug}/media/bans/{identity}',
        '/api/media/webhooks/livekit',
      ]),
    );
  });
});
