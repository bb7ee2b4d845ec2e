import { programmeEditorViewSchema } from '@plenary/contracts';
import type { ProgrammeEditorView } from '@plenary/contracts';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { launchBrowser, screenshot, seriousAccessibilityViolations } from './support/browser';
import { platformClient } from './support/platform-client';
import { ARTIFACTS, startPlatform, type Platform } from './support/platform';

// The programme editor (issue #12) as organisers use it: a fresh event (created through the API as the instance
// administrator), two rooms, a speaker and a session added on the page, the session moved by keyboard and by drag,
// a double booking shown as a warning, and two organisers editing the same session (the second sees the 412).

const EVENT = 'editor-e2e';
const EDITOR_PATH = `/e/${EVENT}/organiser/programme`;

/** The accessible name of a block in the day grid (its text; the separators are spoken, spacing varies). */
const blockName = (...parts: string[]): RegExp =>
  new RegExp(`^${parts.map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('\\s*,\\s*')}$`);

let platform: Platform;
const { apiPost, apiSignIn, signInWithLink, rejectNonEssential } = platformClient(() => platform.url);
let organiserBrowser: BrowserContext;
let adminBrowser: BrowserContext;
let adminCookie: string;

async function programme(): Promise<ProgrammeEditorView> {
  const response = await fetch(`${platform.url}/api/events/${EVENT}/programme`, {
    headers: { cookie: adminCookie },
  });
  expect(response.status).toBe(200);
  return programmeEditorViewSchema.parse(await response.json());
}

async function sessionTitled(title: string) {
  const session = (await programme()).sessions.find((candidate) => candidate.title === title);
  if (!session) throw new Error(`no session "${title}"`);
  return session;
}

async function openEditor(page: Page): Promise<void> {
  await page.goto(`${platform.url}${EDITOR_PATH}`);
  await page.getByRole('heading', { name: 'Programme editor', level: 1 }).waitFor();
  await page.getByRole('tab', { name: /^Sessions/ }).waitFor();
}

beforeAll(async () => {
  platform = await startPlatform();
  adminCookie = await apiSignIn('admin@plenary.test');
  const created = await apiPost(
    '/events',
    {
      slug: EVENT,
      name: 'Editor test conference',
      // Spans the end of summer time in Vienna (30 October 2022): wall-clock times must stay as entered.
      startDate: '2022-10-29',
      endDate: '2022-10-30',
      timeZone: 'Europe/Vienna',
    },
    adminCookie,
  );
  expect(created.status).toBe(201);
  const appointed = await apiPost(
    `/events/${EVENT}/organisers`,
    { email: 'organiser@plenary.test' },
    adminCookie,
  );
  expect(appointed.ok).toBe(true);
  [organiserBrowser, adminBrowser] = await Promise.all([launchBrowser(), launchBrowser()]);
});

afterAll(async () => {
  await Promise.all([organiserBrowser?.close(), adminBrowser?.close()]);
  if (platform?.process.exitCode === null) await platform.interrupt();
});

