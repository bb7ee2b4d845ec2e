import type { BrowserContext } from 'playwright-core';
import { launchBrowser, screenshot, seriousAccessibilityViolations } from './support/browser';
import { startPlatform, type Platform } from './support/platform';
import { startPrivatePostgres, type PrivatePostgres } from './support/private-postgres';
import { platformClient } from './support/platform-client';

// The platform on a PostgreSQL the spec controls: while it is stopped the web app shows a calm "catching up" state
// (not an error page) and retries; when it is back the page fills in by itself, without a reload or a restart.

const CATCHING_UP = 'Plenary is catching up — retrying';
const CLOSING = 'Closing: Final reflections on the road ahead';

let postgres: PrivatePostgres;
let platform: Platform;
let browser: BrowserContext;
const { rejectNonEssential } = platformClient(() => platform.url);

beforeAll(async () => {
  postgres = await startPrivatePostgres();
  platform = await startPlatform({ env: { DATABASE_URL: postgres.url } });
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  if (platform?.process.exitCode === null) await platform.interrupt();
  await postgres?.destroy();
});

describe('The web app while PostgreSQL is away', () => {
  it('says "catching up", retries, and shows the programme once PostgreSQL is back (fault: postgres-web)', async () => {
    const page = await browser.newPage();
    await page.goto(`${platform.url}/e/vmc2021/programme`);
    await page.getByText(CLOSING).first().waitFor({ state: 'attached' });
    await rejectNonEssential(page);
    const logged = platform.output.join('').length;

    await postgres.stop();
    const apiAnswers: number[] = [];
    page.on('response', (response) => {
      if (response.url().includes('/api/events/vmc2021')) apiAnswers.push(response.status());
    });
    await page.reload();
    await page.getByText(CATCHING_UP).waitFor();
    const notice = page.getByRole('status').filter({ hasText: CATCHING_UP });
    await notice.waitFor();
    // The api answers 503 (with Retry-After) and the page keeps asking, beyond the two retries of an ordinary
    // failure, holding its loading state: no error state, no error page.
    while (apiAnswers.filter((status) => status === 503).length < 4) {
      await page.waitForResponse((response) => response.url().endsWith('/api/events/vmc2021'), {
        timeout: 40_000,
      });
    }
    await notice.waitFor();
    expect(await page.getByRole('alert').count()).toBe(0);
    expect(await page.getByText(/Something went wrong|not available right now/).count()).toBe(0);
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await screenshot(page, 'outage-catching-up');

    await postgres.start();
    await page.getByText(CLOSING).first().waitFor({ state: 'attached', timeout: 45_000 });
    await notice.waitFor({ state: 'detached' });
    await screenshot(page, 'outage-recovered');

    // One process all along, and the outage logged as warnings, not as a stack per request.
    const during = platform.output.join('').slice(logged);
    expect(during).not.toContain('unexpected error');
    expect(during).not.toMatch(/exited \(/);
    expect(platform.process.exitCode).toBeNull();
  });
});
