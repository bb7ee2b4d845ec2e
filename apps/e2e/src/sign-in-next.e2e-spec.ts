import { outboxListSchema } from '@plenary/contracts';
import type { BrowserContext, Page } from 'playwright-core';
import { launchBrowser, screenshot } from './support/browser';
import { startPlatform, type Platform } from './support/platform';

// Where people land after signing in when the sign-in address carries a `next`: on the page it names when that is a
// path of ours, else where they would land without one — never stuck on the sign-in page, never on another host.

let platform: Platform;
const browsers: BrowserContext[] = [];

/** A fresh browser profile (nobody signed in). */
async function freshPage(): Promise<Page> {
  const browser = await launchBrowser();
  browsers.push(browser);
  return browser.newPage();
}

/** The newest sign-in mail to `to` sent after `after` mails, waiting for it. */
async function signInMail(to: string, after: number): Promise<{ text: string; subject: string }> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const response = await fetch(`${platform.url}/api/dev/outbox`);
    const mails = outboxListSchema
      .parse(await response.json())
      .messages.filter((m) => m.to === to && m.subject.includes('sign-in link'));
    const mail = mails.length > after ? mails[0] : undefined;
    if (mail) return mail;
    if (Date.now() > deadline) throw new Error(`no sign-in mail to ${to}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

async function countSignInMails(to: string): Promise<number> {
  const response = await fetch(`${platform.url}/api/dev/outbox`);
  return outboxListSchema
    .parse(await response.json())
    .messages.filter((m) => m.to === to && m.subject.includes('sign-in link')).length;
}

/** Asks for a sign-in mail on the page that is open; returns the mail. */
async function requestMail(page: Page, email: string): Promise<{ text: string; subject: string }> {
  const before = await countSignInMails(email);
  await page.getByRole('textbox', { name: /E-mail address/ }).fill(email);
  await page.getByRole('button', { name: 'Send me a sign-in link' }).click();
  await page.getByRole('heading', { name: 'Check your inbox' }).waitFor();
  return signInMail(email, before);
}

beforeAll(async () => {
  platform = await startPlatform();
});

afterAll(async () => {
  await Promise.all(browsers.map((browser) => browser.close()));
  if (platform?.process.exitCode === null) await platform.interrupt();
});

describe('Sign-in next address, end to end', () => {
  it.each([
    ['an encoded tab', 'organiser@plenary.test', '/%09/host', '/e/vmc2021/organiser', 'Organiser console'],
    ['an encoded newline', 'moderator@plenary.test', '/%0A/host', '/e/vmc2021/my-sessions', 'Your sessions'],
  ])(
    'lands on the role home after the code when next hides %s',
    async (_label, email, nasty, home, heading) => {
      const page = await freshPage();
      const errors: string[] = [];
      page.on('pageerror', (error) => errors.push(error.message));
      await page.goto(`${platform.url}/sign-in?next=${encodeURIComponent(nasty)}`);
      const mail = await requestMail(page, email);
      const code = /\(code (\d{6})\)/.exec(mail.subject)?.[1] ?? '';
      await page.getByRole('textbox', { name: '6-digit code' }).fill(code);
      await page.getByRole('button', { name: 'Sign in with the code' }).click();
      await page.waitForURL((url) => url.pathname === home);
      await page.getByRole('heading', { level: 1, name: heading }).waitFor();
      expect(new URL(page.url()).host).toBe(new URL(platform.url).host);
      expect(errors).toEqual([]);
    },
  );

  it('follows the sign-in link to the page it was asked from, and ignores a next slipped into the link', async () => {
    const page = await freshPage();
    const staffPage = '/e/vmc2021/staff';
    await page.goto(`${platform.url}/e/vmc2021/access?next=${encodeURIComponent(staffPage)}`);
    const mail = await requestMail(page, 'staff@plenary.test');
    const link = /https?:\/\/\S+\/auth\/confirm#\S+/.exec(mail.text)?.[0] ?? '';
    expect(new URLSearchParams(new URL(link).hash.slice(1)).get('next')).toBe(staffPage);

    // The same token with a hostile next written into the fragment: the confirm page drops it.
    const forged = new URL(link);
    const fragment = new URLSearchParams(forged.hash.slice(1));
    fragment.set('next', '/%09/host');
    forged.hash = fragment.toString();
    await page.goto(forged.toString());
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await page.waitForURL((url) => !url.pathname.startsWith('/auth/confirm'));
    // Without the dropped next, the staff member lands on their own home: the door app.
    expect(new URL(page.url()).pathname).toBe(staffPage);
    await screenshot(page, 'sign-in-next-forged-link');

    // A second link, as mailed: it leads to the staff page.
    const other = await freshPage();
    await other.goto(`${platform.url}/e/vmc2021/access?next=${encodeURIComponent(staffPage)}`);
    const second = await requestMail(other, 'staff@plenary.test');
    await other.goto(/https?:\/\/\S+\/auth\/confirm#\S+/.exec(second.text)?.[0] ?? '');
    await other.getByRole('button', { name: 'Sign in', exact: true }).click();
    await other.waitForURL((url) => url.pathname === staffPage);
  });
});
