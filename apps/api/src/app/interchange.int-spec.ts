import {
  errorEnvelopeSchema,
  managedEventSchema,
  programmeEditorViewSchema,
  programmeImportResultSchema,
  scheduleIssueSchema,
  type ProgrammeEditorView,
  type ProgrammeImportResult,
} from '@plenary/contracts';
import type { LightMyRequestResponse } from 'fastify';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { freshIp, signInAs, startTestApi, type TestApi } from './test-api';

const FIXTURE = join(
  __dirname,
  '../../../../libs/server/programme/src/lib/interchange/fixtures/pretalx-schedule-60.json',
);
const fixtureText = readFileSync(FIXTURE, 'utf8');

interface Talk {
  guid: string;
  title: string;
  date: string;
  start: string;
  duration: string;
  persons: Array<{ code: string; public_name: string }>;
}
interface Fixture {
  schedule: { conference: { days: Array<{ rooms: Record<string, Talk[]> }> } };
}
const fixture = (): Fixture => JSON.parse(fixtureText) as Fixture;
const talksOf = (file: Fixture): Talk[] =>
  file.schedule.conference.days.flatMap((day) => Object.values(day.rooms).flat());

let api: TestApi;
let admin: string;
let otherOrganiser: string;
let eventCounter = 0;

const send = (options: {
  method?: 'GET' | 'POST';
  url: string;
  cookie?: string;
  payload?: string | Record<string, unknown>;
  contentType?: string;
  headers?: Record<string, string>;
}): Promise<LightMyRequestResponse> =>
  api.request({
    method: options.method ?? 'GET',
    url: options.url,
    cookie: options.cookie,
    ...(options.payload === undefined ? {} : { payload: options.payload }),
    headers: {
      ...(options.contentType ? { 'content-type': options.contentType } : {}),
      ...options.headers,
    },
    ip: freshIp(),
  });

function expectStatus(response: LightMyRequestResponse, status: number): void {
  if (response.statusCode !== status)
    throw new Error(`expected ${status}, got ${response.statusCode}: ${response.body.slice(0, 800)}`);
}

const errorOf = (response: LightMyRequestResponse) => errorEnvelopeSchema.parse(response.json()).error;
const issuesOf = (response: LightMyRequestResponse) =>
  z.array(scheduleIssueSchema).parse(errorOf(response).details);

/** A new draft event the administrator organises (administrators pass wherever organisers do). */
async function newEvent(overrides: Record<string, unknown> = {}): Promise<string> {
  eventCounter += 1;
  const slug = `import-${eventCounter}`;
  const response = await send({
    method: 'POST',
    url: '/api/events',
    cookie: admin,
    payload: {
      slug,
      name: `Import ${eventCounter}`,
      startDate: '2026-10-19',
      endDate: '2026-10-20',
      timeZone: 'Europe/Vienna',
      ...overrides,
    },
  });
  expectStatus(response, 201);
  managedEventSchema.parse(response.json());
  return slug;
}

async function importFile(
  slug: string,
  body: string,
  contentType: string,
  dryRun: boolean,
  cookie = admin,
): Promise<LightMyRequestResponse> {
  return send({
    method: 'POST',
    url: `/api/events/${slug}/programme/import?dryRun=${dryRun}`,
    cookie,
    payload: body,
    contentType,
  });
}

async function imported(
  slug: string,
  body: string,
  contentType: string,
  dryRun = false,
): Promise<ProgrammeImportResult> {
  const response = await importFile(slug, body, contentType, dryRun);
  expectStatus(response, 200);
  return programmeImportResultSchema.parse(response.json());
}

async function editor(slug: string): Promise<ProgrammeEditorView> {
  const response = await send({ url: `/api/events/${slug}/programme`, cookie: admin });
  expectStatus(response, 200);
  return programmeEditorViewSchema.parse(response.json());
}

async function programmeVersion(slug: string): Promise<number> {
  const rows = await api.dataSource.query<Array<{ programme_version: number }>>(
    'SELECT programme_version FROM events WHERE slug = $1',
    [slug],
  );
  return rows[0]?.programme_version ?? -1;
}

