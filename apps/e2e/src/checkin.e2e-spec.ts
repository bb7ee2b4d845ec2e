import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  checkinDeviceListSchema,
  checkinSearchResultSchema,
  registrationListSchema,
  ticketSchema,
} from '@plenary/contracts';
import type { BrowserContext, Page } from 'playwright-core';
import { launchBrowser, screenshot, seriousAccessibilityViolations } from './support/browser';
import { writeQrVideo } from './support/fake-camera';
import { platformClient } from './support/platform-client';
import { startPlatform, type Platform } from './support/platform';

const EVENT = 'vmc2021';
const PHONE = { width: 390, height: 844 };
const PEOPLE = {
  ada: { name: 'Ada Doorway', email: 'ada.door.e2e@example.org', organisation: 'Analytical Engines' },
  grace: { name: 'Grace Searchlight', email: 'grace.door.e2e@example.org', organisation: 'Naval Research' },
  hedy: { name: 'Hedy Offline', email: 'hedy.door.e2e@example.org', organisation: 'Frequency Hopping' },
};

let platform: Platform;
const { apiPost, apiSignIn, signInWithLink } = platformClient(() => platform.url);
let staffBrowser: BrowserContext;
let organiserBrowser: BrowserContext;

/** Registers the three door guests through the API and approves them as the organiser. */
async function registerApprovedGuests(): Promise<void> {
  for (const person of Object.values(PEOPLE)) {
    const registered = await apiPost(`/events/${EVENT}/registrations`, {
      ...person,
      jobTitle: 'Engineer',
      country: 'AT',
      attendance: 'in_person',
      consents: { privacyNotice: true, photoRecording: false },
    });
    expect(registered.status).toBe(202);
  }
  const organiser = await apiSignIn('organiser@plenary.test');
  const list = registrationListSchema.parse(
    await (
      await fetch(`${platform.url}/api/events/${EVENT}/registrations?q=door.e2e&limit=50`, {
        headers: { cookie: organiser },
      })
    ).json(),
  );
  const ids = list.items
    .filter((item) => item.email.endsWith('.door.e2e@example.org'))
    .map((item) => item.id);
  expect(ids).toHaveLength(3);
  const decided = await apiPost(
    `/events/${EVENT}/registrations/decisions`,
    { registrationIds: ids, decision: 'approve' },
    organiser,
  );
  expect(decided.status).toBe(200);
}

/** Ada's ticket payload, as her own ticket page gets it. */
async function ticketPayloadOf(email: string): Promise<string> {
  const cookie = await apiSignIn(email);
  const response = await fetch(`${platform.url}/api/events/${EVENT}/my/ticket`, { headers: { cookie } });
  expect(response.status).toBe(200);
  return ticketSchema.parse(await response.json()).qrPayload;
}

const verdict = (page: Page) => page.getByRole('alert').filter({ has: page.locator('.ck-verdict__title') });

beforeAll(async () => {
  platform = await startPlatform();
  await registerApprovedGuests();
  const video = join(mkdtempSync(join(tmpdir(), 'plenary-camera-')), 'ticket.y4m');
  writeQrVideo(video, await ticketPayloadOf(PEOPLE.ada.email));
  [staffBrowser, organiserBrowser] = await Promise.all([
    launchBrowser({
      viewport: PHONE,
      args: [
        '--use-fake-ui-for-media-stream',
        '--use-fake-device-for-media-stream',
        `--use-file-for-fake-video-capture=${video}`,
      ],
    }),
    launchBrowser(),
  ]);
});

afterAll(async () => {
  await Promise.all([staffBrowser?.close(), organiserBrowser?.close()]);
  if (platform?.process.exitCode === null) await platform.interrupt();
});

