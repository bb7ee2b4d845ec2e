import {
  attendanceRecordListSchema,
  attendanceSummarySchema,
  attendanceTimelineSchema,
  checkinBatchResultSchema,
  myPresenceSchema,
  type AttendanceSummary,
  type CheckinScan,
} from '@plenary/contracts';
import { REFERENCE_EVENT, REFERENCE_SESSIONS } from '@plenary/server-programme';
import { randomUUID } from 'node:crypto';
import {
  CHECKINS,
  registerDevice,
  scan,
  scanBody,
  seedAttendee,
  type SeededAttendee,
} from './checkin-fixtures';
import { signInAs, startTestApi, type TestApi } from './test-api';

/**
 * A seeded hybrid day: some people admitted at the door, some online in sessions (page presence on a live and on a
 * dead node, video minutes), some both. The attendance report, its records, CSV and timeline must agree with
 * counts taken straight from the tables.
 */
let api: TestApi;
let staff: string;
let organiser: string;
let device: string;
let sessionDay: string;
const [s1, s2] = REFERENCE_SESSIONS.map((session) => session.id);
const S1 = s1 ?? '';
const S2 = s2 ?? '';
const people: Record<'ada' | 'ben' | 'cem' | 'dia' | 'eve' | 'fay', SeededAttendee> = {} as never;
const ALIVE_NODE = randomUUID();
const DEAD_NODE = randomUUID();
const EVIL_NAME = '=HYPERLINK("http://x","click")';

const minutesAgo = (minutes: number): Date => new Date(Date.now() - minutes * 60_000);

/** GET as the organiser, as someone else, or (null) signed out. */
async function get(url: string, cookie: string | null = organiser) {
  return api.request({ url, cookie: cookie ?? undefined });
}

async function summary(): Promise<AttendanceSummary> {
  const response = await get('/api/events/vmc2021/attendance');
  expect(response.statusCode).toBe(200);
  return attendanceSummarySchema.parse(response.json());
}

async function one(sql: string, params: unknown[] = []): Promise<number> {
  return Number((await api.dataSource.query<Array<{ n: number }>>(sql, params))[0]?.n);
}

async function stay(
  sessionId: string,
  person: SeededAttendee,
  node: string,
  joinedAt: Date,
  leftAt: Date | null,
): Promise<void> {
  await api.dataSource.query(
    `INSERT INTO online_presence (id, event_id, session_id, person_id, node_id, joined_at, left_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7)`,
    [randomUUID(), REFERENCE_EVENT.id, sessionId, person.personId, node, joinedAt, leftAt],
  );
}

async function video(
  sessionId: string,
  person: SeededAttendee,
  joinedAt: Date,
  minutes: number,
  room = 'main',
): Promise<void> {
  await api.dataSource.query(
    `INSERT INTO media_presence (participant_sid, session_id, person_id, room, joined_at, left_at)
     VALUES ($1, $2, $3, $4, $5, $6)`,
    [
      `PA_${randomUUID()}`,
      sessionId,
      person.personId,
      room,
      joinedAt,
      new Date(joinedAt.getTime() + minutes * 60_000),
    ],
  );
}

/** Direct SQL: people in the room, online and both for one session (the report's definitions). */
async function sqlSession(sessionId: string, day: string) {
  const [row] = await api.dataSource.query<Array<{ room: number; online: number; both: number }>>(
    `WITH room AS (
       SELECT DISTINCT person_id FROM checkins
        WHERE event_id = $1 AND day = $3::date AND verdict = 'admitted' AND undone_at IS NULL),
     online AS (
       SELECT person_id FROM online_presence WHERE session_id = $2
       UNION SELECT person_id FROM media_presence WHERE session_id = $2 AND room = 'main')
     SELECT (SELECT count(*) FROM room)::int AS room, (SELECT count(*) FROM online)::int AS online,
            (SELECT count(*) FROM room JOIN online USING (person_id))::int AS both`,
    [REFERENCE_EVENT.id, sessionId, day],
  );
  return row;
}

