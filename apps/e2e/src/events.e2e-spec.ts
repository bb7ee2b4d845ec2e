import { CSRF_HEADER, managedEventListSchema } from '@plenary/contracts';
import type { BrowserContext, Page } from 'playwright-core';
import { launchBrowser, screenshot, seriousAccessibilityViolations } from './support/browser';
import { platformClient } from './support/platform-client';
import { startPlatform, type Platform } from './support/platform';

// Issue #12, events from the UI: an instance administrator creates an event in the console, edits it and publishes
// it; an anonymous visitor sees it on the start page; a slug clash shows on the slug field; an organiser of another
// event neither sees it under "Your events" nor may change it.

const SLUG = 'vmc-2022';

let platform: Platform;
const { apiSignIn, signInWithLink, rejectNonEssential } = platformClient(() => platform.url);
let adminBrowser: BrowserContext;
let visitorBrowser: BrowserContext;
let organiserBrowser: BrowserContext;
let admin: Page;

beforeAll(async () => {
  platform = await startPlatform();
  [adminBrowser, visitorBrowser, organiserBrowser] = await Promise.all([
    launchBrowser(),
    launchBrowser(),
    launchBrowser(),
  ]);
  admin = await adminBrowser.newPage();
  await signInWithLink(admin, 'admin@plenary.test');
  await rejectNonEssential(admin);
}, 240_000);

afterAll(async () => {
  await Promise.all([adminBrowser?.close(), visitorBrowser?.close(), organiserBrowser?.close()]);
  if (platform?.process.exitCode === null) await platform.interrupt();
}, 60_000);

