import {
  importProgressSchema,
  invitationsResultSchema,
  personalDataExportSchema,
  registrationListSchema,
} from '@plenary/contracts';
import { PersonalDataService } from '@plenary/server-access';
import { REFERENCE_EVENT } from '@plenary/server-programme';
import { eventually, registerAs, signInAs, startTestApi, type TestApi } from './test-api';

const signIn = (email: string): Promise<string> => signInAs(api, email);
const register = (email: string, overrides: Record<string, unknown> = {}): Promise<void> =>
  registerAs(api, email, overrides);

let api: TestApi;
let organiser: string;
const statusOf = async (email: string): Promise<string | undefined> =>
  registrationListSchema.parse(
    (
      await api.request({
        url: `/api/events/vmc2021/registrations?q=${encodeURIComponent(email)}`,
        cookie: organiser,
      })
    ).json(),
  ).items[0]?.status;

beforeAll(async () => {
  api = await startTestApi();
  organiser = await signIn('organiser@plenary.test');
});

afterAll(async () => {
  await api.close();
});

describe('Personal data', () => {
  it('exports everything held about the person', async () => {
    await register('export@example.org', { name: 'Exa Port', accessibilityNeeds: 'Step-free access' });
    const cookie = await signIn('export@example.org');
    const response = await api.request({ url: '/api/me/export', cookie });
    expect(response.headers['content-disposition']).toContain('attachment');
    const data = personalDataExportSchema.parse(response.json());
    expect(data.person).toMatchObject({ name: 'Exa Port', email: 'export@example.org' });
    expect(data.registrations).toEqual([
      expect.objectContaining({
        eventSlug: 'vmc2021',
        accessibilityNeeds: 'Step-free access',
        status: 'pending',
      }),
    ]);
    expect(data.roles).toEqual([{ eventSlug: 'vmc2021', role: 'attendee' }]);
    expect(data.sessions.length).toBeGreaterThanOrEqual(1);
    expect(data.mails.map((mail) => mail.subject)).toEqual(
      expect.arrayContaining([expect.stringContaining('Registration received')]),
    );
  });

  it('includes what the other contexts hold: questions, upvotes, ballots, video time, hands, check-ins', async () => {
    await register('activity@example.org', { name: 'Act Ivity' });
    const cookie = await signIn('activity@example.org');
    const me = (await api.request({ url: '/api/me', cookie })).json<{ person: { id: string } }>();
    const personId = me.person.id;
    const [session] = await api.dataSource.query<Array<{ id: string }>>(
      'SELECT id FROM sessions WHERE event_id = $1 ORDER BY starts_at LIMIT 1',
      [REFERENCE_EVENT.id],
    );
    const sessionId = session?.id;
    await api.dataSource.query(
      `INSERT INTO questions (id, session_id, person_id, text, source, status)
       VALUES (gen_random_uuid(), $1, $2, 'What about small islands?', 'remote', 'approved')`,
      [sessionId, personId],
    );
    await api.dataSource.query(
      `WITH p AS (INSERT INTO polls (id, session_id, question, kind, options, created_by)
                  VALUES (gen_random_uuid(), $1, 'Coffee?', 'single', '[{"id":"a","label":"Yes"}]', $2) RETURNING id)
       INSERT INTO poll_ballots (poll_id, person_id, option_ids) SELECT id, $2, ARRAY['a'] FROM p`,
      [sessionId, personId],
    );
    await api.dataSource.query(
      'INSERT INTO session_stars (person_id, session_id, event_id) VALUES ($1, $2, $3)',
      [personId, sessionId, REFERENCE_EVENT.id],
    );
    await api.dataSource.query(
      `INSERT INTO media_presence (participant_sid, session_id, person_id, room, joined_at, left_at)
       VALUES ('PA_export', $1, $2, 'main', now() - interval '20 minutes', now())`,
      [sessionId, personId],
    );
    const data = personalDataExportSchema.parse(
      (await api.request({ url: '/api/me/export', cookie })).json(),
    );
    expect(Object.keys(data.activity)).toEqual([
      'agendaFeeds',
      'agendaStars',
      'checkinDevices',
      'checkins',
      'mediaBans',
      'pollBallots',
      'questionUpvotes',
      'questions',
      'raisedHands',
      'sessionPages',
      'videoAttendance',
    ]);
    expect(data.activity['questions']).toEqual([
      expect.objectContaining({ sessionId, text: 'What about small islands?', status: 'approved' }),
    ]);
    expect(data.activity['pollBallots']).toEqual([
      expect.objectContaining({ question: 'Coffee?', optionIds: ['a'] }),
    ]);
    expect(data.activity['videoAttendance']).toEqual([expect.objectContaining({ sessionId, room: 'main' })]);
    expect(data.activity['checkins']).toEqual([]);
    expect(data.activity['agendaStars']).toEqual([expect.objectContaining({ sessionId })]);
    expect(data.activity['agendaFeeds']).toEqual([]);
  });

  it('erases the person: registration, roles, sessions and mails go; the audit trail keeps only opaque ids', async () => {
    await register('erase@example.org', { name: 'Erin Rase' });
    const cookie = await signIn('erase@example.org');
    const me = (await api.request({ url: '/api/me', cookie })).json<{ person: { id: string } }>();
    const list = registrationListSchema.parse(
      (await api.request({ url: '/api/events/vmc2021/registrations?q=erase%40', cookie: organiser })).json(),
    );
    await api.request({
      method: 'POST',
      url: '/api/events/vmc2021/registrations/decisions',
      payload: { registrationIds: [list.items[0]?.id], decision: 'approve' },
      cookie: organiser,
    });

    const refused = await api.request({
      method: 'POST',
      url: '/api/me/erase',
      payload: { confirm: 'yes' },
      cookie,
    });
    expect(refused.statusCode).toBe(400);
    const erased = await api.request({
      method: 'POST',
      url: '/api/me/erase',
      payload: { confirm: 'ERASE' },
      cookie,
    });
    expect(erased.statusCode).toBe(204);

    expect((await api.request({ url: '/api/me', cookie })).statusCode).toBe(401);
    const left = await api.dataSource.query<Array<{ n: number }>>(
      `SELECT (SELECT count(*) FROM people WHERE email = 'erase@example.org')
            + (SELECT count(*) FROM registrations WHERE person_id = $1)
            + (SELECT count(*) FROM event_roles WHERE person_id = $1)
            + (SELECT count(*) FROM auth_sessions WHERE person_id = $1)
            + (SELECT count(*) FROM mail_outbox WHERE to_address = 'erase@example.org')
            + (SELECT count(*) FROM tickets t JOIN registrations r ON r.id = t.registration_id WHERE r.person_id = $1) AS n`,
      [me.person.id],
    );
    expect(Number(left[0]?.n)).toBe(0);
    const audit = await api.dataSource.query<Array<{ details: unknown }>>(
      'SELECT details FROM audit_log WHERE target_id = $1',
      [list.items[0]?.id],
    );
    expect(audit.length).toBeGreaterThan(0);
    expect(JSON.stringify(audit)).not.toContain('erase@example.org');
  });

  it('purges personal data once the event retention period has passed, keeping organisers', async () => {
    await register('retained@example.org');
    const purge = api.app.get(PersonalDataService);
    const settings = await api.request({
      method: 'PUT',
      url: '/api/events/vmc2021/settings',
      payload: { approvalMode: 'manual', inPersonCapacity: null, retentionDays: 30 },
      cookie: organiser,
    });
    expect(settings.json()).toEqual({ approvalMode: 'manual', inPersonCapacity: null, retentionDays: 30 });
    expect(await purge.purgeExpired(new Date('2021-11-10'))).toEqual({ registrations: 0, people: 0 });
    const afterRetention = new Date(
      new Date(`${REFERENCE_EVENT.endDate}T00:00:00Z`).getTime() + 40 * 86_400_000,
    );
    const purged = await purge.purgeExpired(afterRetention);
    expect(purged.registrations).toBeGreaterThan(0);
    expect(await api.dataSource.query(`SELECT 1 FROM people WHERE email = 'retained@example.org'`)).toEqual(
      [],
    );
    expect(await api.dataSource.query(`SELECT 1 FROM registrations`)).toEqual([]);
    expect(
      await api.dataSource.query(`SELECT email FROM people WHERE email = 'organiser@plenary.test'`),
    ).toEqual([{ email: 'organiser@plenary.test' }]);
  });
});

