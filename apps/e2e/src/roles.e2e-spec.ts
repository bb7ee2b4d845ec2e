import type { BrowserContext, Page } from 'playwright-core';
import { launchBrowser, screenshot, seriousAccessibilityViolations } from './support/browser';
import { platformClient } from './support/platform-client';
import { startPlatform, type Platform } from './support/platform';

const EVENT = 'vmc2021';
const ATTENDEE = {
  name: 'Katherine Johnson',
  email: 'katherine.roles.e2e@example.org',
  organisation: 'Langley Research Center',
  jobTitle: 'Mathematician',
};
const PHONE = { width: 390, height: 844 };

let platform: Platform;
const { apiPost, newMailTo, rejectNonEssential, registerApproved } = platformClient(() => platform.url);
const browsers: BrowserContext[] = [];
/** The approved attendee (their registration, and an organiser's api cookie) and their open ticket page. */
let attendee: { registrationId: string; organiser: string };
let attendeePage: Page;

/** A fresh browser profile (closed after the suite). */
async function freshPage(viewport?: { width: number; height: number }): Promise<Page> {
  const browser = await launchBrowser(viewport ? { viewport } : {});
  browsers.push(browser);
  return browser.newPage();
}

/**
 * Signs in as a person would from the event: "Already registered? Access here", the e-mail, the mailed link
 * (which names the event), the confirm button. Resolves once the app navigated away from the confirm page.
 */
async function signInFromEvent(page: Page, email: string): Promise<string> {
  await page.goto(`${platform.url}/e/${EVENT}`);
  await rejectNonEssential(page);
  await page.getByRole('link', { name: 'Already registered? Access here' }).first().click();
  await page.getByRole('textbox', { name: /E-mail address/ }).fill(email);
  await page.getByRole('button', { name: 'Send me a sign-in link' }).click();
  await page.getByRole('heading', { name: 'Check your inbox' }).waitFor();
  const link = /https?:\/\/\S+\/auth\/confirm#\S+/.exec(await newMailTo(email, 'sign-in link'))?.[0];
  if (!link) throw new Error('no sign-in link in the mail');
  await page.goto(link);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await page.waitForURL((url) => !url.pathname.startsWith('/auth/confirm'));
  return new URL(page.url()).pathname;
}

/** Registers the attendee through the API and approves the registration as the organiser; returns its id. */
async function registerApprovedAttendee(): Promise<{ registrationId: string; organiser: string }> {
  return registerApproved(EVENT, {
    ...ATTENDEE,
    country: 'US',
    attendance: 'in_person',
    consents: { privacyNotice: true, photoRecording: false },
  });
}

beforeAll(async () => {
  platform = await startPlatform();
});

afterAll(async () => {
  await Promise.all(browsers.map((browser) => browser.close()));
  if (platform?.process.exitCode === null) await platform.interrupt();
});

describe('A home for every role', () => {
  it.each([
    ['organiser', 'organiser@plenary.test', `/e/${EVENT}/organiser`, 'Organiser console', undefined],
    ['moderator', 'moderator@plenary.test', `/e/${EVENT}/my-sessions`, 'Your sessions', undefined],
    ['speaker', 'speaker@plenary.test', `/e/${EVENT}/my-sessions`, 'Your sessions', undefined],
    ['staff', 'staff@plenary.test', `/e/${EVENT}/staff`, undefined, PHONE],
  ] as const)('lands the %s on their home after signing in', async (role, email, home, heading, viewport) => {
    const page = await freshPage(viewport);
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    expect(await signInFromEvent(page, email)).toBe(home);
    if (heading) await page.getByRole('heading', { level: 1, name: heading }).waitFor();
    await page.waitForLoadState('networkidle');
    expect(await page.getByText('You are not registered for this event').count()).toBe(0);
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await screenshot(page, `role-home-${role}`);

    if (role === 'moderator') {
      // Every session's console is one click away.
      await page.getByRole('link', { name: 'Moderator console' }).first().click();
      await page.waitForURL((url) => url.pathname.endsWith('/moderate'));
    }
    if (role !== 'staff') {
      // The event page offers their tools instead of "Register".
      await page.goto(`${platform.url}/e/${EVENT}`);
      const hero = page.locator('section.pp-hero');
      await hero
        .getByRole('link', { name: role === 'organiser' ? 'Organiser console' : 'Your sessions' })
        .waitFor();
      expect(await page.getByRole('link', { name: 'Register', exact: true }).count()).toBe(0);
      expect(await seriousAccessibilityViolations(page)).toEqual([]);
      await screenshot(page, `role-event-page-${role}`);
    }
    expect(errors).toEqual([]);
  });

  it('lands an approved attendee on their ticket, with the agenda in the event band', async () => {
    attendee = await registerApprovedAttendee();
    attendeePage = await freshPage();
    expect(await signInFromEvent(attendeePage, ATTENDEE.email)).toBe(`/e/${EVENT}/ticket`);
    await attendeePage.getByRole('img', { name: /QR code of Katherine Johnson/ }).waitFor();
    await attendeePage
      .getByRole('navigation', { name: 'Event' })
      .getByRole('link', { name: 'My agenda' })
      .waitFor();
    await attendeePage.waitForLoadState('networkidle');
    expect(await seriousAccessibilityViolations(attendeePage)).toEqual([]);
    await screenshot(attendeePage, 'role-home-attendee');
  });
});

