import { registrationListSchema } from '@plenary/contracts';
import { REFERENCE_EVENT, REFERENCE_SESSIONS } from '@plenary/server-programme';
import { MediaIdentityService } from '@plenary/server-media';
import { randomUUID } from 'node:crypto';
import { LIVEKIT_TEST_KEY, LIVEKIT_TEST_SECRET, startFakeLiveKit, type FakeLiveKit } from './fake-livekit';
import { signInAs, registerAs, startTestApi, type TestApi } from './test-api';

/**
 * Role × endpoint matrix, generated from the routes the running api registers: every route (but the HEAD twins
 * Fastify adds to each GET) must have a row here, and every row a route, so a new endpoint fails this file until its
 * access rule is written down. Each row names its guard; a role the guard refuses must get 401 (anonymous) or 403
 * (signed in), a role it lets through gets the row's `granted` status. Requests a granted role makes are harmless
 * (unknown ids, invalid bodies) except where a row says otherwise; rows that end a sign-in session use fresh ones.
 */

type Who = 'anonymous' | 'attendee' | 'pending' | 'speaker' | 'moderator' | 'staff' | 'organiser' | 'admin';
const EVERYONE: Who[] = [
  'anonymous',
  'attendee',
  'pending',
  'speaker',
  'moderator',
  'staff',
  'organiser',
  'admin',
];
const SIGNED_IN: Who[] = EVERYONE.filter((who) => who !== 'anonymous');

/** Who each guard lets through on the reference event (the demo organiser also holds `staff`). */
type Guard = 'public' | 'signed-in' | 'organiser' | 'staff' | 'moderator' | 'admin';
const GRANTED: Record<Guard, Who[]> = {
  public: EVERYONE,
  'signed-in': SIGNED_IN,
  // RequireEventRole('organiser'): organisers, and instance administrators wherever `organiser` is accepted.
  organiser: ['organiser', 'admin'],
  // RequireEventRole('staff', 'organiser')
  staff: ['staff', 'organiser', 'admin'],
  // RequireEventRole('moderator', 'organiser')
  moderator: ['moderator', 'organiser', 'admin'],
  // RequirePlatformAdmin()
  admin: ['admin'],
};

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
interface Row {
  /** The route as the router knows it: method and path pattern. */
  route: `${Method} /${string}`;
  guard: Guard;
  /** The concrete request (the route's path when omitted). */
  url?: string;
  payload?: unknown;
  headers?: Record<string, string>;
  /** Status for the roles the guard lets through: one for all, or per role. */
  granted: number | Partial<Record<Who, number>>;
  /** Sign each role in anew for this row (the request ends the sign-in session). */
  fresh?: boolean;
}

const EVENT = '/api/events/vmc2021';
const REFERENCE_EVENT_ID = REFERENCE_EVENT.id;
const SESSION = REFERENCE_SESSIONS[0]?.id ?? '';
const UNKNOWN = '5e0c2021-0000-4000-8000-00000000beef';
const OTHER_SESSION = `${EVENT}/sessions/${SESSION}`;
const NO_SESSION = `${EVENT}/sessions/${UNKNOWN}`;
/** Speakers, moderators, staff, organisers and administrators reach every session; attendees need an approval. */
// An instance administrator holding no role of the event is not let into its sessions (no registration: 404).
const SESSION_READERS = {
  attendee: 200,
  pending: 403,
  speaker: 200,
  moderator: 200,
  staff: 200,
  organiser: 200,
  admin: 404,
};
const ONLY_REGISTERED = (
  attendee: number,
  pending: number,
  others: number,
): Partial<Record<Who, number>> => ({
  attendee,
  pending,
  speaker: others,
  moderator: others,
  staff: others,
  organiser: others,
  admin: others,
});

/** Personal agendas: for people with an approved registration or a role (a pending registrant is refused). */
const AGENDA = (status: number): Partial<Record<Who, number>> => ({
  ...ONLY_REGISTERED(status, 403, status),
});

