import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { eventDetailSchema } from '@plenary/contracts';
import { Client } from 'pg';
import type { BrowserContext } from 'playwright-core';
import { launchBrowser, screenshot, seriousAccessibilityViolations } from './support/browser';
import { ROOT, startPlatform, type Platform } from './support/platform';

const SESSION_TITLES_DAY_1 = [
  'Opening session: Addressing displacement from Afghanistan',
  'Opening session: Functioning, sustainable African–European migration partnerships',
  'Panel: The realities along the key routes to Europe',
];
const SPEAKERS = [
  'Karl Nehammer',
  'Selmo Cikotic',
  'Notis Mitarachi',
  'Péter Szijjártó',
  'Najla El Mangoush',
  'Amira El Fadil',
  'Monika Sie Dhian Ho',
  'Duncan Robinson',
  'Caroline de Gruyter',
];

/** PostgreSQL server processes whose command line names the data folder. */
function postgresProcessesFor(dataDir: string): string[] {
  const result = spawnSync('pgrep', ['-af', 'postgres'], { encoding: 'utf8' });
  return result.stdout.split('\n').filter((line) => line.includes(dataDir));
}

describe('npm start', () => {
  let platform: Platform;
  let browser: BrowserContext;

  beforeAll(async () => {
    platform = await startPlatform();
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    if (platform?.process.exitCode === null) await platform.interrupt();
  });

  it('serves the reference event with its sessions and nine speakers over the API', async () => {
    const response = await fetch(`${platform.url}/api/events/vmc2021`);
    expect(response.status).toBe(200);
    const event = eventDetailSchema.parse(await response.json());
    expect(event.days.flatMap((day) => day.sessions)).toHaveLength(6);
    expect(event.speakers.map((speaker) => speaker.name).sort()).toEqual([...SPEAKERS].sort());
  });

  it('shows the programme by day, with no serious accessibility violations', async () => {
    const page = await browser.newPage();
    const thirdParty: string[] = [];
    page.on('request', (request) => {
      if (!request.url().startsWith(platform.url) && !request.url().startsWith('data:'))
        thirdParty.push(request.url());
    });
    await page.goto(`${platform.url}/e/vmc2021/programme`);
    for (const title of SESSION_TITLES_DAY_1) await page.getByText(title).first().waitFor();
    await screenshot(page, 'programme-day-1');
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await page.getByRole('tab', { name: /20/ }).click();
    await page.getByText('Closing: Final reflections on the road ahead').first().waitFor();
    await screenshot(page, 'programme-day-2');
    expect(thirdParty).toEqual([]);
    await page.close();
  });

  it('lists the nine speakers with titles and organisations', async () => {
    const page = await browser.newPage();
    await page.goto(`${platform.url}/e/vmc2021/speakers`);
    for (const name of SPEAKERS) await page.getByText(name).first().waitFor();
    await page.getByText('The Economist').first().waitFor();
    await page.getByText('Federal Minister of the Interior').first().waitFor();
    await screenshot(page, 'speakers');
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await page.close();
  });

  it('shows the event home and a session page on a phone', async () => {
    const page = await browser.newPage();
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`${platform.url}/e/vmc2021`);
    await page.getByRole('heading', { level: 1 }).first().waitFor();
    await page
      .getByRole('link', { name: /Register/ })
      .first()
      .waitFor();
    await page
      .getByRole('link', { name: /Already registered/ })
      .first()
      .waitFor();
    await screenshot(page, 'event-home-phone');
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await page.goto(`${platform.url}/e/vmc2021/sessions/5e0c2021-0000-4000-8000-000000000204`);
    await page.getByRole('heading', { name: 'Panel: Crisis management at the external border' }).waitFor();
    await screenshot(page, 'session-phone');
    await page.close();
  });

  it('uses DATABASE_URL instead of the embedded database when it is set', async () => {
    // A PostgreSQL server to point at: the CI's, or the one this platform embeds.
    const embeddedPort = /embedded PostgreSQL on port (\d+)/.exec(platform.output.join(''))?.[1];
    const adminUrl =
      process.env['DATABASE_URL'] ?? `postgres://postgres:postgres@127.0.0.1:${embeddedPort}/postgres`;
    const name = `plenary_e2e_${Date.now()}`;
    const admin = new Client({ connectionString: adminUrl });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    const url = new URL(adminUrl);
    url.pathname = `/${name}`;
    let other: Platform | undefined;
    try {
      other = await startPlatform({ env: { DATABASE_URL: url.toString() } });
      expect(other.output.join('')).toContain('PostgreSQL at DATABASE_URL');
      const direct = new Client({ connectionString: url.toString() });
      await direct.connect();
      const { rows } = await direct.query<{ slug: string }>('SELECT slug FROM events');
      await direct.end();
      expect(rows).toEqual([{ slug: 'vmc2021' }]);
    } finally {
      if (other) await other.interrupt();
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
    }
  });

  it('keeps its data across a restart and leaves no process behind on Ctrl-C', async () => {
    const { dataDir } = platform;
    expect(await platform.interrupt()).toBe(0);
    expect(postgresProcessesFor(dataDir)).toEqual([]);

    // Second start on the same data folder: change the data directly in the embedded database.

    platform = await startPlatform({ dataDir });
    const pgPort = /embedded PostgreSQL on port (\d+)/.exec(platform.output.join(''))?.[1];
    const client = new Client({
      connectionString: `postgres://postgres:postgres@127.0.0.1:${pgPort}/plenary`,
    });
    await client.connect();
    await client.query(`UPDATE events SET tagline = 'kept across restarts' WHERE slug = 'vmc2021'`);
    await client.end();
    expect(await platform.interrupt()).toBe(0);
    expect(postgresProcessesFor(dataDir)).toEqual([]);

    platform = await startPlatform({ dataDir });
    const after = eventDetailSchema.parse(await (await fetch(`${platform.url}/api/events/vmc2021`)).json());
    expect(after.tagline).toBe('kept across restarts');
  });

  it('refuses a bad configuration value, naming the variable', () => {
    const run = (args: string[]) =>
      spawnSync(process.execPath, args, {
        cwd: ROOT,
        env: { ...process.env, DATABASE_URL: 'nonsense' },
        encoding: 'utf8',
      });
    const start = run(['--import', 'tsx', 'tools/start.ts']);
    expect(start.status).not.toBe(0);
    expect(start.stderr).toContain('DATABASE_URL');
    const api = run([join(ROOT, 'dist/apps/api/main.js')]);
    expect(api.status).not.toBe(0);
    expect(api.stderr).toContain('DATABASE_URL');
  });
});