describe('Invitations and CSV', () => {
  it('invites a speaker and an attendee; the invited attendee is approved on registering', async () => {
    const response = await api.request({
      method: 'POST',
      url: '/api/events/vmc2021/invitations',
      payload: {
        invitations: [
          { email: 'speaker@example.org', name: 'Spea Ker', role: 'speaker' },
          { email: 'guest@example.org', name: 'Gue St', role: 'attendee' },
        ],
      },
      cookie: organiser,
    });
    expect(invitationsResultSchema.parse(response.json())).toEqual({ invited: 2, errors: [] });
    expect((await api.outbox('speaker@example.org'))[0]?.subject).toBe(`Invitation: ${REFERENCE_EVENT.name}`);
    const speaker = await signIn('speaker@example.org');
    const me = (await api.request({ url: '/api/me', cookie: speaker })).json<{
      memberships: Array<{ roles: string[] }>;
    }>();
    expect(me.memberships[0]?.roles).toEqual(['speaker']);
    await register('guest@example.org');
    expect(await statusOf('guest@example.org')).toBe('approved');
    await register('uninvited@example.org');
    expect(await statusOf('uninvited@example.org')).toBe('pending');
  });

  it('imports invitations from a CSV in the background, naming the bad rows by line', async () => {
    const accepted = await api.request({
      method: 'POST',
      url: '/api/events/vmc2021/invitations/import',
      headers: { 'content-type': 'text/csv' },
      payload:
        'Email,Name,Role\nmod@example.org,Mo Derator,moderator\nstaffer@example.org,"Staff, Er",staff\nnot-an-email,Bad,staff\nx@example.org,X,emperor\nbulk@example.org,Bulk,\n',
      cookie: organiser,
    });
    expect(accepted.statusCode).toBe(202);
    const { id } = importProgressSchema.parse(accepted.json());
    const done = await eventually(async () => {
      const progress = importProgressSchema.parse(
        (await api.request({ url: `/api/events/vmc2021/imports/${id}`, cookie: organiser })).json(),
      );
      return progress.status === 'completed' ? progress : undefined;
    }, 15_000);
    expect(done).toMatchObject({ invited: 3, errorRows: 2, duplicates: 0 });
    expect(done.issues.map((issue) => issue.line)).toEqual([4, 5]);
    const roles = await api.dataSource.query<Array<{ email: string; role: string }>>(
      `SELECT p.email, er.role FROM event_roles er JOIN people p ON p.id = er.person_id
        WHERE p.email IN ('mod@example.org', 'staffer@example.org', 'bulk@example.org') ORDER BY p.email`,
    );
    expect(roles).toEqual([
      { email: 'bulk@example.org', role: 'attendee' },
      { email: 'mod@example.org', role: 'moderator' },
      { email: 'staffer@example.org', role: 'staff' },
    ]);
    const tooBig = await api.request({
      method: 'POST',
      url: '/api/events/vmc2021/registrations',
      payload: { padding: 'x'.repeat(100 * 1024) },
      cookie: organiser,
    });
    expect(tooBig.statusCode).toBe(413);
  }, 30_000);

  it('exports registrations as CSV with formula-like cells neutralised', async () => {
    await register('formula@example.org', { name: '=HYPERLINK("http://evil")', organisation: '+cmd' });
    const response = await api.request({ url: '/api/events/vmc2021/registrations.csv', cookie: organiser });
    expect(response.headers['content-type']).toContain('text/csv');
    expect(response.body).toContain('name,email,organisation');
    expect(response.body).toContain(`"'=HYPERLINK(""http://evil"")"`);
    expect(response.body).toContain("'+cmd");
    const attendee = await signIn('formula@example.org');
    expect(
      (await api.request({ url: '/api/events/vmc2021/registrations.csv', cookie: attendee })).statusCode,
    ).toBe(403);
  });

  it('lets an organiser end a participant’s sessions', async () => {
    await register('lost-phone@example.org');
    const cookie = await signIn('lost-phone@example.org');
    const me = (await api.request({ url: '/api/me', cookie })).json<{ person: { id: string } }>();
    const response = await api.request({
      method: 'DELETE',
      url: `/api/events/vmc2021/people/${me.person.id}/sessions`,
      cookie: organiser,
    });
    expect(response.json()).toEqual({ ended: 1 });
    expect((await api.request({ url: '/api/me', cookie })).statusCode).toBe(401);
    const stranger = await api.request({
      method: 'DELETE',
      url: '/api/events/vmc2021/people/5e0c2021-0000-4000-8000-00000000f00d/sessions',
      cookie: organiser,
    });
    expect(stranger.statusCode).toBe(404);
  });
});