beforeAll(async () => {
  api = await startTestApi();
  staff = await signInAs(api, 'staff@plenary.test');
  organiser = await signInAs(api, 'organiser@plenary.test');
  device = await registerDevice(api, staff, 'Main door');
  const first = attendanceSummarySchema.parse((await get('/api/events/vmc2021/attendance')).json());
  sessionDay = first.sessions.find((session) => session.sessionId === S1)?.day ?? '';

  people.ada = await seedAttendee(api, { name: 'Ada In-Room', email: 'ada.att@example.org' });
  people.ben = await seedAttendee(api, { name: 'Ben Both' });
  people.cem = await seedAttendee(api, { name: 'Cem Came', attendance: 'remote' });
  people.dia = await seedAttendee(api, { name: 'Dia Online', attendance: 'remote' });
  people.eve = await seedAttendee(api, { name: EVIL_NAME, organisation: '+Org' });
  people.fay = await seedAttendee(api, {
    name: 'Fay Undone',
    attendance: 'remote',
    email: 'fay.att@example.org',
  });

  // The door on the session's day (an offline queue uploaded later): Ada, Ben, Cem (registered remote), Eve.
  const atTen = new Date(`${sessionDay}T10:00:00+02:00`);
  const scans: CheckinScan[] = [people.ada, people.ben, people.cem, people.eve].map((person) => ({
    nonce: randomUUID(),
    gate: 'A',
    scannedAt: atTen.toISOString(),
    mode: 'offline',
    payload: person.payload,
    localVerdict: 'admitted',
  }));
  const uploaded = await api.request({
    method: 'POST',
    url: `${CHECKINS}/batch`,
    cookie: staff,
    payload: { deviceId: device, scans },
  });
  expect(checkinBatchResultSchema.parse(uploaded.json()).results.map((r) => r.verdict)).toEqual(
    Array(4).fill('admitted'),
  );
  // The door today: Ada; Fay, undone right away.
  expect((await scan(api, staff, scanBody(device, { payload: people.ada.payload }))).verdict).toBe(
    'admitted',
  );
  const fay = await scan(api, staff, scanBody(device, { payload: people.fay.payload }));
  const undo = await api.request({
    method: 'POST',
    url: `${CHECKINS}/${fay.checkinId}/undo`,
    cookie: staff,
    payload: { deviceId: device },
  });
  expect(undo.statusCode).toBe(200);

  // Live nodes: one alive, one that stopped beating 12 minutes ago.
  await api.dataSource.query(
    `INSERT INTO live_nodes (id, started_at, seen_at, expires_at) VALUES
       ($1, now() - interval '2 hours', now(), now() + interval '1 hour'),
       ($2, now() - interval '2 hours', now() - interval '12 minutes', now() - interval '11 minutes')`,
    [ALIVE_NODE, DEAD_NODE],
  );
  const at = (hhmm: string) => new Date(`${sessionDay}T${hhmm}:00+02:00`);
  // S1: Dia online twice (overlapping: 10:00–10:40 and 10:30–10:50 → 50 min), Ben on the page 15 min.
  await stay(S1, people.dia, ALIVE_NODE, at('10:00'), at('10:40'));
  await stay(S1, people.dia, ALIVE_NODE, at('10:30'), at('10:50'));
  await stay(S1, people.ben, ALIVE_NODE, at('10:05'), at('10:20'));
  // S1 video: Dia 30 min (inside her page time), Ada 25 min (in the room too), Eve backstage (not attendance).
  await video(S1, people.dia, at('10:10'), 30);
  await video(S1, people.ada, at('10:00'), 25);
  await video(S1, people.eve, at('10:00'), 10, 'backstage');
  // S2: Cem connected now for 20 minutes (alive node); Dia's socket on the dead node: 30 → 12 minutes ago.
  await stay(S2, people.cem, ALIVE_NODE, minutesAgo(20), null);
  await stay(S2, people.dia, DEAD_NODE, minutesAgo(30), null);
});

afterAll(async () => {
  await api.close();
});