describe('The open "My ticket" page tells the truth', () => {
  /** The QR image's data URL on the open ticket page. */
  const qrSource = async (): Promise<string | null> =>
    attendeePage.getByRole('img', { name: /QR code of Katherine Johnson/ }).getAttribute('src');

  it('shows the new QR code within 2 s of an organiser reissuing the ticket in the console', async () => {
    const before = await qrSource();
    expect(before).toMatch(/^data:image\/png;base64,/);
    const organiser = await freshPage();
    await signInFromEvent(organiser, 'organiser@plenary.test');
    await organiser.getByRole('searchbox', { name: 'Search' }).fill(ATTENDEE.email);
    await organiser.waitForFunction(
      (email) => new URLSearchParams(window.location.search).get('q') === email,
      ATTENDEE.email,
    );
    await organiser.getByRole('button', { name: `Reissue ticket of ${ATTENDEE.name}` }).click();
    await organiser
      .getByRole('group', { name: `Reissue the ticket of ${ATTENDEE.name}` })
      .getByRole('button', { name: 'Reissue', exact: true })
      .click();
    const reissuedAt = Date.now();
    await organiser.getByText(`New ticket for ${ATTENDEE.name}`).waitFor();
    // The attendee did nothing: the open page changes by itself.
    await attendeePage.waitForFunction(
      (old) =>
        document.querySelector('img[alt^="QR code of Katherine Johnson"]')?.getAttribute('src') !== old,
      before,
      { timeout: 2_000 },
    );
    expect(Date.now() - reissuedAt).toBeLessThan(2_000);
    const after = await qrSource();
    expect(after).toMatch(/^data:image\/png;base64,/);
    expect(after).not.toBe(before);
    // And it is the live ticket the api now serves.
    const served = (
      await attendeePage.evaluate(
        async () => (await (await fetch('/api/events/vmc2021/my/ticket')).json()) as { qrPayload: string },
      )
    ).qrPayload;
    expect(served).not.toBe('');
    await screenshot(attendeePage, 'ticket-after-reissue');
  });

  it('replaces the QR code with "cancelled" within 2 s of the registration being cancelled', async () => {
    const cancelled = await apiPost(
      `/events/${EVENT}/registrations/decisions`,
      { registrationIds: [attendee.registrationId], decision: 'cancel' },
      attendee.organiser,
    );
    expect(cancelled.status).toBe(200);
    const cancelledAt = Date.now();
    await attendeePage
      .getByText('Your registration was cancelled', { exact: false })
      .first()
      .waitFor({ timeout: 2_000 });
    expect(Date.now() - cancelledAt).toBeLessThan(2_000);
    expect(await attendeePage.getByRole('img', { name: /QR code of/ }).count()).toBe(0);
    expect(await seriousAccessibilityViolations(attendeePage)).toEqual([]);
    await screenshot(attendeePage, 'ticket-after-cancel');
  });
});
