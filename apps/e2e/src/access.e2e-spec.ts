import { outboxListSchema, ticketKeySchema, ticketSchema } from '@plenary/contracts';
import type { BrowserContext, Page } from 'playwright-core';
import { launchBrowser, screenshot, seriousAccessibilityViolations } from './support/browser';
import { startPlatform, type Platform } from './support/platform';

const SESSION_ID = '5e0c2021-0000-4000-8000-000000000203';
const PARTICIPANT = {
  name: 'Ada Lovelace',
  email: 'ada.e2e@example.org',
  organisation: 'Analytical Engines',
  jobTitle: 'Director',
};

let platform: Platform;
/** Two separate browser profiles: the participant's and the organiser's. */
let browser: BrowserContext;
let organiserBrowser: BrowserContext;

/** The newest mail to `to` whose subject contains `subject`, waiting for it to arrive. */
async function mailTo(to: string, subject: string): Promise<{ text: string; subject: string }> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const response = await fetch(`${platform.url}/api/dev/outbox`);
    const mail = outboxListSchema
      .parse(await response.json())
      .messages.find((m) => m.to === to && m.subject.includes(subject));
    if (mail) return mail;
    if (Date.now() > deadline) throw new Error(`no mail "${subject}" to ${to}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

const linkIn = (text: string): string => {
  const link = /https?:\/\/\S+\/auth\/confirm#token=[A-Za-z0-9_-]{43}\S*/.exec(text)?.[0];
  if (!link) throw new Error('no sign-in link in the mail');
  return link;
};

/** Requests a sign-in link on the sign-in page and follows it; the confirm page's button signs in. */
async function signInWithLink(page: Page, email: string): Promise<string> {
  await page.goto(`${platform.url}/sign-in`);
  await page.getByRole('textbox', { name: /E-mail address/ }).fill(email);
  await page.getByRole('button', { name: 'Send me a sign-in link' }).click();
  await page.getByRole('heading', { name: 'Check your inbox' }).waitFor();
  const link = linkIn((await mailTo(email, 'sign-in link')).text);
  await page.goto(link);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await page.waitForURL((url) => !url.pathname.startsWith('/auth/confirm'));
  return link;
}

beforeAll(async () => {
  platform = await startPlatform();
  browser = await launchBrowser();
  organiserBrowser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await organiserBrowser?.close();
  if (platform?.process.exitCode === null) await platform.interrupt();
});

describe('Gated access, end to end', () => {
  it('shows the gated state to someone not registered', async () => {
    const page = await browser.newPage();
    await page.goto(`${platform.url}/e/vmc2021/sessions/${SESSION_ID}`);
    await page.getByRole('heading', { name: 'This session is for registered participants' }).waitFor();
    await page
      .getByRole('link', { name: /Already registered\? Access here/ })
      .first()
      .waitFor();
    await screenshot(page, 'access-gated-session');
    await page.close();
  });

  it('walks register → approve → mail → magic link → ticket → session, and refuses a used link', async () => {
    const participant = await browser.newPage();
    await participant.goto(`${platform.url}/e/vmc2021/register`);
    await participant.getByRole('textbox', { name: /Full name/ }).fill(PARTICIPANT.name);
    await participant.getByRole('textbox', { name: /E-mail address/ }).fill(PARTICIPANT.email);
    await participant.getByRole('textbox', { name: /^Organisation/ }).fill(PARTICIPANT.organisation);
    await participant.getByRole('textbox', { name: /Job title/ }).fill(PARTICIPANT.jobTitle);
    await participant.getByRole('combobox', { name: /Country/ }).selectOption('AT');
    await participant.getByRole('radio', { name: /In person/ }).check();
    await participant.getByRole('checkbox', { name: /privacy notice/ }).check();
    expect(await seriousAccessibilityViolations(participant)).toEqual([]);
    await screenshot(participant, 'access-register-form');
    await participant.getByRole('button', { name: 'Register', exact: true }).click();
    await participant.getByRole('heading', { name: 'Check your inbox' }).waitFor();
    await mailTo(PARTICIPANT.email, 'Registration received');

    // The organiser signs in with a magic link and approves the registration in the console.
    const organiser = await organiserBrowser.newPage();
    await signInWithLink(organiser, 'organiser@plenary.test');
    await organiser.goto(`${platform.url}/e/vmc2021/organiser`);
    await organiser.getByRole('searchbox', { name: 'Search' }).fill(PARTICIPANT.email);
    // The search is debounced, and a new search starts a new selection: select once it is in the address.
    await organiser.waitForFunction(
      (email) => new URLSearchParams(window.location.search).get('q') === email,
      PARTICIPANT.email,
    );
    await organiser.getByRole('checkbox', { name: `Select ${PARTICIPANT.name}` }).check();
    await organiser.getByRole('button', { name: 'Approve', exact: true }).click();
    await organiser.getByRole('button', { name: 'Approve 1' }).click();
    await organiser
      .getByRole('row', { name: new RegExp(PARTICIPANT.name) })
      .getByText('Approved')
      .waitFor();
    await organiser.waitForLoadState('networkidle');
    expect(await seriousAccessibilityViolations(organiser)).toEqual([]);
    await screenshot(organiser, 'access-organiser-console');
    const approval = await mailTo(PARTICIPANT.email, 'You are registered');
    expect(approval.text).toMatch(/PL1\.[A-Za-z0-9_-]{128}/);

    // The participant signs in with the link from the mail; the ticket's QR payload verifies with the event key.
    const link = await signInWithLink(participant, PARTICIPANT.email);
    await participant.goto(`${platform.url}/e/vmc2021/ticket`);
    const qr = participant.getByRole('img', { name: /QR code of Ada Lovelace/ });
    await qr.waitFor();
    expect((await qr.boundingBox())?.width).toBeGreaterThanOrEqual(280);
    await screenshot(participant, 'access-my-ticket');
    const verified = await participant.evaluate(async () => {
      const ticket = (await (await fetch('/api/events/vmc2021/my/ticket')).json()) as { qrPayload: string };
      const key = (await (await fetch('/api/events/vmc2021/ticket-key')).json()) as { publicKey: string };
      const b64 = (value: string) =>
        Uint8Array.from(atob(value.replace(/-/g, '+').replace(/_/g, '/')), (c) => c.charCodeAt(0));
      const bytes = b64(ticket.qrPayload.slice(4));
      const publicKey = await crypto.subtle.importKey('raw', b64(key.publicKey), { name: 'Ed25519' }, false, [
        'verify',
      ]);
      return crypto.subtle.verify({ name: 'Ed25519' }, publicKey, bytes.slice(32), bytes.slice(0, 32));
    });
    expect(verified).toBe(true);
    const ticket = ticketSchema.parse(
      await participant.evaluate(
        async (): Promise<unknown> => (await fetch('/api/events/vmc2021/my/ticket')).json(),
      ),
    );
    expect(approval.text).toContain(ticket.qrPayload);
    ticketKeySchema.parse(await (await fetch(`${platform.url}/api/events/vmc2021/ticket-key`)).json());

    // The gated session page now opens for the participant.
    await participant.goto(`${platform.url}/e/vmc2021/sessions/${SESSION_ID}`);
    await participant
      .getByRole('heading', { name: 'Panel: The realities along the key routes to Europe' })
      .waitFor();
    await participant.waitForTimeout(300);
    expect(
      await participant.getByRole('heading', { name: 'This session is for registered participants' }).count(),
    ).toBe(0);
    await screenshot(participant, 'access-session-open');

    // A second use of the same link fails with a clear message.
    const page = await organiserBrowser.newPage();
    await page.goto(link);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await page.getByRole('heading', { name: 'This sign-in link no longer works' }).waitFor();
    await screenshot(page, 'access-link-used');
    await organiser.close();
  });

  it("keeps a stranger's form from changing a registration, and lets the owner change it signed in", async () => {
    // The participant is signed in (previous test) in `browser`; the stranger uses a fresh profile.
    const strangerBrowser = await launchBrowser();
    const stranger = await strangerBrowser.newPage();
    await stranger.goto(`${platform.url}/e/vmc2021/register`);
    await stranger.getByRole('textbox', { name: /Full name/ }).fill('Mallory Impostor');
    await stranger.getByRole('textbox', { name: /E-mail address/ }).fill(PARTICIPANT.email);
    await stranger.getByRole('textbox', { name: /^Organisation/ }).fill('Nowhere Inc');
    await stranger.getByRole('textbox', { name: /Job title/ }).fill('Impostor');
    await stranger.getByRole('combobox', { name: /Country/ }).selectOption('FR');
    await stranger.getByRole('radio', { name: /Remote/ }).check();
    await stranger.getByRole('checkbox', { name: /privacy notice/ }).check();
    await stranger.getByRole('checkbox', { name: /photos and recordings/ }).check();
    await stranger.getByRole('button', { name: 'Register', exact: true }).click();
    // The same answer a new address gets.
    await stranger.getByRole('heading', { name: 'Check your inbox' }).waitFor();
    const attempt = await mailTo(PARTICIPANT.email, 'Your registration:');
    expect(attempt.text).toContain('nothing has been changed');
    await strangerBrowser.close();

    const participant = await browser.newPage();
    await participant.goto(`${platform.url}/e/vmc2021/register`);
    await participant.getByRole('heading', { level: 1, name: 'My registration' }).waitFor();
    expect(await participant.getByRole('textbox', { name: /Full name/ }).inputValue()).toBe(PARTICIPANT.name);
    expect(await participant.getByRole('textbox', { name: /^Organisation/ }).inputValue()).toBe(
      PARTICIPANT.organisation,
    );
    expect(await participant.getByRole('radio', { name: /In person/ }).isChecked()).toBe(true);
    expect(await participant.getByRole('checkbox', { name: /photos and recordings/ }).isChecked()).toBe(
      false,
    );

    await participant.getByRole('textbox', { name: /^Organisation/ }).fill('Analytical Engines Foundation');
    await participant.getByRole('checkbox', { name: /photos and recordings/ }).check();
    await participant.getByRole('button', { name: 'Save changes' }).click();
    await participant.getByRole('heading', { name: 'Your changes are saved' }).waitFor();
    expect(await seriousAccessibilityViolations(participant)).toEqual([]);
    await screenshot(participant, 'access-my-registration');
    const mine = await participant.evaluate(
      async (): Promise<unknown> => (await fetch('/api/events/vmc2021/my/registration')).json(),
    );
    expect(mine).toMatchObject({
      name: PARTICIPANT.name,
      organisation: 'Analytical Engines Foundation',
      attendance: 'in_person',
      status: 'approved',
      consents: { photoRecording: true },
    });
    await participant.close();
  });
});
