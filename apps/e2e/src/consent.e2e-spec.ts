import type { BrowserContext, Page } from 'playwright-core';
import { launchBrowser, screenshot, seriousAccessibilityViolations } from './support/browser';
import { startPlatform, type Platform } from './support/platform';

const SESSION_PATH = '/e/vmc2021/sessions/5e0c2021-0000-4000-8000-000000000204';
const BANNER = { name: 'Cookies and embedded content' };
const MAP_SRC = /^https:\/\/www\.openstreetmap\.org\/export\/embed\.html\?bbox=/;
const PLAYER_SRC = /^https:\/\/www\.youtube-nocookie\.com\/embed\//;
const CONSENT_KEY = 'plenary.consent.v1';

/** Every URL the page requests, frames included. */
function recordRequests(page: Page): string[] {
  const urls: string[] = [];
  page.on('request', (request) => urls.push(request.url()));
  return urls;
}

describe('consent before third-party embeds', () => {
  let platform: Platform;
  const browsers: BrowserContext[] = [];

  /** A browser with a fresh profile: nothing decided, nothing stored. */
  async function freshPage(viewport = { width: 1280, height: 900 }): Promise<Page> {
    const browser = await launchBrowser();
    browsers.push(browser);
    const page = await browser.newPage();
    await page.setViewportSize(viewport);
    return page;
  }

  /** Requests that went anywhere but the platform's own origin. */
  function foreign(urls: readonly string[]): string[] {
    return urls.filter((url) => !url.startsWith(`${platform.url}/`) && !/^(data|blob|about):/.test(url));
  }

  async function storedConsent(page: Page): Promise<unknown> {
    const raw = await page.evaluate((key) => localStorage.getItem(key), CONSENT_KEY);
    return raw === null ? null : JSON.parse(raw);
  }

  beforeAll(async () => {
    platform = await startPlatform();
  });

  afterAll(async () => {
    for (const browser of browsers) await browser.close();
    if (platform?.process.exitCode === null) await platform.interrupt();
  });

  it('asks on a first visit and requests nothing from another origin until "Accept all"', async () => {
    const page = await freshPage();
    const requests = recordRequests(page);

    await page.goto(`${platform.url}/e/vmc2021`);
    const banner = page.getByRole('region', BANNER);
    await banner.waitFor();
    const venue = page.getByRole('region', { name: 'Venue' });
    await venue.getByText('Loading this content connects to OpenStreetMap').waitFor();
    await venue.getByRole('button', { name: 'Load content from OpenStreetMap' }).waitFor();
    expect(await page.locator('iframe').count()).toBe(0);
    expect(await storedConsent(page)).toBeNull();
    await screenshot(page, 'consent-event-home-banner');
    expect(await seriousAccessibilityViolations(page)).toEqual([]);

    await page.goto(`${platform.url}${SESSION_PATH}`);
    await page.getByRole('heading', { name: 'Panel: Crisis management at the external border' }).waitFor();
    await page.getByRole('region', BANNER).waitFor();
    await page.getByText('Loading this content connects to YouTube').waitFor();
    await page.getByRole('button', { name: 'Load content from YouTube' }).waitFor();
    expect(await page.locator('iframe').count()).toBe(0);
    await screenshot(page, 'consent-session-banner');
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    expect(foreign(requests)).toEqual([]);

    const mapRequested = page.waitForRequest(MAP_SRC);
    await page.goto(`${platform.url}/e/vmc2021`);
    await page.getByRole('region', BANNER).getByRole('button', { name: 'Accept all' }).click();
    await page.getByRole('region', BANNER).waitFor({ state: 'detached' });
    const map = page.locator('iframe[title="Map of Vienna"]');
    await map.waitFor({ state: 'attached' });
    expect(await map.getAttribute('src')).toMatch(MAP_SRC);
    await map.scrollIntoViewIfNeeded(); // the frame loads lazily, when it nears the viewport
    await mapRequested;
    expect(await storedConsent(page)).toMatchObject({ choice: { embeds: true } });

    await page.reload();
    await page.getByRole('heading', { level: 1 }).first().waitFor();
    await page.locator('iframe[title="Map of Vienna"]').waitFor({ state: 'attached' });
    expect(await page.getByRole('region', BANNER).count()).toBe(0);

    await page.goto(`${platform.url}${SESSION_PATH}`);
    const player = page.locator('iframe[title="Public livestream of this session"]');
    await player.waitFor({ state: 'attached' });
    expect(await player.getAttribute('src')).toMatch(PLAYER_SRC);
    expect(await page.getByRole('region', BANNER).count()).toBe(0);
    await screenshot(page, 'consent-session-accepted');
    expect(foreign(requests).every((url) => MAP_SRC.test(url) || PLAYER_SRC.test(url))).toBe(true);
  });

  it('keeps placeholders after "Reject all", across a reload, on a phone', async () => {
    const page = await freshPage({ width: 390, height: 844 });
    const requests = recordRequests(page);

    await page.goto(`${platform.url}/e/vmc2021`);
    await page.getByRole('region', BANNER).waitFor();
    await page.getByRole('button', { name: 'Load content from OpenStreetMap' }).waitFor();
    await screenshot(page, 'consent-event-home-banner-phone');
    await page.getByRole('region', BANNER).getByRole('button', { name: 'Choose' }).click();
    await page.getByRole('switch', { name: 'Livestream players and maps' }).waitFor();
    await screenshot(page, 'consent-choose-phone');
    await page.getByRole('region', BANNER).getByRole('button', { name: 'Reject all' }).click();
    await page.getByRole('region', BANNER).waitFor({ state: 'detached' });
    expect(await storedConsent(page)).toMatchObject({ choice: { embeds: false } });

    await page.reload();
    await page.getByRole('button', { name: 'Load content from OpenStreetMap' }).waitFor();
    expect(await page.getByRole('region', BANNER).count()).toBe(0);
    await page.goto(`${platform.url}${SESSION_PATH}`);
    await page.getByRole('button', { name: 'Load content from YouTube' }).waitFor();
    await screenshot(page, 'consent-session-rejected-phone');
    expect(await page.locator('iframe').count()).toBe(0);
    expect(foreign(requests)).toEqual([]);
  });

  it('loads one kind of content on request, and withdraws it from the privacy settings', async () => {
    const page = await freshPage();
    const requests = recordRequests(page);

    await page.goto(`${platform.url}/e/vmc2021`);
    await page.getByRole('region', BANNER).waitFor();
    const playerRequested = page.waitForRequest(PLAYER_SRC);
    await page.goto(`${platform.url}${SESSION_PATH}`);
    await page.getByRole('button', { name: 'Load content from YouTube' }).click();
    const player = page.locator('iframe[title="Public livestream of this session"]');
    await player.waitFor({ state: 'attached' });
    expect(await player.getAttribute('src')).toMatch(PLAYER_SRC);
    await player.scrollIntoViewIfNeeded();
    await playerRequested;
    await page.getByText('You allowed livestream players and maps from other services.').waitFor();
    expect(await page.getByRole('region', BANNER).count()).toBe(0);

    await page.getByRole('contentinfo').getByRole('link', { name: 'Privacy settings' }).click();
    await page.getByRole('heading', { level: 1, name: 'Privacy settings' }).waitFor();
    const embeds = page.getByRole('switch', { name: 'Livestream players and maps' });
    expect(await embeds.isChecked()).toBe(true);
    await embeds.uncheck();
    await page.getByRole('button', { name: 'Save choices' }).click();
    await page.getByText('Your choices are saved.').waitFor();
    await screenshot(page, 'consent-privacy-settings');
    expect(await seriousAccessibilityViolations(page)).toEqual([]);

    const before = requests.length;
    await page.goto(`${platform.url}${SESSION_PATH}`);
    await page.getByRole('button', { name: 'Load content from YouTube' }).waitFor();
    expect(await page.locator('iframe').count()).toBe(0);
    expect(foreign(requests.slice(before))).toEqual([]);
  });
});