describe('Events from the UI', () => {
  it('lets the administrator create a draft event from "Your events"', async () => {
    await admin.goto(`${platform.url}/account`);
    await admin.getByRole('link', { name: 'Your events' }).click();
    await admin.getByRole('heading', { level: 1, name: 'Your events' }).waitFor();
    await admin
      .getByRole('link', { name: 'Re-imagining migration partnerships', exact: false })
      .first()
      .waitFor();
    await screenshot(admin, 'events-manage');

    await admin.getByRole('link', { name: 'Create event' }).click();
    await admin.getByRole('heading', { level: 1, name: 'Create event' }).waitFor();
    await admin.getByLabel('Name', { exact: true }).fill('VMC 2022');
    expect(await admin.getByLabel('Address (slug)').inputValue()).toBe(SLUG);
    await admin.locator('#event-tagline').fill('Vienna Migration Conference 2022');
    await admin.getByLabel('First day').fill('2030-10-18');
    await admin.getByLabel('Last day').fill('2030-10-19');
    await admin.getByLabel('Time zone').fill('Europe/Vienna');
    await admin.locator('#event-venueName').fill('Hofburg');
    await admin.locator('#event-venueCity').fill('Vienna');
    await admin.locator('#event-venueCountry').fill('Austria');
    await admin.locator('#event-organiserName').fill('ICMPD');
    await admin.locator('#event-accentColor').fill('#1c3f72');
    expect(await seriousAccessibilityViolations(admin)).toEqual([]);
    await screenshot(admin, 'events-create-form');
    await admin.getByRole('button', { name: 'Create draft event' }).click();

    await admin.waitForURL(`${platform.url}/e/${SLUG}/organiser/event`);
    await admin.getByText('Draft — only the event team sees this.').waitFor();
    await admin.getByRole('heading', { level: 1, name: 'Event settings' }).waitFor();
  });

  it('shows a slug clash on the slug field', async () => {
    const page = await adminBrowser.newPage();
    await page.goto(`${platform.url}/manage/new`);
    await page.getByLabel('Name', { exact: true }).fill('Another event');
    await page.getByLabel('Address (slug)').fill('vmc2021');
    await page.getByLabel('First day').fill('2031-01-10');
    await page.getByLabel('Last day').fill('2031-01-11');
    await page.getByRole('button', { name: 'Create draft event' }).click();
    const slug = page.getByLabel('Address (slug)');
    await page
      .locator('#event-slug-error', { hasText: 'The address “vmc2021” is taken by another event.' })
      .waitFor();
    expect(await slug.getAttribute('aria-invalid')).toBe('true');
    await page.close();
  });

  it('edits the event with its page sections and publishes it', async () => {
    await admin
      .locator('#event-description')
      .fill('Two days on **migration partnerships**.\n\nIn Vienna and online.');
    await admin.locator('#event-contactEmail').fill('team@vmc2022.example');
    await admin.getByRole('button', { name: 'Add partner' }).click();
    await admin.locator('#event-partners-0-name').fill('City of Vienna');
    await admin.locator('#event-partners-0-url').fill('https://www.wien.gv.at');
    await admin.getByRole('button', { name: 'Add text block' }).click();
    await admin.locator('#event-blocks-0-title').fill('Inclusion statement');
    await admin.locator('#event-blocks-0-body').fill('Everyone is **welcome**. <script>alert(1)</script>');
    await admin.getByRole('button', { name: 'Save changes' }).click();
    await admin.getByText('Changes saved.').waitFor();
    // The server's rendering of the description, shown once saved.
    await admin.locator('.po-event-form__preview strong', { hasText: 'migration partnerships' }).waitFor();
    expect(await seriousAccessibilityViolations(admin)).toEqual([]);
    await screenshot(admin, 'events-settings');
    // The console on a phone: one column, nothing cut off.
    await admin.setViewportSize({ width: 390, height: 844 });
    await screenshot(admin, 'events-settings-phone');
    await admin.setViewportSize({ width: 1280, height: 900 });

    await admin.getByRole('button', { name: 'Publish' }).click();
    await admin.getByText('The event is published.').waitFor();
    await admin.getByRole('button', { name: 'Back to draft' }).waitFor();
  });

  it('lists the published event on the start page for an anonymous visitor', async () => {
    const page = await visitorBrowser.newPage();
    await page.goto(`${platform.url}/`);
    await rejectNonEssential(page);
    const upcoming = page.getByRole('region', { name: 'Upcoming' });
    await upcoming.getByRole('link', { name: 'VMC 2022' }).waitFor();
    await page.getByRole('region', { name: 'Past events' }).getByRole('link').first().waitFor();
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await screenshot(page, 'events-home');

    await upcoming.getByRole('link', { name: 'VMC 2022' }).click();
    await page.getByRole('heading', { level: 1, name: 'VMC 2022' }).waitFor();
    const partners = page.getByRole('region', { name: 'Made possible with the support of' });
    await partners.getByRole('link', { name: 'City of Vienna' }).waitFor();
    const block = page.getByRole('region', { name: 'Inclusion statement' });
    await block.locator('strong', { hasText: 'welcome' }).waitFor();
    expect(await block.locator('script').count()).toBe(0);
    const contact = page.getByRole('region', { name: 'Contact' });
    await contact.getByRole('link', { name: 'team@vmc2022.example' }).waitFor();
    await contact.getByRole('button', { name: 'Send message' }).waitFor();
    expect(await page.getByText('Draft — only the event team sees this.').count()).toBe(0);
    await screenshot(page, 'events-public-page');
    await page.close();
  });

  it('keeps the event from an organiser of another event (not listed, 403 on its writes)', async () => {
    const cookie = await apiSignIn('organiser@plenary.test');
    const listed = managedEventListSchema.parse(
      await (await fetch(`${platform.url}/api/manage/events`, { headers: { cookie } })).json(),
    );
    expect(listed.events.map((event) => event.slug)).toEqual(['vmc2021']);
    const patch = await fetch(`${platform.url}/api/events/${SLUG}`, {
      method: 'PATCH',
      headers: {
        cookie,
        'content-type': 'application/json',
        [CSRF_HEADER]: '1',
        origin: platform.url,
        'if-match': '"1"',
      },
      body: JSON.stringify({ name: 'Taken over' }),
    });
    expect(patch.status).toBe(403);

    const page = await organiserBrowser.newPage();
    await signInWithLink(page, 'organiser@plenary.test');
    await page.goto(`${platform.url}/manage`);
    await page
      .getByRole('link', { name: 'Re-imagining migration partnerships', exact: false })
      .first()
      .waitFor();
    expect(await page.getByRole('link', { name: 'VMC 2022' }).count()).toBe(0);
    expect(await page.getByRole('link', { name: 'Create event' }).count()).toBe(0);
    await page.goto(`${platform.url}/e/${SLUG}/organiser/event`);
    await page.getByRole('heading', { name: 'This console is for the event’s organisers' }).waitFor();
  });
});