describe('programme editor', () => {
  let page: Page;

  it('adds two rooms, a speaker and a session on the page', async () => {
    page = await organiserBrowser.newPage();
    await signInWithLink(page, 'organiser@plenary.test');
    await rejectNonEssential(page);
    await openEditor(page);

    await page.getByRole('tab', { name: /^Rooms/ }).click();
    for (const [name, capacity, video] of [
      ['Plenary hall', '300', 'Plenary stage'],
      ['Breakout A', '', 'In the room only'],
    ] as const) {
      await page.getByRole('button', { name: 'Add room' }).click();
      const dialog = page.getByRole('dialog', { name: 'Add a room' });
      await dialog.getByLabel('Name').fill(name);
      await dialog.getByLabel(/In-person capacity/).fill(capacity);
      await dialog.getByLabel(video).check();
      await dialog.getByRole('button', { name: 'Add room' }).click();
      await dialog.waitFor({ state: 'detached' });
      await page.getByRole('heading', { name, level: 3 }).waitFor();
    }

    await page.getByRole('tab', { name: /^Speakers/ }).click();
    await page.getByRole('button', { name: 'Add speaker' }).click();
    const speakerDialog = page.getByRole('dialog', { name: 'Add a speaker' });
    await speakerDialog.getByLabel(/^Honorific/).fill('Dr');
    await speakerDialog.getByLabel('Name', { exact: true }).fill('Ada Lovelace');
    await speakerDialog.getByLabel(/^Organisation/).fill('Analytical Engines');
    await speakerDialog.getByRole('button', { name: 'Add speaker' }).click();
    await speakerDialog.waitFor({ state: 'detached' });
    await page.getByRole('heading', { name: 'Dr Ada Lovelace', level: 3 }).waitFor();

    await page.getByRole('tab', { name: /^Sessions/ }).click();
    await page.getByRole('button', { name: 'Add session' }).click();
    const form = page.getByRole('dialog', { name: 'Add a session' });
    await form.getByText('Day and times in the event’s time zone, Europe/Vienna.').waitFor();
    await form.getByLabel('Title').fill('Opening');
    await form.getByLabel('Kind').selectOption('opening');
    await form.getByLabel('Starts').fill('09:00');
    await form.getByLabel('Ends').fill('10:00');
    await form.getByLabel('Add a speaker').selectOption({ label: 'Ada Lovelace' });
    await form.getByRole('button', { name: 'Add to the line-up' }).click();
    await form.getByLabel('Role of Ada Lovelace').selectOption('keynote');
    // Tall enough for the whole form in one picture.
    await page.setViewportSize({ width: 1280, height: 1300 });
    await form.screenshot({ path: join(ARTIFACTS, 'editor-session-form.png') });
    await page.setViewportSize({ width: 1280, height: 900 });
    await form.getByRole('button', { name: 'Add session' }).click();
    await form.waitFor({ state: 'detached' });
    await page.getByRole('button', { name: blockName('Opening', '09:00–10:00', 'Plenary hall') }).waitFor();

    const session = await sessionTitled('Opening');
    expect(session).toMatchObject({
      kind: 'opening',
      startsLocal: '2022-10-29T09:00',
      room: 'Plenary hall',
      speakers: [{ role: 'keynote', speaker: { name: 'Ada Lovelace', honorific: 'Dr' } }],
    });
  });

  it('moves the session by keyboard: arrows move 5 minutes, Enter saves', async () => {
    const block = page.getByRole('button', { name: blockName('Opening', '09:00–10:00', 'Plenary hall') });
    await block.focus();
    for (let step = 0; step < 6; step += 1) await page.keyboard.press('ArrowDown');
    await page.getByRole('button', { name: blockName('Opening', '09:30–10:30', 'Plenary hall') }).waitFor();
    await page.keyboard.press('Enter');
    await page.getByText('Moved “Opening” to 09:30, Plenary hall.').waitFor();

    const session = await sessionTitled('Opening');
    expect(session.startsLocal).toBe('2022-10-29T09:30');
    // Summer time in Vienna on 29 October 2022: 09:30 is 07:30Z.
    expect(new Date(session.startsAt).toISOString()).toBe('2022-10-29T07:30:00.000Z');
  });

  it('moves the session by drag: an hour later and into the next room', async () => {
    const block = page.getByRole('button', { name: blockName('Opening', '09:30–10:30', 'Plenary hall') });
    const from = await block.boundingBox();
    const target = await page.locator('[data-column]').nth(1).boundingBox();
    if (!from || !target) throw new Error('the grid is not laid out');
    const x = from.x + from.width / 2;
    const y = from.y + 10;
    await page.mouse.move(x, y);
    await page.mouse.down();
    // 72 px is an hour in the grid.
    await page.mouse.move(x + 20, y + 36, { steps: 4 });
    await page.mouse.move(target.x + target.width / 2, y + 72, { steps: 6 });
    await page.mouse.up();
    await page.getByText('Moved “Opening” to 10:30, Breakout A.').waitFor();

    const session = await sessionTitled('Opening');
    expect(session).toMatchObject({
      startsLocal: '2022-10-29T10:30',
      endsLocal: '2022-10-29T11:30',
      room: 'Breakout A',
    });
    // Not opened as a click: no dialog after the drag.
    expect(await page.getByRole('dialog').count()).toBe(0);
  });

  it('shows a double booking as a warning, in the grid and the list', async () => {
    const { speakers, rooms } = await programme();
    const created = await apiPost(
      `/events/${EVENT}/programme/sessions`,
      {
        kind: 'panel',
        title: 'Cities and migration',
        startsLocal: '2022-10-29T11:00',
        endsLocal: '2022-10-29T12:00',
        roomId: rooms.find((room) => room.name === 'Breakout A')?.id,
        speakers: [{ speakerId: speakers[0]?.id, role: 'panelist' }],
      },
      adminCookie,
    );
    expect(created.status).toBe(201);
    await openEditor(page);

    const checks = page.getByRole('heading', { name: /checks? needs? a look/ });
    await checks.waitFor();
    const summary = page.locator('section', { has: checks });
    expect(await summary.getByText(/Breakout A/).count()).toBeGreaterThan(0);
    expect(await summary.getByText(/Ada Lovelace/).count()).toBeGreaterThan(0);
    // Both sessions of the double booking are flagged, side by side in the room's column.
    await page
      .getByRole('button', { name: blockName('Opening', '10:30–11:30', 'Breakout A', 'Check') })
      .waitFor();
    await page
      .getByRole('button', { name: blockName('Cities and migration', '11:00–12:00', 'Breakout A', 'Check') })
      .waitFor();
    await screenshot(page, 'editor-day-view');
    expect(await seriousAccessibilityViolations(page)).toEqual([]);

    await page.getByRole('button', { name: 'List', exact: true }).click();
    await page.getByRole('heading', { name: 'Saturday 29 October', level: 3 }).waitFor();
    await screenshot(page, 'editor-list-view');
  });

  it('two organisers edit the same session: the second sees both versions and chooses', async () => {
    const admin = await adminBrowser.newPage();
    await signInWithLink(admin, 'admin@plenary.test');
    await rejectNonEssential(admin);
    await openEditor(admin);
    await openEditor(page);

    await page.getByRole('button', { name: /^Opening\s*,\s*10:30/ }).click();
    await admin.getByRole('button', { name: /^Opening\s*,\s*10:30/ }).click();
    const mine = page.getByRole('dialog', { name: 'Edit “Opening”' });
    const theirs = admin.getByRole('dialog', { name: 'Edit “Opening”' });
    await mine.getByLabel('Title').fill('Opening of the conference');
    await theirs.getByLabel('Title').fill('Welcome and opening');

    await mine.getByRole('button', { name: 'Save changes' }).click();
    await page.getByText('Saved “Opening of the conference”.').waitFor();

    await theirs.getByRole('button', { name: 'Save changes' }).click();
    const conflict = admin.getByRole('alertdialog', { name: 'Someone else changed this session' });
    await conflict.waitFor();
    const titleRow = conflict.getByRole('row', { name: /^Title/ });
    await titleRow.getByText('Welcome and opening').waitFor();
    await titleRow.getByText('Opening of the conference').waitFor();
    await conflict.screenshot({ path: join(ARTIFACTS, 'editor-conflict.png') });
    expect((await sessionTitled('Opening of the conference')).title).toBe('Opening of the conference');

    await conflict.getByRole('button', { name: 'Overwrite with mine' }).click();
    await admin.getByText('Saved “Welcome and opening”.').waitFor();
    const saved = await sessionTitled('Welcome and opening');
    // Their other fields are kept: only the title was overwritten, on top of their version.
    expect(saved).toMatchObject({ startsLocal: '2022-10-29T10:30', room: 'Breakout A' });
    await admin.close();
  });

  it('is readable on a phone: the list by default, the grid scrolls sideways', async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    await openEditor(page);
    await page.getByRole('heading', { name: 'Saturday 29 October', level: 3 }).waitFor();
    await screenshot(page, 'editor-phone');
    await page.getByRole('button', { name: 'Day grid', exact: true }).click();
    await page.getByRole('button', { name: /^Welcome and opening\s*,\s*10:30/ }).waitFor();
    await screenshot(page, 'editor-phone-day-view');
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
  });
});