describe('Attendance report for a seeded hybrid day', () => {
  it('matches direct SQL counts: registrations, door, online now, room / online / both per session', async () => {
    const report = await summary();
    expect(report.sources).toEqual({ door: true, media: true, presence: true });
    const registered = await api.dataSource.query<Array<{ attendance: string; n: number }>>(
      `SELECT attendance, count(*)::int AS n FROM registrations
        WHERE event_id = $1 AND status = 'approved' GROUP BY attendance`,
      [REFERENCE_EVENT.id],
    );
    expect(report.registered.inPerson).toBe(registered.find((r) => r.attendance === 'in_person')?.n ?? 0);
    expect(report.registered.remote).toBe(registered.find((r) => r.attendance === 'remote')?.n ?? 0);

    const today = report.today;
    expect(report.checkedIn.find((d) => d.day === today)?.total).toBe(
      await one(
        `SELECT count(DISTINCT person_id)::int AS n FROM checkins
          WHERE event_id = $1 AND day = $2::date AND verdict = 'admitted' AND undone_at IS NULL`,
        [REFERENCE_EVENT.id, today],
      ),
    );
    expect(report.checkedIn.find((d) => d.day === sessionDay)).toEqual({
      day: sessionDay,
      total: 4,
      inPerson: 3,
      remote: 1,
    });

    const onlineNow = await one(
      `SELECT count(DISTINCT p.person_id)::int AS n FROM online_presence p JOIN live_nodes n ON n.id = p.node_id
        WHERE p.event_id = $1 AND p.left_at IS NULL AND n.expires_at > now()`,
      [REFERENCE_EVENT.id],
    );
    expect(onlineNow).toBe(1);
    expect(report.onlineNow).toBe(onlineNow);
    expect(report.joinedVideo).toBe(
      await one(
        `SELECT count(DISTINCT m.person_id)::int AS n FROM media_presence m JOIN sessions s ON s.id = m.session_id
          WHERE s.event_id = $1 AND m.room = 'main'`,
        [REFERENCE_EVENT.id],
      ),
    );

    for (const session of report.sessions) {
      const expected = await sqlSession(session.sessionId, session.day);
      expect({
        id: session.sessionId,
        inRoom: session.inRoom,
        online: session.online,
        both: session.both,
      }).toEqual({
        id: session.sessionId,
        inRoom: expected?.room,
        online: expected?.online,
        both: expected?.both,
      });
    }
    const first = report.sessions.find((session) => session.sessionId === S1);
    // Dia 50 (page, longer than her video), Ben 15 (page), Ada 25 (video).
    expect(first).toMatchObject({ inRoom: 4, online: 3, both: 2, onlineMinutes: 90, onlineNow: 0 });
    const second = report.sessions.find((session) => session.sessionId === S2);
    // Dia's dead-node stay counts until the node's last heartbeat (18 min) but not as online now.
    expect(second).toMatchObject({ online: 2, onlineNow: 1 });
    expect(second?.onlineMinutes).toBeGreaterThanOrEqual(20 + 18 - 1);
    expect(second?.onlineMinutes).toBeLessThanOrEqual(20 + 18 + 1);
  });

  it('lists one record per person per session, paginated and filtered, totals as in SQL', async () => {
    const total = await one(
      `WITH s AS (SELECT id, (starts_at AT TIME ZONE $2)::date AS day FROM sessions WHERE event_id = $1),
       room AS (
         SELECT s.id AS session_id, c.person_id FROM s JOIN checkins c
             ON c.event_id = $1 AND c.day = s.day AND c.verdict = 'admitted' AND c.undone_at IS NULL),
       online AS (
         SELECT session_id, person_id FROM online_presence WHERE event_id = $1
         UNION SELECT m.session_id, m.person_id FROM media_presence m JOIN s ON s.id = m.session_id
                WHERE m.room = 'main')
       SELECT count(*)::int AS n FROM (SELECT * FROM room UNION SELECT * FROM online) AS everyone`,
      [REFERENCE_EVENT.id, REFERENCE_EVENT.timeZone],
    );
    const all = attendanceRecordListSchema.parse(
      (await get('/api/events/vmc2021/attendance/records?limit=500')).json(),
    );
    expect(all.total).toBe(total);
    expect(all.items).toHaveLength(total);

    const page = attendanceRecordListSchema.parse(
      (await get('/api/events/vmc2021/attendance/records?limit=2&offset=1')).json(),
    );
    expect(page).toMatchObject({ total, limit: 2, offset: 1 });
    expect(page.items).toEqual(all.items.slice(1, 3));

    const s1 = attendanceRecordListSchema.parse(
      (await get(`/api/events/vmc2021/attendance/records?sessionId=${S1}&limit=500`)).json(),
    );
    const byName = new Map(s1.items.map((record) => [record.name, record]));
    expect(byName.get('Ada In-Room')).toMatchObject({
      mode: 'both',
      videoMinutes: 25,
      pageMinutes: 0,
      minutes: 25,
    });
    expect(byName.get('Ben Both')).toMatchObject({
      mode: 'both',
      videoMinutes: 0,
      pageMinutes: 15,
      minutes: 15,
    });
    expect(byName.get('Cem Came')).toMatchObject({ mode: 'room', registered: 'remote', minutes: 0 });
    expect(byName.get('Dia Online')).toMatchObject({
      mode: 'online',
      videoMinutes: 30,
      pageMinutes: 50,
      minutes: 50,
    });
    expect(byName.get(EVIL_NAME)).toMatchObject({ mode: 'room', organisation: '+Org' });
    expect(byName.get('Fay Undone')).toBeUndefined();

    const both = attendanceRecordListSchema.parse(
      (await get(`/api/events/vmc2021/attendance/records?sessionId=${S1}&mode=both`)).json(),
    );
    expect(both.items.map((record) => record.name).sort()).toEqual(['Ada In-Room', 'Ben Both']);
    expect((await get('/api/events/vmc2021/attendance/records?mode=sideways')).statusCode).toBe(400);
  });

  it('exports the records as formula-safe CSV', async () => {
    const response = await get('/api/events/vmc2021/attendance.csv');
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toContain('text/csv');
    expect(response.headers['content-disposition']).toContain('vmc2021-attendance.csv');
    const lines = response.body
      .replace(/^\uFEFF/, '')
      .trim()
      .split(/\r?\n/);
    expect(lines[0]).toBe(
      'day,sessionStartsAt,sessionTitle,name,organisation,registered,mode,minutes,videoMinutes,pageMinutes',
    );
    const { total } = attendanceRecordListSchema.parse(
      (await get('/api/events/vmc2021/attendance/records')).json(),
    );
    expect(lines).toHaveLength(total + 1);
    const evil = lines.find((line) => line.includes('HYPERLINK')) ?? '';
    expect(evil).toContain(`"'=HYPERLINK(""http://x"",""click"")"`);
    expect(evil).toContain(",'+Org,");
    expect(response.body).not.toMatch(/(^|,)=HYPERLINK/m);
  });

  it('draws the day in 5-minute points: cumulative door admissions and online people', async () => {
    const timeline = attendanceTimelineSchema.parse(
      (await get(`/api/events/vmc2021/attendance/timeline?day=${sessionDay}`)).json(),
    );
    expect(timeline.day).toBe(sessionDay);
    expect(timeline.days).toContain(sessionDay);
    expect(timeline.bucketMinutes).toBe(5);
    const at = (hhmm: string) => new Date(`${sessionDay}T${hhmm}:00+02:00`).toISOString();
    const point = (hhmm: string) => timeline.points.find((p) => p.at === at(hhmm));
    expect(point('09:55')).toMatchObject({ inRoom: 0 });
    expect(point('10:00')).toMatchObject({ inRoom: 4 });
    // 10:15: Dia and Ben on S1's page. 10:45: Dia only. 11:00: nobody.
    expect(point('10:15')?.online).toBe(2);
    expect(point('10:45')?.online).toBe(1);
    expect(point('11:00')?.online).toBe(0);
    for (let i = 1; i < timeline.points.length; i += 1) {
      const gap = Date.parse(timeline.points[i]?.at ?? '') - Date.parse(timeline.points[i - 1]?.at ?? '');
      expect(gap).toBe(5 * 60_000);
    }

    const today = attendanceTimelineSchema.parse(
      (await get('/api/events/vmc2021/attendance/timeline')).json(),
    );
    const report = await summary();
    expect(today.day).toBe(report.today);
    const last = today.points.at(-1);
    expect(last?.inRoom).toBe(report.checkedIn.find((d) => d.day === report.today)?.total);
    expect(last?.online).toBe(report.onlineNow);
  });

  it("tells a signed-in person whether they stand admitted today (the hybrid switch's initial state)", async () => {
    const ada = await signInAs(api, 'ada.att@example.org');
    const fay = await signInAs(api, 'fay.att@example.org');
    const mine = async (cookie: string | null) => {
      const response = await get('/api/events/vmc2021/my/presence', cookie);
      return { status: response.statusCode, body: response.json<unknown>() };
    };
    const adaPresence = await mine(ada);
    expect(adaPresence.status).toBe(200);
    expect(myPresenceSchema.parse(adaPresence.body)).toMatchObject({
      eventId: REFERENCE_EVENT.id,
      inRoomToday: true,
    });
    expect(myPresenceSchema.parse((await mine(fay)).body).inRoomToday).toBe(false);
    expect(myPresenceSchema.parse((await mine(staff)).body).inRoomToday).toBe(false);
    expect((await mine(null)).status).toBe(401);
    expect((await get('/api/events/nope2099/my/presence', ada)).statusCode).toBe(404);
  });

  it('keeps the organiser endpoints to organisers', async () => {
    const attendee = await signInAs(api, 'ada.att@example.org');
    for (const url of [
      '/api/events/vmc2021/attendance/records',
      '/api/events/vmc2021/attendance.csv',
      '/api/events/vmc2021/attendance/timeline',
    ]) {
      expect([(await get(url, null)).statusCode, (await get(url, attendee)).statusCode]).toEqual([401, 403]);
      expect((await get(url, staff)).statusCode).toBe(403);
    }
  });

  it('documents the attendance endpoints in OpenAPI', async () => {
    const openapi = (await get('/api/docs/openapi.json', null)).json<{ paths: Record<string, object> }>();
    expect(Object.keys(openapi.paths)).toEqual(
      expect.arrayContaining([
        '/api/events/{slug}/attendance',
        '/api/events/{slug}/attendance/records',
        '/api/events/{slug}/attendance.csv',
        '/api/events/{slug}/attendance/timeline',
        '/api/events/{slug}/my/presence',
      ]),
    );
  });
});
