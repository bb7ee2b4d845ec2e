import { join } from 'node:path';
import type { BrowserContext } from 'playwright-core';
import { launchBrowser, screenshot, seriousAccessibilityViolations } from './support/browser';
import { platformClient } from './support/platform-client';
import { startPlatform, type Platform } from './support/platform';

const FIXTURE = join(
  __dirname,
  '../../../libs/server/programme/src/lib/interchange/fixtures/pretalx-schedule-60.json',
);
const SLUG = 'vmc2026';

describe('schedule interchange in the organiser console', () => {
  let platform: Platform;
  let browser: BrowserContext;
  const client = platformClient(() => platform.url);

  beforeAll(async () => {
    platform = await startPlatform();
    browser = await launchBrowser();
    // An administrator creates the event and appoints the demo organiser, as in production.
    const admin = await client.apiSignIn('admin@plenary.test');
    const created = await client.apiPost(
      '/events',
      {
        slug: SLUG,
        name: 'Vienna Migration Conference 2026',
        startDate: '2026-10-19',
        endDate: '2026-10-20',
        timeZone: 'Europe/Vienna',
        format: 'hybrid',
      },
      admin,
    );
    expect(created.status).toBe(201);
    const appointed = await client.apiPost(
      `/events/${SLUG}/organisers`,
      { email: 'organiser@plenary.test' },
      admin,
    );
    expect(appointed.status).toBe(200);
    expect((await client.apiPost(`/events/${SLUG}/status`, { status: 'published' }, admin)).status).toBe(200);
  });

  afterAll(async () => {
    await browser?.close();
    await platform?.interrupt();
  });

  it('uploads the pretalx fixture, previews it, imports it and shows the programme', async () => {
    const page = await browser.newPage();
    await client.signInWithLink(page, 'organiser@plenary.test');
    await page.goto(`${platform.url}/e/${SLUG}/organiser/import`);
    await client.rejectNonEssential(page);
    const panel = page.getByRole('region', { name: 'Import a schedule file' });
    await panel.getByLabel('Schedule file').setInputFiles(FIXTURE);

    await panel
      .getByRole('heading', { name: 'What importing pretalx-schedule-60.json would change' })
      .waitFor();
    const sessions = panel.getByRole('table', { name: 'Summary' }).getByRole('row', { name: /Sessions/ });
    expect(await sessions.getByRole('cell').allInnerTexts()).toEqual(['60', '0', '0']);
    await screenshot(page, 'interchange-preview');
    expect(await seriousAccessibilityViolations(page)).toEqual([]);

    await page.setViewportSize({ width: 390, height: 844 });
    await screenshot(page, 'interchange-preview-phone');
    await page.setViewportSize({ width: 1280, height: 900 });

    await panel.getByRole('button', { name: 'Import 143 changes' }).click();
    await panel.getByRole('heading', { name: 'Imported pretalx-schedule-60.json' }).waitFor();
    await screenshot(page, 'interchange-imported');

    // The same file again: nothing to change.
    await panel.getByLabel('Schedule file').setInputFiles(FIXTURE);
    await panel.getByText('Nothing to change: the programme already matches this file.').waitFor();

    await page.goto(`${platform.url}/e/${SLUG}`);
    await page.getByText('Labour mobility: lessons from Africa').first().waitFor();
    await screenshot(page, 'interchange-programme');
  });
});
