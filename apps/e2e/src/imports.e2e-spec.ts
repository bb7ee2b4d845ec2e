import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import type { BrowserContext, Page } from 'playwright-core';
import { launchBrowser, screenshot } from './support/browser';
import { platformClient } from './support/platform-client';
import { startPlatform, type Platform } from './support/platform';

const ROWS = 50_000;

/**
 * 50,000 rows: every 100th repeats the address of the row 50 before it (merged), every 1,000th (at 500) has a bad
 * address (refused), the rest are new people.
 */
function writeCsv(): { path: string; invited: number; duplicates: number; errors: number } {
  const lines = ['email,name,role'];
  let duplicates = 0;
  let errors = 0;
  for (let i = 0; i < ROWS; i += 1) {
    if (i % 100 === 99) {
      lines.push(`e2e-${i - 50}@example.org,Repeated ${i},attendee`);
      duplicates += 1;
    } else if (i % 1000 === 500) {
      lines.push(`not-an-address-${i},Bad ${i},attendee`);
      errors += 1;
    } else lines.push(`e2e-${i}@example.org,Person ${i},attendee`);
  }
  const path = join(mkdtempSync(join(tmpdir(), 'plenary-import-')), 'invitees.csv');
  writeFileSync(path, `${lines.join('\n')}\n`);
  return { path, invited: ROWS - duplicates - errors, duplicates, errors };
}

const numberIn = async (page: Page, label: string): Promise<number> =>
  Number(
    (await page.locator('.po-import-progress__count', { hasText: label }).locator('dd').innerText()).replace(
      /[^0-9]/g,
      '',
    ),
  );

describe('invitation import of 50,000 rows', () => {
  let platform: Platform;
  let browser: BrowserContext;
  const client = platformClient(() => platform.url);

  beforeAll(async () => {
    platform = await startPlatform({ env: { JOBS_POLL_SECONDS: '0.5' } });
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await platform?.interrupt();
  });

  it('shows progress, survives a restart of the platform in the middle, and ends with exact counts', async () => {
    const csv = writeCsv();
    const page = await browser.newPage();
    await client.signInWithLink(page, 'organiser@plenary.test');
    await page.goto(`${platform.url}/e/vmc2021/organiser`);
    const panel = page.getByRole('region', { name: 'Invite people' });
    await panel.getByLabel('CSV file').setInputFiles(csv.path);
    await panel.getByText('invitees.csv: 50,000 people, ready to import.').waitFor();
    await panel.getByRole('button', { name: 'Import 50,000 invitations' }).click();

    const bar = panel.getByRole('progressbar', { name: 'Importing invitees.csv' });
    await bar.waitFor();
    // Progress moves: wait until some rows are done, then until more are.
    const valueOf = async (): Promise<number> => Number((await bar.getAttribute('value')) ?? '0');
    await page.waitForFunction(
      () => Number(document.querySelector('.po-import-progress__bar')?.getAttribute('value') ?? 0) > 0,
    );
    const early = await valueOf();
    await page.waitForFunction(
      (seen) => Number(document.querySelector('.po-import-progress__bar')?.getAttribute('value') ?? 0) > seen,
      early,
    );
    await screenshot(page, 'import-running');

    // Restart the platform (api, live, web and its database) on the same address and data while the page stays open.
    const before = await valueOf();
    expect(before).toBeLessThan(ROWS);
    const { dataDir, url } = platform;
    const port = (name: string): string => {
      const value = /:(\d+)$/.exec(name)?.[1];
      if (!value) throw new Error(`no port in ${name}`);
      return value;
    };
    expect(await platform.interrupt()).toBe(0);
    platform = await startPlatform({
      dataDir,
      env: {
        JOBS_POLL_SECONDS: '0.5',
        WEB_PORT: port(url),
        PUBLIC_URL: url,
      },
    });
    // (startPlatform names the port it picked; the WEB_PORT and PUBLIC_URL given win, so the page's address answers.)
    expect((await fetch(`${url}/api/events/vmc2021`)).status).toBe(200);

    // The page notices nothing but a pause: the import resumes where it stopped and finishes.
    await panel.getByText(/^Done: .* people invited/).waitFor({ timeout: 90_000 });
    await panel.getByRole('progressbar', { name: 'invitees.csv imported' }).waitFor();
    expect(await numberIn(page, 'Invited')).toBe(csv.invited);
    expect(await numberIn(page, 'New people')).toBe(csv.invited);
    expect(await numberIn(page, 'Duplicates merged')).toBe(csv.duplicates);
    expect(await numberIn(page, 'Rows refused')).toBe(csv.errors);
    expect(await panel.getByText('50,000 of 50,000 rows').count()).toBe(1);
    await screenshot(page, 'import-done');

    // Nobody created or mailed twice.
    const pgPort = /embedded PostgreSQL on port (\d+)/.exec(platform.output.join(''))?.[1];
    const db = new Client({ connectionString: `postgres://postgres:postgres@127.0.0.1:${pgPort}/plenary` });
    await db.connect();
    try {
      const count = async (sql: string): Promise<number> =>
        Number(((await db.query<{ n: string }>(sql)).rows[0] ?? { n: '-1' }).n);
      expect(await count(`SELECT count(*) AS n FROM people WHERE email LIKE 'e2e-%'`)).toBe(csv.invited);
      expect(
        await count(
          `SELECT count(*) AS n FROM mail_outbox WHERE to_address LIKE 'e2e-%' AND subject LIKE 'Invitation:%'`,
        ),
      ).toBe(csv.invited);
      expect(
        await count(`SELECT count(DISTINCT to_address) AS n FROM mail_outbox WHERE to_address LIKE 'e2e-%'`),
      ).toBe(csv.invited);
    } finally {
      await db.end();
    }
  }, 240_000);
});
