import { checkinDeviceSchema, checkinResultSchema, registrationListSchema } from '@plenary/contracts';
import { Client } from 'pg';
import { randomUUID } from 'node:crypto';
import type { BrowserContext, Page } from 'playwright-core';
import { launchBrowser, screenshot, seriousAccessibilityViolations } from './support/browser';
import { platformClient } from './support/platform-client';
import { startPlatform, type Platform } from './support/platform';

const EVENT = 'vmc2021';
const SESSION_ID = '5e0c2021-0000-4000-8000-000000000203';
const SESSION_PATH = `/e/${EVENT}/sessions/${SESSION_ID}`;
const DASHBOARD_PATH = `/e/${EVENT}/organiser/attendance`;

/** Grace watches online; Alan and Ada are admitted at the door first; Grace is admitted later. */
const PEOPLE = [
  { name: 'Grace Hopper', email: 'grace.attendance.e2e@example.org', attendance: 'remote' },
  { name: 'Alan Turing', email: 'alan.attendance.e2e@example.org', attendance: 'in_person' },
  { name: 'Ada Lovelace', email: 'ada.attendance.e2e@example.org', attendance: 'in_person' },
] as const;

let platform: Platform;
const { apiPost, apiSignIn, signInWithLink, rejectNonEssential } = platformClient(() => platform.url);
let database: Client;
let attendeeBrowser: BrowserContext;
let organiserBrowser: BrowserContext;
let organiserCookie: string;
let staffCookie: string;
let deviceId: string;
const registrationIds = new Map<string, string>();

/** Admits a registration at the door, as a staff phone does after a search ("manual admission"). */
async function admit(email: string): Promise<void> {
  const response = await apiPost(
    `/events/${EVENT}/checkins`,
    {
      deviceId,
      nonce: randomUUID(),
      gate: 'A',
      scannedAt: new Date().toISOString(),
      mode: 'online',
      registrationId: registrationIds.get(email),
    },
    staffCookie,
  );
  expect(response.status).toBe(200);
  expect(checkinResultSchema.parse(await response.json()).verdict).toBe('admitted');
}

/** Straight from the database: people admitted today (event time zone) and people online now. */
async function databaseCounts(): Promise<{ checkedInToday: number; onlineNow: number }> {
  const { rows } = await database.query<{ checked_in: number; online: number }>(
    `SELECT
       (SELECT count(DISTINCT c.person_id)::int FROM checkins c JOIN events e ON e.id = c.event_id
         WHERE e.slug = $1 AND c.verdict = 'admitted' AND c.undone_at IS NULL
           AND c.day = (now() AT TIME ZONE e.time_zone)::date) AS checked_in,
       (SELECT count(DISTINCT p.person_id)::int FROM online_presence p
          JOIN live_nodes n ON n.id = p.node_id JOIN events e ON e.id = p.event_id
         WHERE e.slug = $1 AND p.left_at IS NULL AND n.expires_at > now()) AS online`,
    [EVENT],
  );
  return { checkedInToday: rows[0]?.checked_in ?? -1, onlineNow: rows[0]?.online ?? -1 };
}

/** The value of one big number on the dashboard. */
async function bigNumber(page: Page, label: string): Promise<string> {
  const numbers = page.getByRole('region', { name: 'At a glance' });
  return (
    await numbers
      .locator('.po-number')
      .filter({ has: page.getByText(label, { exact: true }) })
      .locator('.po-number__value')
      .innerText()
  ).trim();
}

/** Waits until the dashboard (refreshing every 5 s) shows what the database says. */
async function expectDashboardToMatchDatabase(
  page: Page,
  expected: { checkedInToday: number; onlineNow: number },
) {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const counts = await databaseCounts();
    const shown = {
      checkedInToday: Number(await bigNumber(page, 'Checked in today')),
      onlineNow: Number(await bigNumber(page, 'Online now')),
    };
    if (
      counts.checkedInToday === expected.checkedInToday &&
      counts.onlineNow === expected.onlineNow &&
      shown.checkedInToday === counts.checkedInToday &&
      shown.onlineNow === counts.onlineNow
    ) {
      return;
    }
    if (Date.now() > deadline) {
      throw new Error(`dashboard ${JSON.stringify(shown)}, database ${JSON.stringify(counts)}`);
    }
    await page.waitForTimeout(500);
  }
}

beforeAll(async () => {
  platform = await startPlatform();
  const pgPort = /embedded PostgreSQL on port (\d+)/.exec(platform.output.join(''))?.[1];
  database = new Client({ connectionString: `postgres://postgres:postgres@127.0.0.1:${pgPort}/plenary` });
  await database.connect();
  [attendeeBrowser, organiserBrowser] = await Promise.all([launchBrowser(), launchBrowser()]);

  // Register and approve three people; register a staff phone.
  for (const person of PEOPLE) {
    const registered = await apiPost(`/events/${EVENT}/registrations`, {
      name: person.name,
      email: person.email,
      organisation: 'Analytical Engines',
      jobTitle: 'Delegate',
      country: 'GB',
      attendance: person.attendance,
      consents: { privacyNotice: true, photoRecording: false },
    });
    expect(registered.status).toBe(202);
  }
  organiserCookie = await apiSignIn('organiser@plenary.test');
  const list = registrationListSchema.parse(
    await (
      await fetch(`${platform.url}/api/events/${EVENT}/registrations?q=attendance.e2e`, {
        headers: { cookie: organiserCookie },
      })
    ).json(),
  );
  for (const person of PEOPLE) {
    const id = list.items.find((item) => item.email === person.email)?.id;
    if (!id) throw new Error(`${person.email} is not in the organiser list`);
    registrationIds.set(person.email, id);
  }
  const decided = await apiPost(
    `/events/${EVENT}/registrations/decisions`,
    { registrationIds: [...registrationIds.values()], decision: 'approve' },
    organiserCookie,
  );
  expect(decided.status).toBe(200);
  staffCookie = await apiSignIn('staff@plenary.test');
  const device = await apiPost(`/events/${EVENT}/checkins/devices`, { name: 'Main door phone' }, staffCookie);
  expect(device.status).toBe(201);
  deviceId = checkinDeviceSchema.parse(await device.json()).id;
});

