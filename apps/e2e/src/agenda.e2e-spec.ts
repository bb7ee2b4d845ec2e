import { CSRF_HEADER, managedSessionSchema, registrationListSchema } from '@plenary/contracts';
import ICAL from 'ical.js';
import type { BrowserContext } from 'playwright-core';
import { launchBrowser, screenshot, seriousAccessibilityViolations } from './support/browser';
import { platformClient } from './support/platform-client';
import { startPlatform, type Platform } from './support/platform';

// The reference event's opening (09:30 Vienna, 19 October 2021) and the session after it.
const OPENING = '5e0c2021-0000-4000-8000-000000000201';
const SECOND = '5e0c2021-0000-4000-8000-000000000202';
const ATTENDEE = { name: 'Grace Hopper', email: 'grace.agenda@example.org' };

let platform: Platform;
let browser: BrowserContext;
const client = platformClient(() => platform.url);

/** The VEVENTs of a calendar file, parsed with ical.js, by session id. */
function parseCalendar(text: string): Map<string, { start: string; sequence: number; tzid: unknown }> {
  const calendar = ICAL.Component.fromString(text);
  for (const vtimezone of calendar.getAllSubcomponents('vtimezone'))
    ICAL.TimezoneService.register(new ICAL.Timezone(vtimezone));
  return new Map(
    calendar.getAllSubcomponents('vevent').map((vevent) => {
      const event = new ICAL.Event(vevent);
      return [
        event.uid.split('@')[0] ?? '',
        {
          start: event.startDate.toJSDate().toISOString(),
          sequence: Number(vevent.getFirstPropertyValue('sequence')),
          tzid: vevent.getFirstProperty('dtstart')?.getParameter('tzid'),
        },
      ];
    }),
  );
}

async function api(method: string, path: string, cookie: string, body?: unknown, headers = {}) {
  return fetch(`${platform.url}/api${path}`, {
    method,
    headers: {
      'content-type': 'application/json',
      [CSRF_HEADER]: '1',
      origin: platform.url,
      cookie,
      ...headers,
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
}

beforeAll(async () => {
  platform = await startPlatform();
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  if (platform?.process.exitCode === null) await platform.interrupt();
});

describe('My agenda and calendars, end to end', () => {
  it('stars two sessions, downloads the programme and the private feed, and sees a move in SEQUENCE', async () => {
    // Registered (remote) and approved by the organiser.
    const registered = await client.apiPost('/events/vmc2021/registrations', {
      name: ATTENDEE.name,
      email: ATTENDEE.email,
      organisation: 'US Navy',
      jobTitle: 'Rear Admiral',
      country: 'US',
      attendance: 'remote',
      consents: { privacyNotice: true, photoRecording: false },
    });
    expect(registered.status).toBe(202);
    const organiser = await client.apiSignIn('organiser@plenary.test');
    let registrationId: string | undefined;
    const deadline = Date.now() + 10_000;
    while (!registrationId && Date.now() < deadline) {
      const list = registrationListSchema.parse(
        await (await api('GET', `/events/vmc2021/registrations?q=${ATTENDEE.email}`, organiser)).json(),
      );
      registrationId = list.items[0]?.id;
      if (!registrationId) await new Promise((resolve) => setTimeout(resolve, 200));
    }
    expect(
      (
        await api('POST', '/events/vmc2021/registrations/decisions', organiser, {
          registrationIds: [registrationId],
          decision: 'approve',
        })
      ).status,
    ).toBe(200);

    const page = await browser.newPage();
    await client.signInWithLink(page, ATTENDEE.email);
    await client.rejectNonEssential(page);
    await page.goto(`${platform.url}/e/vmc2021/programme?day=2021-10-19`);
    for (const title of [/Opening session: Addressing displacement/, /Functioning, sustainable African/]) {
      const star = page.getByRole('button', { name: title }).first();
      await star.click();
      await page.waitForFunction(
        (label) =>
          [...document.querySelectorAll('button[aria-pressed="true"]')].some((button) =>
            new RegExp(label).test(button.getAttribute('aria-label') ?? ''),
          ),
        title.source,
      );
    }
    await screenshot(page, 'agenda-programme-stars');

    await page.getByRole('link', { name: 'My agenda' }).click();
    await page.getByRole('heading', { level: 1, name: 'My agenda' }).waitFor();
    const starred = page.locator('.pp-agenda__sessions .pp-session');
    await starred.nth(1).waitFor();
    expect(await starred.count()).toBe(2);
    await page.getByRole('button', { name: 'Create my calendar address' }).click();
    const field = page.getByRole('textbox', { name: 'Your private calendar address' });
    await field.waitFor();
    const feedUrl = await field.inputValue();
    expect(feedUrl).toMatch(/\/api\/calendar\/agenda\/[A-Za-z0-9_-]{43}\.ics$/);
    await page.waitForLoadState('networkidle');
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await screenshot(page, 'agenda-my-agenda');
    await page.setViewportSize({ width: 390, height: 844 });
    await screenshot(page, 'agenda-my-agenda-phone');

    // The public programme: 09:30 Vienna in summer is 07:30Z.
    const programme = await fetch(`${platform.url}/api/events/vmc2021/calendar.ics`);
    expect(programme.headers.get('content-type')).toBe('text/calendar; charset=utf-8');
    const all = parseCalendar(await programme.text());
    expect(all.get(OPENING)).toMatchObject({ start: '2021-10-19T07:30:00.000Z', tzid: 'Europe/Vienna' });

    // The feed holds exactly the two starred sessions.
    const feed = parseCalendar(await (await fetch(feedUrl)).text());
    expect([...feed.keys()].sort()).toEqual([OPENING, SECOND].sort());
    const before = feed.get(SECOND)?.sequence ?? -1;

    // The organiser moves a starred session from 11:15 to 11:30: its SEQUENCE goes up.
    const current = managedSessionSchema.parse(
      await (await api('GET', `/events/vmc2021/programme/sessions/${SECOND}`, organiser)).json(),
    );
    const moved = await api(
      'PATCH',
      `/events/vmc2021/programme/sessions/${SECOND}`,
      organiser,
      { startsLocal: '2021-10-19T11:30' },
      { 'if-match': `"${current.version}"` },
    );
    expect(moved.status).toBe(200);
    const after = parseCalendar(await (await fetch(feedUrl)).text());
    expect(after.get(SECOND)?.sequence).toBe(before + 1);

    // The session page: the star pressed, the .ics link, and schema.org data a crawler can read.
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.goto(`${platform.url}/e/vmc2021/sessions/${SECOND}`);
    await page.getByRole('heading', { level: 1 }).waitFor();
    const star = page.getByRole('button', { name: /Functioning, sustainable African/ });
    await page.waitForFunction(
      () => document.querySelector('.pp-session-page__actions button[aria-pressed="true"]') !== null,
    );
    expect(await star.getAttribute('aria-pressed')).toBe('true');
    const ics = page.getByRole('link', { name: 'Add to calendar (.ics)' });
    expect(await ics.getAttribute('href')).toBe(`/api/events/vmc2021/sessions/${SECOND}/calendar.ics`);
    const jsonLd = JSON.parse(
      (await page.locator('script[type="application/ld+json"]').textContent()) ?? '{}',
    ) as Record<string, unknown>;
    expect(jsonLd).toMatchObject({
      '@type': 'Event',
      startDate: '2021-10-19T11:30:00+02:00',
      eventAttendanceMode: 'https://schema.org/MixedEventAttendanceMode',
    });
    await screenshot(page, 'agenda-session-page');
    await page.close();
  });
});