describe('Staff check-in app, end to end', () => {
  it('scans green then yellow, admits by search, works offline across a reload and uploads the queue', async () => {
    const page = await staffBrowser.newPage();
    await signInWithLink(page, 'staff@plenary.test');
    await page.goto(`${platform.url}/e/${EVENT}/staff`);

    // Set up the phone: register the device, pick the gate.
    await page.getByRole('heading', { name: 'Register this phone' }).waitFor();
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await page.getByRole('textbox', { name: /Device name/ }).fill('North door phone');
    await page.getByRole('button', { name: 'Register this phone' }).click();
    await page.getByRole('textbox', { name: /Gate/ }).fill('B');
    await page.getByRole('button', { name: 'Start checking in' }).click();
    await page.getByText(/Offline list: \d+ registrations/).waitFor();

    // The fake camera shows Ada's ticket: green.
    const first = verdict(page);
    await first.getByRole('heading', { name: 'Admitted' }).waitFor({ timeout: 30_000 });
    await first.getByText(PEOPLE.ada.name).waitFor();
    await first.getByText(PEOPLE.ada.organisation).waitFor();
    await first.getByRole('button', { name: 'Undo admission' }).waitFor();
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await screenshot(page, 'checkin-admitted');

    // Next: the same ticket is read again once its cooldown passed — yellow, with time and gate.
    await first.getByRole('button', { name: 'Next scan' }).click();
    await page.getByRole('status').filter({ hasText: 'Hold the QR code' }).waitFor();
    await screenshot(page, 'checkin-scanner');
    const second = verdict(page);
    await second.getByRole('heading', { name: 'Already checked in' }).waitFor({ timeout: 30_000 });
    await second.getByText(/First let in at \d\d:\d\d at gate B by North door phone/).waitFor();
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await screenshot(page, 'checkin-already-checked-in');
    await second.getByRole('button', { name: 'Next scan' }).click();

    // Search by name, admit.
    await page.getByRole('tab', { name: 'Search' }).click();
    await page.getByRole('searchbox', { name: /Name, organisation or e-mail/ }).fill('Searchlight');
    await page.getByRole('button', { name: 'Search', exact: true }).click();
    await page.getByRole('button', { name: `Admit ${PEOPLE.grace.name}` }).click();
    await verdict(page).getByRole('heading', { name: 'Admitted' }).waitFor();
    await verdict(page).getByText(PEOPLE.grace.name).waitFor();
    await verdict(page).getByRole('button', { name: 'Next scan' }).click();

    // The service worker controls the page before the network goes.
    await page.evaluate(async () => {
      await navigator.serviceWorker.ready;
    });
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null);

    // Offline: the app says so by itself; admit Hedy from the offline list.
    await staffBrowser.setOffline(true);
    await page.getByText('Offline mode', { exact: true }).waitFor();
    await page.getByRole('searchbox', { name: /Name or organisation/ }).fill('Hedy');
    await page.getByRole('button', { name: 'Search', exact: true }).click();
    await page.getByRole('button', { name: `Admit ${PEOPLE.hedy.name}` }).click();
    await verdict(page).getByRole('heading', { name: 'Admitted' }).waitFor();
    await verdict(page)
      .getByText(/Decided offline on this phone/)
      .waitFor();
    await screenshot(page, 'checkin-offline-admitted');
    await verdict(page).getByRole('button', { name: 'Next scan' }).click();
    await page.getByText('1 scan waiting for upload').waitFor();
    // Grace, admitted online a minute ago, is yellow offline too.
    await page.getByRole('searchbox', { name: /Name or organisation/ }).fill('Grace');
    await page.getByRole('button', { name: 'Search', exact: true }).click();
    await page.getByText(/Checked in at \d\d:\d\d at gate B/).waitFor();
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await screenshot(page, 'checkin-offline-queue');

    // A reload while offline: the service worker serves the app, the queue is still there.
    await page.reload();
    await page.getByText('Offline mode', { exact: true }).waitFor();
    await page.getByText('1 scan waiting for upload').waitFor();
    await screenshot(page, 'checkin-offline-reloaded');

    // Back online: the queue is uploaded by itself and empties.
    await staffBrowser.setOffline(false);
    await page.getByText('1 offline scan uploaded.').waitFor({ timeout: 30_000 });
    await page.getByText('Nothing waiting for upload').waitFor();
    await screenshot(page, 'checkin-synced');

    // The server has Hedy's admission, from this device, at gate B.
    const server = await page.evaluate(async (event) => {
      const devices = (await (await fetch(`/api/events/${event}/checkins/devices`)).json()) as unknown;
      const list = devices as { devices: { id: string }[] };
      const deviceId = list.devices[0]?.id ?? '';
      const search = (await (
        await fetch(`/api/events/${event}/checkins/search?deviceId=${deviceId}&q=Hedy`)
      ).json()) as unknown;
      return { devices, search };
    }, EVENT);
    expect(checkinDeviceListSchema.parse(server.devices).devices).toHaveLength(1);
    const hedy = checkinSearchResultSchema
      .parse(server.search)
      .candidates.find((candidate) => candidate.name === PEOPLE.hedy.name);
    expect(hedy?.checkedIn).toMatchObject({ gate: 'B' });
    await page.close();
  });

  it('shows the organiser the devices and the conflict report, and revokes the staff phone', async () => {
    const page = await organiserBrowser.newPage();
    await signInWithLink(page, 'organiser@plenary.test');
    await page.goto(`${platform.url}/e/${EVENT}/organiser`);
    await page.getByRole('link', { name: /Door check-in/ }).click();
    await page.getByRole('heading', { name: 'Door check-in' }).waitFor();
    await page.getByRole('rowheader', { name: 'North door phone' }).waitFor();
    await page.getByText('No conflicts.').waitFor();
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await screenshot(page, 'checkin-organiser');

    page.once('dialog', (dialog) => void dialog.accept());
    await page.getByRole('button', { name: 'Revoke North door phone' }).click();
    await page.getByText(/^Revoked /).waitFor();

    // The staff phone's session ended with the revocation; signed in again, the phone says it was revoked.
    const staff = await staffBrowser.newPage();
    await staff.goto(`${platform.url}/e/${EVENT}/staff`);
    await staff.getByRole('heading', { name: 'Sign in to check people in' }).waitFor();
    await staff.getByText(/If an organiser revoked this phone/).waitFor();
    await signInWithLink(staff, 'staff@plenary.test');
    await staff.goto(`${platform.url}/e/${EVENT}/staff`);
    await staff.getByRole('heading', { name: 'This device was revoked' }).waitFor({ timeout: 30_000 });
    expect(await seriousAccessibilityViolations(staff)).toEqual([]);
    await screenshot(staff, 'checkin-revoked');
    await staff.close();
    await page.close();
  });
});