const rows: Row[] = [
  // Platform: health, metrics (no METRICS_TOKEN here), docs, the development mailbox, stored media.
  { route: 'GET /healthz', guard: 'public', granted: 200 },
  { route: 'GET /readyz', guard: 'public', granted: 200 },
  { route: 'GET /metrics', guard: 'public', granted: 200 },
  { route: 'GET /api/docs', guard: 'public', granted: 200 },
  { route: 'GET /api/docs/openapi.json', guard: 'public', granted: 200 },
  { route: 'GET /api/dev/outbox', guard: 'public', granted: 200 },
  {
    route: 'GET /api/media/:folder/:id/:file',
    guard: 'public',
    url: '/api/media/speakers/x/y.webp',
    granted: 404,
  },

  // Identity.
  { route: 'POST /api/auth/sign-in', guard: 'public', payload: { email: 'not-an-address' }, granted: 400 },
  { route: 'POST /api/auth/magic-link', guard: 'public', payload: { token: 'short' }, granted: 400 },
  { route: 'POST /api/auth/access-code', guard: 'public', payload: {}, granted: 400 },
  { route: 'GET /api/me', guard: 'signed-in', granted: 200 },
  { route: 'GET /api/me/export', guard: 'signed-in', granted: 200 },
  { route: 'POST /api/me/erase', guard: 'signed-in', payload: { confirm: 'no' }, granted: 400 },

  // Registration and the participant's own things.
  {
    route: 'POST /api/events/:slug/registrations',
    guard: 'public',
    url: `${EVENT}/registrations`,
    payload: {},
    granted: 400,
  },
  { route: 'GET /api/events/:slug/ticket-key', guard: 'public', url: `${EVENT}/ticket-key`, granted: 200 },
  {
    route: 'GET /api/events/:slug/my/registration',
    guard: 'signed-in',
    url: `${EVENT}/my/registration`,
    granted: ONLY_REGISTERED(200, 200, 404),
  },
  {
    route: 'PUT /api/events/:slug/my/registration',
    guard: 'signed-in',
    url: `${EVENT}/my/registration`,
    payload: {},
    granted: 400,
  },
  {
    route: 'GET /api/events/:slug/my/ticket',
    guard: 'signed-in',
    url: `${EVENT}/my/ticket`,
    granted: ONLY_REGISTERED(200, 403, 404),
  },
  {
    route: 'GET /api/events/:slug/sessions/:sessionId/access',
    guard: 'signed-in',
    url: `${OTHER_SESSION}/access`,
    granted: SESSION_READERS,
  },
  {
    route: 'GET /api/events/:slug/my/presence',
    guard: 'signed-in',
    url: `${EVENT}/my/presence`,
    granted: 200,
  },

  // Organisers: registrations, invitations, imports, mail, sessions of people, settings.
  {
    route: 'GET /api/events/:slug/registrations',
    guard: 'organiser',
    url: `${EVENT}/registrations`,
    granted: 200,
  },
  {
    route: 'GET /api/events/:slug/registrations.csv',
    guard: 'organiser',
    url: `${EVENT}/registrations.csv`,
    granted: 200,
  },
  {
    route: 'POST /api/events/:slug/registrations/decisions',
    guard: 'organiser',
    url: `${EVENT}/registrations/decisions`,
    payload: { registrationIds: [UNKNOWN], decision: 'reject' },
    granted: 404,
  },
  {
    route: 'PATCH /api/events/:slug/registrations/:registrationId',
    guard: 'organiser',
    url: `${EVENT}/registrations/${UNKNOWN}`,
    payload: { attendance: 'remote' },
    granted: 404,
  },
  {
    route: 'POST /api/events/:slug/registrations/:registrationId/ticket/reissue',
    guard: 'organiser',
    url: `${EVENT}/registrations/${UNKNOWN}/ticket/reissue`,
    granted: 404,
  },
  {
    route: 'POST /api/events/:slug/invitations',
    guard: 'organiser',
    url: `${EVENT}/invitations`,
    payload: { invitations: [] },
    granted: 400,
  },
  {
    route: 'POST /api/events/:slug/invitations/import',
    guard: 'organiser',
    url: `${EVENT}/invitations/import`,
    headers: { 'content-type': 'text/csv' },
    payload: 'not,a,header\n',
    granted: 400,
  },
  { route: 'GET /api/events/:slug/imports', guard: 'organiser', url: `${EVENT}/imports`, granted: 200 },
  {
    route: 'GET /api/events/:slug/imports/:importId',
    guard: 'organiser',
    url: `${EVENT}/imports/${UNKNOWN}`,
    granted: 404,
  },
  {
    route: 'GET /api/events/:slug/mail/parked',
    guard: 'organiser',
    url: `${EVENT}/mail/parked`,
    granted: 200,
  },
  {
    route: 'DELETE /api/events/:slug/people/:personId/sessions',
    guard: 'organiser',
    url: `${EVENT}/people/${UNKNOWN}/sessions`,
    granted: 404,
  },
  { route: 'GET /api/events/:slug/settings', guard: 'organiser', url: `${EVENT}/settings`, granted: 200 },
  {
    route: 'PUT /api/events/:slug/settings',
    guard: 'organiser',
    url: `${EVENT}/settings`,
    payload: {},
    granted: 400,
  },

  // Media: what a participant does on a session's stage, and what moderators do.
  {
    route: 'POST /api/events/:slug/sessions/:sessionId/media-token',
    guard: 'signed-in',
    url: `${NO_SESSION}/media-token`,
    payload: {},
    granted: 404,
  },
  {
    route: 'GET /api/events/:slug/sessions/:sessionId/stage',
    guard: 'signed-in',
    url: `${OTHER_SESSION}/stage`,
    granted: 200,
  },
  {
    route: 'GET /api/events/:slug/sessions/:sessionId/stage/hand',
    guard: 'signed-in',
    url: `${OTHER_SESSION}/stage/hand`,
    granted: 200,
  },
  {
    route: 'POST /api/events/:slug/sessions/:sessionId/stage/hand',
    guard: 'signed-in',
    url: `${NO_SESSION}/stage/hand`,
    granted: 404,
  },
  {
    route: 'DELETE /api/events/:slug/sessions/:sessionId/stage/hand',
    guard: 'signed-in',
    url: `${NO_SESSION}/stage/hand`,
    granted: 404,
  },
  {
    route: 'POST /api/events/:slug/sessions/:sessionId/stage/hand/accept',
    guard: 'signed-in',
    url: `${NO_SESSION}/stage/hand/accept`,
    granted: 404,
  },
  {
    route: 'POST /api/events/:slug/sessions/:sessionId/stage/backstage',
    guard: 'moderator',
    url: `${NO_SESSION}/stage/backstage`,
    granted: 404,
  },
  {
    route: 'POST /api/events/:slug/sessions/:sessionId/stage/live',
    guard: 'moderator',
    url: `${NO_SESSION}/stage/live`,
    granted: 404,
  },
  {
    route: 'POST /api/events/:slug/sessions/:sessionId/stage/end',
    guard: 'moderator',
    url: `${NO_SESSION}/stage/end`,
    granted: 404,
  },
  {
    route: 'GET /api/events/:slug/sessions/:sessionId/stage/hands',
    guard: 'moderator',
    url: `${OTHER_SESSION}/stage/hands`,
    granted: 200,
  },
  {
    route: 'POST /api/events/:slug/sessions/:sessionId/stage/invitations',
    guard: 'moderator',
    url: `${NO_SESSION}/stage/invitations`,
    payload: {},
    granted: 400,
  },
  {
    route: 'POST /api/events/:slug/sessions/:sessionId/stage/demote',
    guard: 'moderator',
    url: `${NO_SESSION}/stage/demote`,
    payload: {},
    granted: 400,
  },
  {
    route: 'POST /api/events/:slug/sessions/:sessionId/stage/mute',
    guard: 'moderator',
    url: `${NO_SESSION}/stage/mute`,
    payload: {},
    granted: 400,
  },
  {
    route: 'POST /api/events/:slug/sessions/:sessionId/stage/remove',
    guard: 'moderator',
    url: `${NO_SESSION}/stage/remove`,
    payload: {},
    granted: 400,
  },
  {
    route: 'POST /api/events/:slug/sessions/:sessionId/stage/ban',
    guard: 'moderator',
    url: `${NO_SESSION}/stage/ban`,
    payload: {},
    granted: 400,
  },
  {
    route: 'POST /api/events/:slug/sessions/:sessionId/stage/recording',
    guard: 'moderator',
    url: `${NO_SESSION}/stage/recording`,
    granted: 404,
  },
  {
    route: 'DELETE /api/events/:slug/sessions/:sessionId/stage/recording',
    guard: 'moderator',
    url: `${NO_SESSION}/stage/recording`,
    granted: 404,
  },
  { route: 'GET /api/events/:slug/media/bans', guard: 'moderator', url: `${EVENT}/media/bans`, granted: 200 },
  {
    route: 'DELETE /api/events/:slug/media/bans/:identity',
    guard: 'moderator',
    url: `${EVENT}/media/bans/not-an-identity`,
    granted: 400,
  },
  // LiveKit's webhook: no sign-in, a signed body instead (refused without one, whoever asks).
  {
    route: 'POST /api/media/webhooks/livekit',
    guard: 'public',
    headers: { 'content-type': 'application/webhook+json' },
    payload: '{}',
    granted: 401,
  },

  // Engagement exports.
  {
    route: 'GET /api/events/:slug/sessions/:sessionId/engagement/export.json',
    guard: 'moderator',
    url: `${OTHER_SESSION}/engagement/export.json`,
    granted: 200,
  },
  {
    route: 'GET /api/events/:slug/sessions/:sessionId/engagement/export.csv',
    guard: 'moderator',
    url: `${OTHER_SESSION}/engagement/export.csv`,
    granted: 200,
  },

  // The public programme, calendars and the contact form.
  { route: 'GET /api/events', guard: 'public', granted: 200 },
  { route: 'GET /api/events/:slug', guard: 'public', url: EVENT, granted: 200 },
  { route: 'GET /api/events/:slug/sessions/:sessionId', guard: 'public', url: OTHER_SESSION, granted: 200 },
  {
    route: 'GET /api/events/:slug/calendar.ics',
    guard: 'public',
    url: `${EVENT}/calendar.ics`,
    granted: 200,
  },
  {
    route: 'GET /api/events/:slug/sessions/:sessionId/calendar.ics',
    guard: 'public',
    url: `${OTHER_SESSION}/calendar.ics`,
    granted: 200,
  },
  {
    route: 'GET /api/calendar/agenda/:token',
    guard: 'public',
    url: `/api/calendar/agenda/${'x'.repeat(43)}.ics`,
    granted: 404,
  },
  {
    route: 'GET /api/events/:slug/contact/token',
    guard: 'public',
    url: `${EVENT}/contact/token`,
    granted: 200,
  },
  {
    route: 'POST /api/events/:slug/contact',
    guard: 'public',
    url: `${EVENT}/contact`,
    payload: {},
    granted: 400,
  },

  // Personal agendas.
  {
    route: 'PUT /api/events/:slug/sessions/:sessionId/star',
    guard: 'signed-in',
    url: `${NO_SESSION}/star`,
    granted: AGENDA(404),
  },
  {
    route: 'DELETE /api/events/:slug/sessions/:sessionId/star',
    guard: 'signed-in',
    url: `${NO_SESSION}/star`,
    granted: AGENDA(200),
  },
  {
    route: 'GET /api/events/:slug/my/agenda',
    guard: 'signed-in',
    url: `${EVENT}/my/agenda`,
    granted: AGENDA(200),
  },
  {
    route: 'POST /api/events/:slug/my/agenda/feed',
    guard: 'signed-in',
    url: `${EVENT}/my/agenda/feed`,
    granted: AGENDA(201),
  },
  {
    route: 'DELETE /api/events/:slug/my/agenda/feed',
    guard: 'signed-in',
    url: `${EVENT}/my/agenda/feed`,
    granted: 204,
  },

  // Organising events (administrators create events and appoint organisers).
  { route: 'POST /api/events', guard: 'admin', payload: {}, granted: 400 },
  { route: 'GET /api/manage/events', guard: 'signed-in', granted: 200 },
  {
    route: 'GET /api/manage/events/:slug',
    guard: 'organiser',
    url: '/api/manage/events/vmc2021',
    granted: 200,
  },
  { route: 'PATCH /api/events/:slug', guard: 'organiser', url: EVENT, payload: { name: '' }, granted: 400 },
  {
    route: 'POST /api/events/:slug/status',
    guard: 'organiser',
    url: `${EVENT}/status`,
    payload: {},
    granted: 400,
  },
  {
    route: 'POST /api/events/:slug/duplicate',
    guard: 'organiser',
    url: `${EVENT}/duplicate`,
    payload: {},
    granted: 400,
  },
  { route: 'GET /api/events/:slug/organisers', guard: 'organiser', url: `${EVENT}/organisers`, granted: 200 },
  {
    route: 'POST /api/events/:slug/organisers',
    guard: 'admin',
    url: `${EVENT}/organisers`,
    payload: {},
    granted: 400,
  },
  {
    route: 'DELETE /api/events/:slug/organisers/:personId',
    guard: 'admin',
    url: `${EVENT}/organisers/${UNKNOWN}`,
    granted: 404,
  },

  // The programme editor.
  { route: 'GET /api/events/:slug/programme', guard: 'organiser', url: `${EVENT}/programme`, granted: 200 },
  {
    route: 'GET /api/events/:slug/programme/warnings',
    guard: 'organiser',
    url: `${EVENT}/programme/warnings`,
    granted: 200,
  },
  {
    route: 'GET /api/events/:slug/programme/rooms',
    guard: 'organiser',
    url: `${EVENT}/programme/rooms`,
    granted: 200,
  },
  {
    route: 'POST /api/events/:slug/programme/rooms',
    guard: 'organiser',
    url: `${EVENT}/programme/rooms`,
    payload: {},
    granted: 400,
  },
  {
    route: 'GET /api/events/:slug/programme/rooms/:roomId',
    guard: 'organiser',
    url: `${EVENT}/programme/rooms/${UNKNOWN}`,
    granted: 404,
  },
  {
    route: 'PATCH /api/events/:slug/programme/rooms/:roomId',
    guard: 'organiser',
    url: `${EVENT}/programme/rooms/${UNKNOWN}`,
    payload: {},
    granted: 400,
  },
  {
    route: 'DELETE /api/events/:slug/programme/rooms/:roomId',
    guard: 'organiser',
    url: `${EVENT}/programme/rooms/${UNKNOWN}`,
    granted: 404,
  },
  {
    route: 'GET /api/events/:slug/programme/speakers',
    guard: 'organiser',
    url: `${EVENT}/programme/speakers`,
    granted: 200,
  },
  {
    route: 'POST /api/events/:slug/programme/speakers',
    guard: 'organiser',
    url: `${EVENT}/programme/speakers`,
    payload: {},
    granted: 400,
  },
  {
    route: 'GET /api/events/:slug/programme/speakers/:speakerId',
    guard: 'organiser',
    url: `${EVENT}/programme/speakers/${UNKNOWN}`,
    granted: 404,
  },
  {
    route: 'PATCH /api/events/:slug/programme/speakers/:speakerId',
    guard: 'organiser',
    url: `${EVENT}/programme/speakers/${UNKNOWN}`,
    payload: {},
    granted: 400,
  },
  {
    route: 'DELETE /api/events/:slug/programme/speakers/:speakerId',
    guard: 'organiser',
    url: `${EVENT}/programme/speakers/${UNKNOWN}`,
    granted: 404,
  },
  {
    route: 'PUT /api/events/:slug/programme/speakers/:speakerId/photo',
    guard: 'organiser',
    url: `${EVENT}/programme/speakers/${UNKNOWN}/photo`,
    headers: { 'content-type': 'multipart/form-data; boundary=matrix' },
    payload: '--matrix--\r\n',
    granted: 404,
  },
  {
    route: 'DELETE /api/events/:slug/programme/speakers/:speakerId/photo',
    guard: 'organiser',
    url: `${EVENT}/programme/speakers/${UNKNOWN}/photo`,
    granted: 404,
  },
  {
    route: 'GET /api/events/:slug/programme/sessions',
    guard: 'organiser',
    url: `${EVENT}/programme/sessions`,
    granted: 200,
  },
  {
    route: 'POST /api/events/:slug/programme/sessions',
    guard: 'organiser',
    url: `${EVENT}/programme/sessions`,
    payload: {},
    granted: 400,
  },
  {
    route: 'GET /api/events/:slug/programme/sessions/:sessionId',
    guard: 'organiser',
    url: `${EVENT}/programme/sessions/${UNKNOWN}`,
    granted: 404,
  },
  {
    route: 'PATCH /api/events/:slug/programme/sessions/:sessionId',
    guard: 'organiser',
    url: `${EVENT}/programme/sessions/${UNKNOWN}`,
    payload: {},
    granted: 400,
  },
  {
    route: 'POST /api/events/:slug/programme/sessions/:sessionId/cancel',
    guard: 'organiser',
    url: `${EVENT}/programme/sessions/${UNKNOWN}/cancel`,
    payload: {},
    granted: 404,
  },
  {
    route: 'DELETE /api/events/:slug/programme/sessions/:sessionId',
    guard: 'organiser',
    url: `${EVENT}/programme/sessions/${UNKNOWN}`,
    granted: 404,
  },
  {
    route: 'POST /api/events/:slug/programme/import',
    guard: 'organiser',
    url: `${EVENT}/programme/import`,
    payload: {},
    granted: 400,
  },
  {
    route: 'GET /api/events/:slug/programme/export',
    guard: 'organiser',
    url: `${EVENT}/programme/export`,
    granted: 400,
  },

  // The door: staff and organisers; attendance: organisers.
  {
    route: 'POST /api/events/:slug/checkins/devices',
    guard: 'staff',
    url: `${EVENT}/checkins/devices`,
    payload: {},
    granted: 400,
  },
  {
    route: 'GET /api/events/:slug/checkins/devices',
    guard: 'staff',
    url: `${EVENT}/checkins/devices`,
    granted: 200,
  },
  {
    route: 'POST /api/events/:slug/checkins',
    guard: 'staff',
    url: `${EVENT}/checkins`,
    payload: {},
    granted: 400,
  },
  {
    route: 'POST /api/events/:slug/checkins/batch',
    guard: 'staff',
    url: `${EVENT}/checkins/batch`,
    payload: {},
    granted: 400,
  },
  {
    route: 'POST /api/events/:slug/checkins/:checkinId/undo',
    guard: 'staff',
    url: `${EVENT}/checkins/${UNKNOWN}/undo`,
    granted: 400,
  }, // no device
  {
    route: 'GET /api/events/:slug/checkins/search',
    guard: 'staff',
    url: `${EVENT}/checkins/search?q=zz`,
    granted: 400,
  }, // no device
  {
    route: 'GET /api/events/:slug/checkins/snapshot',
    guard: 'staff',
    url: `${EVENT}/checkins/snapshot`,
    granted: 400,
  }, // no device
  {
    route: 'POST /api/events/:slug/checkins/devices/:deviceId/revoke',
    guard: 'organiser',
    url: `${EVENT}/checkins/devices/${UNKNOWN}/revoke`,
    granted: 404,
  },
  {
    route: 'GET /api/events/:slug/checkins/conflicts',
    guard: 'organiser',
    url: `${EVENT}/checkins/conflicts`,
    granted: 200,
  },
  { route: 'GET /api/events/:slug/attendance', guard: 'organiser', url: `${EVENT}/attendance`, granted: 200 },
  {
    route: 'GET /api/events/:slug/attendance/records',
    guard: 'organiser',
    url: `${EVENT}/attendance/records`,
    granted: 200,
  },
  {
    route: 'GET /api/events/:slug/attendance.csv',
    guard: 'organiser',
    url: `${EVENT}/attendance.csv`,
    granted: 200,
  },
  {
    route: 'GET /api/events/:slug/attendance/timeline',
    guard: 'organiser',
    url: `${EVENT}/attendance/timeline`,
    granted: 200,
  },

  // Last, as they change the participant's own state: cancelling a registration, ending sign-in sessions.
  {
    route: 'POST /api/events/:slug/my/registration/cancel',
    guard: 'signed-in',
    url: `${EVENT}/my/registration/cancel`,
    granted: ONLY_REGISTERED(200, 200, 404),
  },
  { route: 'POST /api/auth/sign-out', guard: 'signed-in', granted: 204, fresh: true },
  { route: 'POST /api/auth/sign-out-everywhere', guard: 'signed-in', granted: 204, fresh: true },
];