/** A programme in comparable form: sessions by title with times, room name and speakers with roles. */
function shape(view: ProgrammeEditorView) {
  const roomName = new Map(view.rooms.map((room) => [room.id, room.name]));
  const speakerName = new Map(view.speakers.map((speaker) => [speaker.id, speaker.name]));
  return {
    rooms: view.rooms.map((room) => room.name).sort(),
    speakers: view.speakers
      .map((speaker) => [speaker.name, speaker.bio, speaker.organisation, speaker.title].join('|'))
      .sort(),
    sessions: view.sessions
      .map((session) =>
        [
          session.title,
          session.kind,
          session.startsLocal,
          session.endsLocal,
          session.roomId ? roomName.get(session.roomId) : '',
          session.abstract,
          session.speakers.map((link) => `${speakerName.get(link.speaker.id)}:${link.role}`).join(','),
        ].join('|'),
      )
      .sort(),
  };
}

beforeAll(async () => {
  api = await startTestApi();
  admin = await signInAs(api, 'admin@plenary.test');
  otherOrganiser = await signInAs(api, 'organiser@plenary.test');
}, 60_000);

afterAll(async () => {
  await api.close();
});

describe('pretalx schedule JSON: 60 sessions, 80 speakers', () => {
  let slug: string;

  beforeAll(async () => {
    slug = await newEvent();
  });

  it('previews the whole file in a dry run and writes nothing', async () => {
    const before = await programmeVersion(slug);
    const preview = await imported(slug, fixtureText, 'application/json', true);
    expect(preview.dryRun).toBe(true);
    expect(preview.format).toBe('pretalx-json');
    expect(preview.counts).toEqual({
      rooms: { create: 3, update: 0, unchanged: 0, absent: 0 },
      speakers: { create: 80, update: 0, unchanged: 0, absent: 0 },
      sessions: { create: 60, update: 0, unchanged: 0, absent: 0 },
    });
    expect(preview.items.filter((item) => item.kind === 'session')[0]).toMatchObject({
      action: 'create',
      location: 'schedule.conference.days[0].rooms["Plenary hall"][0]',
    });
    const view = await editor(slug);
    expect([view.sessions.length, view.speakers.length, view.rooms.length]).toEqual([0, 0, 0]);
    expect(await programmeVersion(slug)).toBe(before);
  });

  it('imports it in one request: one version bump, times in the event zone, speakers linked', async () => {
    const before = await programmeVersion(slug);
    const started = Date.now();
    const result = await imported(slug, fixtureText, 'application/json');
    const elapsed = Date.now() - started;
    expect(result.counts.sessions.create).toBe(60);
    expect(result.counts.speakers.create).toBe(80);
    expect(result.programmeVersion).toBe(before + 1);
    expect(elapsed).toBeLessThan(10_000);
    const view = await editor(slug);
    expect([view.sessions.length, view.speakers.length, view.rooms.length]).toEqual([60, 80, 3]);
    const first = talksOf(fixture())[0];
    const session = view.sessions.find((candidate) => candidate.externalId === first?.guid);
    // 09:00+02:00 in the file is 09:00 in Vienna (CEST), 07:00Z.
    expect(session?.startsLocal).toBe('2026-10-19T09:00');
    expect(session?.endsLocal).toBe('2026-10-19T09:40');
    expect(session?.startsAt).toBe('2026-10-19T07:00:00.000Z');
    expect(session?.speakers.map((link) => link.speaker.name)).toEqual(
      first?.persons.map((p) => p.public_name),
    );
    const audit = await api.dataSource.query<Array<{ action: string; count: string }>>(
      `SELECT action, count(*) FROM audit_log WHERE event_id = (SELECT id FROM events WHERE slug = $1)
       GROUP BY action ORDER BY action`,
      [slug],
    );
    expect(audit.map((row) => [row.action, Number(row.count)])).toEqual([
      ['event.create', 1],
      ['programme.import', 1],
      ['room.create', 3],
      ['session.create', 60],
      ['speaker.create', 80],
    ]);
  });

  it('imports the same file again without changing anything', async () => {
    const before = await editor(slug);
    const version = await programmeVersion(slug);
    const preview = await imported(slug, fixtureText, 'application/json', true);
    expect(preview.counts.sessions).toEqual({ create: 0, update: 0, unchanged: 60, absent: 0 });
    expect(preview.counts.speakers).toEqual({ create: 0, update: 0, unchanged: 80, absent: 0 });
    expect(preview.counts.rooms).toEqual({ create: 0, update: 0, unchanged: 3, absent: 0 });
    const result = await imported(slug, fixtureText, 'application/json');
    expect(result.counts.sessions.unchanged).toBe(60);
    expect(await programmeVersion(slug)).toBe(version);
    const after = await editor(slug);
    expect(after.sessions.map((s) => [s.id, s.version])).toEqual(
      before.sessions.map((s) => [s.id, s.version]),
    );
    expect(after.speakers.map((s) => [s.id, s.version])).toEqual(
      before.speakers.map((s) => [s.id, s.version]),
    );
  });

  it('updates only what a changed file changes: one time moved, one title changed', async () => {
    const file = fixture();
    const talks = talksOf(file);
    const moved = talks[4] as Talk;
    const renamed = talks[41] as Talk;
    moved.date = moved.date.replace('T12:00', 'T12:10');
    moved.start = '12:10';
    renamed.title = 'Legal pathways, revisited';
    const before = await editor(slug);
    const version = await programmeVersion(slug);

    const preview = await imported(slug, JSON.stringify(file), 'application/json', true);
    expect(preview.counts.sessions).toEqual({ create: 0, update: 2, unchanged: 58, absent: 0 });
    expect(preview.items.filter((item) => item.action === 'update')).toEqual([
      expect.objectContaining({ key: moved.guid, changes: ['startsLocal', 'endsLocal'] }),
      expect.objectContaining({ key: renamed.guid, label: 'Legal pathways, revisited', changes: ['title'] }),
    ]);

    await imported(slug, JSON.stringify(file), 'application/json');
    expect(await programmeVersion(slug)).toBe(version + 1);
    const after = await editor(slug);
    const versions = (view: ProgrammeEditorView) =>
      new Map(view.sessions.map((s) => [s.externalId, s.version]));
    const changed = [...versions(after)]
      .filter(([key, v]) => versions(before).get(key) !== v)
      .map(([key]) => key);
    expect(changed.sort()).toEqual([moved.guid, renamed.guid].sort());
    const movedNow = after.sessions.find((s) => s.externalId === moved.guid);
    expect([movedNow?.startsLocal.slice(11), movedNow?.endsLocal.slice(11)]).toEqual(['12:10', '12:50']);
    const audit = await api.dataSource.query<
      Array<{ action: string; target_id: string; details: { after: Record<string, unknown> } }>
    >(
      `SELECT action, target_id, details FROM audit_log WHERE event_id = (SELECT id FROM events WHERE slug = $1)
       AND action = 'session.update'`,
      [slug],
    );
    expect(audit.map((row) => Object.keys(row.details.after).sort())).toEqual(
      expect.arrayContaining([['endsLocal', 'startsLocal'], ['title']]),
    );
    expect(audit).toHaveLength(2);
  });

  it('refuses a file with one bad row, imports nothing and names the row', async () => {
    const fresh = await newEvent();
    const file = fixture();
    const bad = file.schedule.conference.days[1]?.rooms['Breakout A']?.[3] as Talk;
    bad.duration = 'soon';
    const response = await importFile(fresh, JSON.stringify(file), 'application/json', false);
    expectStatus(response, 400);
    expect(errorOf(response).code).toBe('core/validation-failed');
    expect(issuesOf(response)).toEqual([
      {
        path: 'schedule.conference.days[1].rooms["Breakout A"][3].duration',
        message: 'must be a duration (HH:MM) longer than zero',
      },
    ]);
    const view = await editor(fresh);
    expect([view.sessions.length, view.speakers.length, view.rooms.length]).toEqual([0, 0, 0]);
  });

  it('refuses sessions outside the event’s dates, naming each', async () => {
    const fresh = await newEvent({ startDate: '2026-10-19', endDate: '2026-10-19' });
    const response = await importFile(fresh, fixtureText, 'application/json', true);
    expectStatus(response, 400);
    const issues = issuesOf(response);
    expect(issues).toHaveLength(30);
    expect(issues[0]).toEqual({
      path: 'schedule.conference.days[1].rooms["Plenary hall"][0].start',
      message: 'must be within the event (2026-10-19 to 2026-10-19)',
    });
  });

  it('exports pretalx JSON that imports into a new event as the same programme', async () => {
    const exported = await send({
      url: `/api/events/${slug}/programme/export?format=pretalx-json`,
      cookie: admin,
    });
    expectStatus(exported, 200);
    expect(exported.headers['content-type']).toContain('application/json');
    expect(exported.headers['content-disposition']).toContain(`${slug}-schedule.json`);
    const copy = await newEvent();
    await imported(copy, exported.body, 'application/json');
    expect(shape(await editor(copy))).toEqual(shape(await editor(slug)));
    // The export of the event imported into the event itself changes nothing.
    const again = await imported(slug, exported.body, 'application/json', true);
    expect(again.counts.sessions).toEqual({ create: 0, update: 0, unchanged: 60, absent: 0 });
    expect(again.counts.speakers).toEqual({ create: 0, update: 0, unchanged: 80, absent: 0 });
  });

  it('exports frab XML that imports into a new event with the same sessions', async () => {
    const exported = await send({
      url: `/api/events/${slug}/programme/export?format=frab-xml`,
      cookie: admin,
    });
    expectStatus(exported, 200);
    expect(exported.headers['content-type']).toContain('application/xml');
    const copy = await newEvent();
    const result = await imported(copy, exported.body, 'application/xml');
    expect(result.format).toBe('frab-xml');
    expect(result.counts.sessions.create).toBe(60);
    const original = shape(await editor(slug));
    const copied = shape(await editor(copy));
    // frab persons carry a name only: compare everything but the speakers' biographies.
    expect(copied.sessions).toEqual(original.sessions);
    expect(copied.rooms).toEqual(original.rooms);
    expect(await imported(copy, exported.body, 'application/xml', true)).toMatchObject({
      counts: { sessions: { create: 0, update: 0, unchanged: 60 } },
    });
  });

  it('exports speakers and sessions CSV that import into a new event as the same programme', async () => {
    const speakersCsv = await send({
      url: `/api/events/${slug}/programme/export?format=csv-speakers`,
      cookie: admin,
    });
    const sessionsCsv = await send({
      url: `/api/events/${slug}/programme/export?format=csv-sessions`,
      cookie: admin,
    });
    expectStatus(speakersCsv, 200);
    expectStatus(sessionsCsv, 200);
    expect(sessionsCsv.headers['content-type']).toContain('text/csv');
    const copy = await newEvent();
    expect((await imported(copy, speakersCsv.body, 'text/csv')).counts.speakers.create).toBe(80);
    const sessions = await imported(copy, sessionsCsv.body, 'text/csv');
    expect(sessions.format).toBe('csv-sessions');
    expect(sessions.counts.sessions.create).toBe(60);
    expect(shape(await editor(copy))).toEqual(shape(await editor(slug)));
  });
});

