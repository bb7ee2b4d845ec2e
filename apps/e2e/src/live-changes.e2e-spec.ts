import { CSRF_HEADER, managedSessionSchema, sessionWriteResultSchema } from '@plenary/contracts';
import type { BrowserContext } from 'playwright-core';
import { launchBrowser, screenshot } from './support/browser';
import { platformClient } from './support/platform-client';
import { startPlatform, type Platform } from './support/platform';

// Issue #12, "Changes reach people": a visitor has a session page open; an organiser moves the session through the
// api; the page shows the new time and the "changed" badge without a reload, within 2 s.

const SLUG = 'live-changes-2030';

describe('Programme changes reach open pages', () => {
  let platform: Platform;
  let browser: BrowserContext;
  const client = platformClient(() => platform.url);

  async function api(method: string, path: string, cookie: string, body?: unknown, ifMatch?: string) {
    const response = await fetch(`${platform.url}/api${path}`, {
      method,
      headers: {
        'content-type': 'application/json',
        [CSRF_HEADER]: '1',
        origin: platform.url,
        cookie,
        ...(ifMatch ? { 'if-match': ifMatch } : {}),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    if (response.status >= 300)
      throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
    return response.json() as Promise<unknown>;
  }

  beforeAll(async () => {
    platform = await startPlatform();
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    if (platform?.process.exitCode === null) await platform.interrupt();
  });

  it('moves a session and the open session page shows the new time and the badge within 2 s', async () => {
    const admin = await client.apiSignIn('admin@plenary.test');
    await api('POST', '/events', admin, {
      slug: SLUG,
      name: 'Live changes 2030',
      startDate: '2030-10-19',
      endDate: '2030-10-20',
      timeZone: 'Europe/Vienna',
    });
    const room = (await api('POST', `/events/${SLUG}/programme/rooms`, admin, { name: 'Plenary hall' })) as {
      id: string;
    };
    const created = sessionWriteResultSchema.parse(
      await api('POST', `/events/${SLUG}/programme/sessions`, admin, {
        kind: 'keynote',
        title: 'Opening keynote',
        startsLocal: '2030-10-19T09:30',
        endsLocal: '2030-10-19T10:30',
        roomId: room.id,
      }),
    );
    await api('POST', `/events/${SLUG}/status`, admin, { status: 'published' });

    // A visitor, not signed in, opens the session page.
    const page = await browser.newPage();
    // The watch's acknowledgement on the /programme namespace (`{ ok: true, data: { eventId, team } }`).
    const watching = new Promise<void>((resolve) => {
      page.on('websocket', (socket) =>
        socket.on('framereceived', ({ payload }) => {
          if (typeof payload === 'string' && payload.includes('/programme,') && payload.includes('"team"'))
            resolve();
        }),
      );
    });
    await page.goto(`${platform.url}/e/${SLUG}/sessions/${created.session.id}`);
    await client.rejectNonEssential(page);
    const times = page.locator('dl').filter({ hasText: 'Vienna time' });
    await times.getByText(/09:30–10:30/).waitFor();
    await watching;

    const current = managedSessionSchema.parse(
      await api('GET', `/events/${SLUG}/programme/sessions/${created.session.id}`, admin),
    );
    const movedAt = Date.now();
    await api(
      'PATCH',
      `/events/${SLUG}/programme/sessions/${created.session.id}`,
      admin,
      { startsLocal: '2030-10-19T11:00', endsLocal: '2030-10-19T12:00' },
      `"${current.version}"`,
    );
    await times.getByText(/11:00–12:00/).waitFor({ timeout: 2_000 });
    await page.getByText('Changed:').waitFor({ timeout: 2_000 });
    expect(Date.now() - movedAt).toBeLessThan(2_000);
    expect(await page.locator('.pp-changed').textContent()).toBe('Changed: was 09:30');
    await screenshot(page, 'live-changes-session-moved');

    // On a phone the programme lists the move too.
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`${platform.url}/e/${SLUG}/programme`);
    await page.getByText('Changed:').first().waitFor();
    await screenshot(page, 'live-changes-programme-phone');
    await page.close();
  });
});