let api: TestApi;
let livekit: FakeLiveKit;
const registered: string[] = [];
const cookies = new Map<Who, string>();
const EMAILS: Record<Exclude<Who, 'anonymous'>, string> = {
  attendee: 'matrix-approved@example.org',
  pending: 'matrix-pending@example.org',
  speaker: 'matrix-speaker@example.org',
  moderator: 'moderator@plenary.test',
  staff: 'staff@plenary.test',
  organiser: 'organiser@plenary.test',
  admin: 'admin@plenary.test',
};

/** One sign-in session per role (five sign-in mails per address per 15 minutes: the matrix stays below). */
async function freshCookies(): Promise<Map<Who, string>> {
  const fresh = new Map<Who, string>();
  for (const who of SIGNED_IN) fresh.set(who, await signInAs(api, EMAILS[who as Exclude<Who, 'anonymous'>]));
  return fresh;
}

beforeAll(async () => {
  // A LiveKit (the test server) with egress, so media routes reach their session checks.
  livekit = await startFakeLiveKit();
  api = await startTestApi(
    {
      LIVEKIT_URL: livekit.url,
      LIVEKIT_API_KEY: LIVEKIT_TEST_KEY,
      LIVEKIT_API_SECRET: LIVEKIT_TEST_SECRET,
      LIVEKIT_EGRESS: 'true',
    },
    {
      beforeInit: (app) => {
        app
          .getHttpAdapter()
          .getInstance()
          .addHook('onRoute', (route) => {
            for (const method of [route.method].flat()) registered.push(`${method} ${route.url}`);
          });
      },
    },
  );
  await registerAs(api, EMAILS.pending);
  await registerAs(api, EMAILS.attendee);
  const organiser = await signInAs(api, EMAILS.organiser);
  const list = registrationListSchema.parse(
    (await api.request({ url: `${EVENT}/registrations?q=${EMAILS.attendee}`, cookie: organiser })).json(),
  );
  const approved = await api.request({
    method: 'POST',
    url: `${EVENT}/registrations/decisions`,
    payload: { registrationIds: list.items.map((item) => item.id), decision: 'approve' },
    cookie: organiser,
  });
  if (approved.statusCode !== 200) throw new Error(`approval answered ${approved.statusCode}`);
  const invited = await api.request({
    method: 'POST',
    url: `${EVENT}/invitations`,
    payload: { invitations: [{ email: EMAILS.speaker, name: 'Matrix Speaker', role: 'speaker' }] },
    cookie: organiser,
  });
  if (invited.statusCode !== 200) throw new Error(`speaker invitation answered ${invited.statusCode}`);
  for (const [who, cookie] of await freshCookies()) cookies.set(who, cookie);
});