afterAll(async () => {
  await Promise.all([attendeeBrowser?.close(), organiserBrowser?.close()]);
  await database?.end();
  if (platform?.process.exitCode === null) await platform.interrupt();
});

describe('Attendance: one picture of the room and online, and the hybrid switch', () => {
  let attendeePage: Page;
  let dashboard: Page;

  it('counts the door and the online attendee on the organiser dashboard as the database does', async () => {
    await admit(PEOPLE[1].email);
    await admit(PEOPLE[2].email);

    // Grace opens a session page in her own browser: she is online (the Q&A panel joined the session).
    attendeePage = await attendeeBrowser.newPage();
    await signInWithLink(attendeePage, PEOPLE[0].email);
    await attendeePage.goto(`${platform.url}${SESSION_PATH}`);
    await rejectNonEssential(attendeePage);
    await attendeePage
      .getByRole('complementary', { name: 'Questions and polls' })
      .getByRole('status')
      .filter({ hasText: /^Connection: Live$/ })
      .waitFor();
    expect(await attendeePage.getByText('You’re in the room').count()).toBe(0);

    dashboard = await organiserBrowser.newPage();
    await signInWithLink(dashboard, 'organiser@plenary.test');
    await dashboard.goto(`${platform.url}/e/${EVENT}/organiser`);
    await rejectNonEssential(dashboard);
    await dashboard
      .getByRole('navigation', { name: 'Organiser pages' })
      .getByRole('link', { name: 'Attendance' })
      .click();
    await dashboard.waitForURL(`${platform.url}${DASHBOARD_PATH}`);
    await dashboard.getByRole('region', { name: 'At a glance' }).waitFor();

    await expectDashboardToMatchDatabase(dashboard, { checkedInToday: 2, onlineNow: 1 });
    expect(await bigNumber(dashboard, 'Registered in person')).toBe(
      String(
        (
          await database.query<{ n: number }>(
            `SELECT count(*)::int AS n FROM registrations r JOIN events e ON e.id = r.event_id
              WHERE e.slug = $1 AND r.status = 'approved' AND r.attendance = 'in_person'`,
            [EVENT],
          )
        ).rows[0]?.n,
      ),
    );
    const sessionRow = dashboard.getByRole('row', { name: /Panel/ }).filter({
      has: dashboard.getByRole('rowheader'),
    });
    expect(await sessionRow.count()).toBeGreaterThan(0);
    const csv = dashboard.getByRole('link', { name: /Export CSV/ });
    expect(await csv.getAttribute('href')).toBe(`/api/events/${EVENT}/attendance.csv`);
    await screenshot(dashboard, 'attendance-dashboard');
    expect(await seriousAccessibilityViolations(dashboard)).toEqual([]);
  });

  it('switches the open session page to "You’re in the room" when the attendee is checked in, without reload', async () => {
    await screenshot(attendeePage, 'attendance-session-online');
    const navigations: string[] = [];
    attendeePage.on('framenavigated', (frame) => {
      if (frame === attendeePage.mainFrame()) navigations.push(frame.url());
    });

    await admit(PEOPLE[0].email);

    await attendeePage.getByText('You’re in the room', { exact: true }).waitFor({ timeout: 10_000 });
    const stage = attendeePage.getByRole('region', { name: 'Live stage' });
    await stage.getByText(/the stream is paused/).waitFor();
    await stage.getByRole('button', { name: 'Watch anyway' }).waitFor();
    expect(navigations).toEqual([]);
    // Q&A and polls stay on.
    expect(await attendeePage.getByRole('complementary', { name: 'Questions and polls' }).count()).toBe(1);
    await screenshot(attendeePage, 'attendance-session-in-room');
    expect(await seriousAccessibilityViolations(attendeePage)).toEqual([]);

    await expectDashboardToMatchDatabase(dashboard, { checkedInToday: 3, onlineNow: 1 });
    const chart = dashboard.getByRole('region', { name: 'Over the day' });
    await chart.getByText('3 now').waitFor({ timeout: 40_000 });
    await screenshot(dashboard, 'attendance-dashboard-after-checkin');
  });

  it('stops counting the attendee online when she leaves the page', async () => {
    await attendeePage.goto(`${platform.url}/e/${EVENT}/programme`);
    await expectDashboardToMatchDatabase(dashboard, { checkedInToday: 3, onlineNow: 0 });
  });
});