describe('frab XML and CSV', () => {
  const frab = (duration: string) => `<?xml version="1.0" encoding="UTF-8"?>
<schedule>
  <conference><acronym>t</acronym><title>T</title></conference>
  <day index="1" date="2026-10-19">
    <room name="Saal 1">
      <event guid="a1b2c3d4-0000-4000-8000-000000000001" id="1">
        <date>2026-10-19T10:00:00+02:00</date>
        <start>10:00</start>
        <duration>01:00</duration>
        <room>Saal 1</room>
        <title>Opening &amp; welcome</title>
        <type>opening</type>
        <abstract>Hello</abstract>
        <persons><person id="7" role="moderator">Grace Hopper</person></persons>
      </event>
      <event guid="a1b2c3d4-0000-4000-8000-000000000002" id="2">
        <date>2026-10-19T11:00:00+02:00</date>
        <start>11:00</start>
        <duration>${duration}</duration>
        <room>Saal 1</room>
        <title>Second</title>
        <type>Lecture</type>
        <persons><person id="7">Grace Hopper</person><person id="8">Alan Turing</person></persons>
      </event>
    </room>
  </day>
</schedule>
`;

  it('imports a frab schedule XML', async () => {
    const slug = await newEvent();
    const result = await imported(slug, frab('00:30'), 'application/xml');
    expect(result.counts.sessions.create).toBe(2);
    expect(result.counts.speakers.create).toBe(2);
    const view = await editor(slug);
    const opening = view.sessions.find((s) => s.title === 'Opening & welcome');
    expect(opening).toMatchObject({
      kind: 'opening',
      startsLocal: '2026-10-19T10:00',
      endsLocal: '2026-10-19T11:00',
    });
    expect(opening?.speakers.map((link) => [link.speaker.name, link.role])).toEqual([
      ['Grace Hopper', 'moderator'],
    ]);
    expect(view.sessions.find((s) => s.title === 'Second')?.kind).toBe('talk');
  });

  it('refuses a frab XML with a bad event, naming its line; refuses XML that is not well-formed', async () => {
    const slug = await newEvent();
    const bad = await importFile(slug, frab('-1'), 'application/xml', false);
    expectStatus(bad, 400);
    expect(issuesOf(bad)).toEqual([
      { path: 'line 16.duration', line: 16, message: 'must be a duration (HH:MM) longer than zero' },
    ]);
    const broken = await importFile(slug, frab('00:30').replace('</title>', ''), 'text/xml', false);
    expectStatus(broken, 400);
    expect(issuesOf(broken)[0]?.line).toBeGreaterThan(1);
    const bomb = await importFile(
      slug,
      frab('00:30').replace('<schedule>', '<!DOCTYPE schedule [<!ENTITY a "aaaaaaaaaa">]>\n<schedule>'),
      'application/xml',
      false,
    );
    expectStatus(bomb, 400);
    expect(issuesOf(bomb)).toEqual([
      {
        path: 'line 2',
        line: 2,
        message: 'has a DOCTYPE or ENTITY declaration; schedule files must not have one',
      },
    ]);
    expect((await editor(slug)).sessions).toHaveLength(0);
  });

  const speakersCsv =
    'id,name,organisation,title\nsp-1,Ada Lovelace,Analytical Engines,Analyst\nsp-2,Alan Turing,,\n';
  const sessionsCsv = (end: string) =>
    [
      'id,title,kind,date,start,end,room,speakers,abstract',
      's-1,Opening,opening,2026-10-19,09:00,09:30,Main hall,sp-1:chair,"Welcome, everyone"',
      `s-2,Machines,talk,2026-10-19,09:30,${end},Main hall,sp-1;sp-2:panelist,`,
      's-3,Coffee,break,2026-10-19,10:30,11:00,,,',
    ].join('\n');

  it('imports speakers and sessions CSV, then updates by id', async () => {
    const slug = await newEvent();
    await imported(slug, speakersCsv, 'text/csv');
    const result = await imported(slug, sessionsCsv('10:30'), 'text/csv');
    expect(result.counts.sessions.create).toBe(3);
    expect(result.counts.rooms.create).toBe(1);
    const view = await editor(slug);
    const machines = view.sessions.find((s) => s.externalId === 's-2');
    expect(machines?.speakers.map((link) => [link.speaker.name, link.role])).toEqual([
      ['Ada Lovelace', 'speaker'],
      ['Alan Turing', 'panelist'],
    ]);
    expect(view.speakers.find((s) => s.externalId === 'sp-1')?.organisation).toBe('Analytical Engines');
    const update = await imported(slug, sessionsCsv('10:15'), 'text/csv', true);
    expect(update.items.filter((item) => item.action === 'update')).toEqual([
      expect.objectContaining({ key: 's-2', changes: ['endsLocal'], location: 'line 3' }),
    ]);
    // Formula-looking cells are exported with a leading quote and come back as they were.
    const formula = await imported(
      slug,
      `${sessionsCsv('10:30')}\ns-5,"=HYPERLINK(""x"")",talk,2026-10-19,12:00,13:00,,,"- first\n- second"`,
      'text/csv',
    );
    expect(formula.counts.sessions).toMatchObject({ create: 1, unchanged: 3 });
    const exported = await send({
      url: `/api/events/${slug}/programme/export?format=csv-sessions`,
      cookie: admin,
    });
    expect(exported.body).toContain(`s-5,"'=HYPERLINK(""x"")",talk`);
    expect(exported.body).toContain("'- first");
    const reimport = await imported(slug, exported.body, 'text/csv', true);
    expect(reimport.counts.sessions).toEqual({ create: 0, update: 0, unchanged: 4, absent: 0 });
    expect((await editor(slug)).sessions.find((s) => s.externalId === 's-5')).toMatchObject({
      title: '=HYPERLINK("x")',
      abstract: '- first\n- second',
    });
    // Not in the file: listed as absent, kept.
    const partial = await imported(
      slug,
      sessionsCsv('10:30').split('\n').slice(0, 3).join('\n'),
      'text/csv',
      true,
    );
    expect(partial.items.filter((item) => item.action === 'absent')).toEqual([
      expect.objectContaining({ kind: 'session', key: 's-3', label: 'Coffee' }),
      expect.objectContaining({ kind: 'session', key: 's-5' }),
    ]);
  });

  it('refuses a CSV with bad rows, naming their lines, and imports nothing', async () => {
    const slug = await newEvent();
    await imported(slug, speakersCsv, 'text/csv');
    const bad = await importFile(
      slug,
      `${sessionsCsv('09:00')}\ns-4,Unknown speaker,talk,2026-10-19,12:00,13:00,,sp-9,`,
      'text/csv',
      false,
    );
    expectStatus(bad, 400);
    expect(issuesOf(bad)).toEqual([
      { path: 'line 3.end', line: 3, message: 'must be after the start' },
      {
        path: 'line 5.speakers',
        line: 5,
        message: 'names "sp-9", who is neither in this file nor a speaker of the event',
      },
    ]);
    const header = await importFile(slug, 'id,titel,date,start,end\n', 'text/csv', false);
    expectStatus(header, 400);
    expect(issuesOf(header).map((issue) => issue.message)).toContain(
      'has an unknown column "titel" (allowed: id, title, kind, date, start, end, duration, room, speakers, abstract)',
    );
    expect((await editor(slug)).sessions).toHaveLength(0);
  });
});