afterAll(async () => {
  await api.close();
  await livekit.close();
});

it('has exactly one row for every route the api registers', () => {
  const routes = registered.filter((route) => !route.startsWith('HEAD '));
  // Fastify adds a HEAD twin to every GET; a HEAD route of its own would need a row.
  const heads = registered
    .filter((route) => route.startsWith('HEAD '))
    .map((route) => route.replace('HEAD', 'GET'));
  expect(heads.filter((route) => !routes.includes(route))).toEqual([]);
  const keys = rows.map((row) => row.route);
  expect(keys.filter((key, index) => keys.indexOf(key) !== index)).toEqual([]);
  expect({ routesWithoutRow: routes.filter((route) => !keys.includes(route as Row['route'])) }).toEqual({
    routesWithoutRow: [],
  });
  expect({ rowsWithoutRoute: keys.filter((key) => !routes.includes(key)) }).toEqual({ rowsWithoutRoute: [] });
});

/**
 * Every session-scoped route (any route with `:sessionId`, taken from the router, so a new one is covered at once)
 * asked for a session of another event under this event's slug answers 404, even to this event's organiser; the same
 * request for a session of this event does not answer `programme/session-not-found` (so the 404 is about the event,
 * not about a request the route refuses anyway).
 */
describe('A session of another event under this event’s slug', () => {
  /** A participant of this event whom the moderation routes can act on (a ban also ends their sign-in sessions). */
  let identity = '';
  /** Bodies that pass each route's validation, so the session lookup is what answers. */
  const requests = (): Partial<Record<string, { payload?: unknown; headers?: Record<string, string> }>> => ({
    'POST /api/events/:slug/sessions/:sessionId/media-token': { payload: {} },
    'POST /api/events/:slug/sessions/:sessionId/stage/invitations': { payload: { identity } },
    'POST /api/events/:slug/sessions/:sessionId/stage/demote': { payload: { identity } },
    'POST /api/events/:slug/sessions/:sessionId/stage/mute': {
      payload: { identity, trackSid: 'TR_x' },
    },
    'POST /api/events/:slug/sessions/:sessionId/stage/remove': { payload: { identity } },
    'POST /api/events/:slug/sessions/:sessionId/stage/ban': { payload: { identity } },
    'PATCH /api/events/:slug/programme/sessions/:sessionId': {
      payload: { title: 'Moved elsewhere' },
      headers: { 'if-match': '"1"' },
    },
  });
  const OTHER_EVENT_ID = '0e0c2099-0000-4000-8000-0000000000aa';
  /**
   * Routes that answer alike for any session id (and so for another event's session exactly as for one that does
   * not exist), with the reason.
   */
  const SAME_FOR_ANY_SESSION: Record<string, string> = {
    'DELETE /api/events/:slug/sessions/:sessionId/star':
      'idempotent: removes the person’s star of that id in this event if there is one (a deleted session took its stars)',
  };

  const newSession = async (eventId: string): Promise<string> =>
    (
      await api.dataSource.query<Array<{ id: string }>>(
        `INSERT INTO sessions (id, event_id, kind, title, starts_at, ends_at)
         VALUES (gen_random_uuid(), $1, 'panel', 'Scoped panel', now(), now() + interval '1 hour') RETURNING id`,
        [eventId],
      )
    )[0]?.id ?? '';

  beforeAll(async () => {
    await api.dataSource.query(
      `INSERT INTO events (id, slug, name, time_zone, start_date, end_date, venue_name, venue_city, venue_country,
                           organiser_name)
       VALUES ($1, 'matrix2099', 'Another event', 'Europe/Vienna', '2099-01-01', '2099-01-02', 'Hall', 'Vienna',
               'AT', 'Someone else')`,
      [OTHER_EVENT_ID],
    );
    const personId = randomUUID();
    await api.dataSource.transaction(async (manager) => {
      await manager.query('INSERT INTO people (id, email, name) VALUES ($1, $2, $3)', [
        personId,
        `${personId}@example.org`,
        'Stage Guest',
      ]);
      await manager.query(
        `INSERT INTO registrations (id, event_id, person_id, organisation, job_title, country, attendance, status,
                                    privacy_accepted_at)
         VALUES ($1, $2, $3, 'A', 'B', 'GB', 'remote', 'approved', now())`,
        [randomUUID(), REFERENCE_EVENT_ID, personId],
      );
    });
    identity = api.app.get(MediaIdentityService).identityOf(REFERENCE_EVENT_ID, personId);
  });

  it('answers 404 on every session-scoped route', async () => {
    const scoped = registered.filter((route) => !route.startsWith('HEAD ') && route.includes('/:sessionId'));
    expect(scoped.length).toBeGreaterThan(20);
    const foreign = await newSession(OTHER_EVENT_ID);
    const organiser = cookies.get('organiser') ?? '';
    const outcome: Record<string, { foreign: string; unknown: string; own: string }> = {};
    for (const route of scoped) {
      const [method, path] = route.split(' ') as [Method, string];
      const send = async (sessionId: string): Promise<string> => {
        const response = await api.request({
          method,
          url: path.replace(':slug', 'vmc2021').replace(':sessionId', sessionId),
          ...(requests()[route]?.payload !== undefined
            ? { payload: requests()[route]?.payload as never }
            : {}),
          ...(requests()[route]?.headers ? { headers: requests()[route]?.headers } : {}),
          cookie: organiser,
        });
        const code =
          response.statusCode >= 400 ? (response.json<{ error: { code: string } }>().error.code ?? '') : '';
        return `${response.statusCode} ${code}`.trim();
      };
      outcome[route] = {
        foreign: await send(foreign),
        unknown: await send(randomUUID()),
        own: await send(await newSession(REFERENCE_EVENT_ID)),
      };
    }
    const wrong = Object.entries(outcome).filter(([route, { foreign: answer, unknown, own }]) =>
      route in SAME_FOR_ANY_SESSION
        ? answer !== unknown
        : !answer.startsWith('404 ') ||
          answer !== unknown ||
          own === answer ||
          own === '404 programme/session-not-found',
    );
    expect(Object.fromEntries(wrong)).toEqual({});
  });
});

it.each(rows)('$route ($guard)', async (row) => {
  const [method, path] = row.route.split(' ') as [Method, string];
  const expected: Partial<Record<Who, number>> = {};
  for (const who of EVERYONE) {
    const granted = GRANTED[row.guard].includes(who);
    expected[who] = granted
      ? typeof row.granted === 'number'
        ? row.granted
        : (row.granted[who] ?? row.granted.attendee)
      : who === 'anonymous'
        ? 401
        : 403;
  }
  const rowCookies = row.fresh ? await freshCookies() : cookies;
  const actual: Partial<Record<Who, number>> = {};
  for (const who of EVERYONE) {
    const cookie = rowCookies.get(who);
    actual[who] = (
      await api.request({
        method,
        url: row.url ?? path,
        ...(row.payload !== undefined ? { payload: row.payload as never } : {}),
        ...(row.headers ? { headers: row.headers } : {}),
        ...(who !== 'anonymous' && cookie ? { cookie } : {}),
      })
    ).statusCode;
  }
  expect(actual).toEqual(expected);
});
