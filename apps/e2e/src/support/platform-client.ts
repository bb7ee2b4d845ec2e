import { CSRF_HEADER, outboxListSchema, registrationListSchema } from '@plenary/contracts';
import type { Page } from 'playwright-core';

/** The cookie banner's region, as every page shows it until a choice is made. */
const BANNER = { name: 'Cookies and embedded content' };

/**
 * What the end-to-end specs do against a running platform besides driving pages: read the dev outbox, call the api
 * like the web app does (CSRF header, same Origin) and sign people in by magic link, through the api or a page.
 * `url` is read at call time, so specs can create the client before `beforeAll` starts the platform.
 */
export function platformClient(url: () => string) {
  const seenMails = new Set<string>();

  /** The text of the first mail to `to` whose subject contains `subject` and that no earlier call returned. */
  async function newMailTo(to: string, subject: string): Promise<string> {
    const deadline = Date.now() + 10_000;
    for (;;) {
      const response = await fetch(`${url()}/api/dev/outbox`);
      const mail = outboxListSchema
        .parse(await response.json())
        .messages.find((m) => m.to === to && m.subject.includes(subject) && !seenMails.has(m.id));
      if (mail) {
        seenMails.add(mail.id);
        return mail.text;
      }
      if (Date.now() > deadline) throw new Error(`no new mail "${subject}" to ${to}`);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }

  const tokenIn = (text: string): string => {
    const token = /#token=([A-Za-z0-9_-]{43})/.exec(text)?.[1];
    if (!token) throw new Error('no sign-in link in the mail');
    return token;
  };

  async function apiPost(path: string, body: unknown, cookie?: string): Promise<Response> {
    return fetch(`${url()}/api${path}`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        [CSRF_HEADER]: '1',
        origin: url(),
        ...(cookie ? { cookie } : {}),
      },
      body: JSON.stringify(body),
    });
  }

  /** Signs in through the api by magic link; returns the Cookie header value. */
  async function apiSignIn(email: string): Promise<string> {
    expect((await apiPost('/auth/sign-in', { email })).status).toBe(202);
    const redeemed = await apiPost('/auth/magic-link', {
      token: tokenIn(await newMailTo(email, 'sign-in link')),
    });
    expect(redeemed.status).toBe(200);
    return redeemed.headers
      .getSetCookie()
      .map((line) => line.split(';')[0])
      .join('; ');
  }

  /**
   * Registers someone for `event` through the api (the public form's body) and approves the registration as the demo
   * organiser; returns the registration's id and the organiser's Cookie header value.
   */
  async function registerApproved(
    event: string,
    body: { email: string } & Record<string, unknown>,
  ): Promise<{ registrationId: string; organiser: string }> {
    const registered = await apiPost(`/events/${event}/registrations`, body);
    expect(registered.status).toBe(202);
    const organiser = await apiSignIn('organiser@plenary.test');
    const list = registrationListSchema.parse(
      await (
        await fetch(`${url()}/api/events/${event}/registrations?q=${encodeURIComponent(body.email)}`, {
          headers: { cookie: organiser },
        })
      ).json(),
    );
    const registration = list.items.find((item) => item.email === body.email);
    if (!registration) throw new Error('the registration is not in the organiser list');
    const decided = await apiPost(
      `/events/${event}/registrations/decisions`,
      { registrationIds: [registration.id], decision: 'approve' },
      organiser,
    );
    expect(decided.status).toBe(200);
    return { registrationId: registration.id, organiser };
  }

  /** Signs in on the page, as a person would: the sign-in form, the mailed link, the confirm button. */
  async function signInWithLink(page: Page, email: string): Promise<void> {
    await page.goto(`${url()}/sign-in`);
    await page.getByRole('textbox', { name: /E-mail address/ }).fill(email);
    await page.getByRole('button', { name: 'Send me a sign-in link' }).click();
    await page.getByRole('heading', { name: 'Check your inbox' }).waitFor();
    const token = tokenIn(await newMailTo(email, 'sign-in link'));
    await page.goto(`${url()}/auth/confirm#token=${token}`);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await page.waitForURL((current) => !current.pathname.startsWith('/auth/confirm'));
  }

  /** Answers the cookie banner with "Reject all". */
  async function rejectNonEssential(page: Page): Promise<void> {
    const banner = page.getByRole('region', BANNER);
    await banner.getByRole('button', { name: 'Reject all' }).click();
    await banner.waitFor({ state: 'detached' });
  }

  return { newMailTo, tokenIn, apiPost, apiSignIn, registerApproved, signInWithLink, rejectNonEssential };
}