describe('Who may import and export, and the limits', () => {
  let slug: string;
  beforeAll(async () => {
    slug = await newEvent();
  });

  it('refuses an organiser of another event (403), a stranger (401) and a request without the CSRF header', async () => {
    const other = await importFile(slug, fixtureText, 'application/json', true, otherOrganiser);
    expectStatus(other, 403);
    expect(errorOf(other).code).toBe('identity/forbidden-role');
    expectStatus(
      await send({ url: `/api/events/${slug}/programme/export?format=csv-sessions`, cookie: otherOrganiser }),
      403,
    );
    const anonymous = await send({
      method: 'POST',
      url: `/api/events/${slug}/programme/import?dryRun=true`,
      payload: fixtureText,
      contentType: 'application/json',
    });
    expectStatus(anonymous, 401);
    const noCsrf = await api.app
      .getHttpAdapter()
      .getInstance()
      .inject({
        method: 'POST',
        url: `/api/events/${slug}/programme/import`,
        headers: { cookie: admin, 'content-type': 'application/json', origin: 'http://localhost:4200' },
        payload: fixtureText,
      });
    expect(noCsrf.statusCode).toBe(403);
    expect((await editor(slug)).sessions).toHaveLength(0);
  });

  it('answers 413 to a file over 10 MB, JSON or CSV, and 400 to an unknown export format', async () => {
    const big = 'x'.repeat(10 * 1024 * 1024 + 10);
    const json = await importFile(slug, `{"pad":"${big}"}`, 'application/json', true);
    expectStatus(json, 413);
    expect(errorOf(json).code).toBe('core/payload-too-large');
    const csv = await importFile(slug, `id,name\n1,${big}\n`, 'text/csv', true);
    expectStatus(csv, 413);
    expectStatus(await send({ url: `/api/events/${slug}/programme/export?format=ics`, cookie: admin }), 400);
  });

  it('describes import and export in the OpenAPI document', async () => {
    const document = (await send({ url: '/api/docs/openapi.json' })).json<{
      paths: Record<string, Record<string, { parameters?: Array<{ name: string }> }>>;
    }>();
    const importOp = document.paths['/api/events/{slug}/programme/import']?.['post'];
    const exportOp = document.paths['/api/events/{slug}/programme/export']?.['get'];
    expect(importOp?.parameters?.map((p) => p.name)).toContain('dryRun');
    expect(exportOp?.parameters?.map((p) => p.name)).toContain('format');
  });

  it('refuses a body that is not a schedule without a 500', async () => {
    const notSchedule = await importFile(slug, '{"hello":"world"}', 'application/json', true);
    expectStatus(notSchedule, 400);
    expect(issuesOf(notSchedule)[0]?.path).toBe('schedule.conference.days');
    const brokenJson = await importFile(slug, '{"schedule":', 'application/json', true);
    expectStatus(brokenJson, 400);
    const empty = await importFile(slug, '', 'text/csv', true);
    expect([400]).toContain(empty.statusCode);
  });
});
