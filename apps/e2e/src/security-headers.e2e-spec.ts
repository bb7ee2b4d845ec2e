import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { registrationListSchema, ticketSchema } from '@plenary/contracts';
import type { BrowserContext, Page } from 'playwright-core';
import { launchBrowser, screenshot } from './support/browser';
import { writeQrVideo } from './support/fake-camera';
import { platformClient } from './support/platform-client';
import { startPlatform, type Platform } from './support/platform';

// The web app under its real Content-Security-Policy (as `npm start` serves it, the same as nginx in production):
// the main pages, the video stage trying LiveKit, the organiser console and the staff phone app with its camera and
// WebAssembly QR reader must not trip a single CSP violation.

const EVENT = 'vmc2021';
const SESSION_ID = '5e0c2021-0000-4000-8000-000000000204';
const SESSION_PATH = `/e/${EVENT}/sessions/${SESSION_ID}`;
const PHONE = { width: 390, height: 844 };
const ATTENDEE = {
  name: 'Grace Policy',
  email: 'grace.csp.e2e@example.org',
  organisation: 'Naval Research',
  jobTitle: 'Rear Admiral',
};

interface Violation {
  page: string;
  directive: string;
  blocked: string;
  source: string;
}

let platform: Platform;
const { apiPost, apiSignIn, signInWithLink, rejectNonEssential } = platformClient(() => platform.url);
let visitor: BrowserContext;
let attendee: BrowserContext;
let organiser: BrowserContext;
let staff: BrowserContext;
const violations: Violation[] = [];
/** Violations recorded since the test started. */
let seen = 0;
const newViolations = (): Violation[] => violations.slice(seen);

/** Records every CSP violation of every page and frame of `context`: the DOM event and Chromium's console line. */
async function watch(context: BrowserContext): Promise<BrowserContext> {
  await context.exposeBinding('__reportCspViolation', ({ page }, violation: Omit<Violation, 'page'>) => {
    violations.push({ page: page.url(), ...violation });
  });
  await context.addInitScript(() => {
    document.addEventListener(
      'securitypolicyviolation',
      (event) => {
        const report = (window as unknown as { __reportCspViolation: (v: unknown) => void })
          .__reportCspViolation;
        report({
          directive: event.effectiveDirective,
          blocked: event.blockedURI,
          source: `${event.sourceFile}:${event.lineNumber}`,
        });
      },
      true,
    );
  });
  context.on('console', (message) => {
    if (/Content Security Policy/i.test(message.text()))
      violations.push({
        page: message.page()?.url() ?? '',
        directive: 'console',
        blocked: message.text(),
        source: '',
      });
  });
  return context;
}

/** Opens `path`, checks the document's CSP header, and waits until the page is ready and the network quiet. */
async function visit(page: Page, path: string, ready: () => Promise<unknown>): Promise<void> {
  const response = await page.goto(`${platform.url}${path}`);
  const policy = response?.headers()['content-security-policy'] ?? '';
  expect({ path, policy }).toEqual({
    path,
    policy: expect.stringContaining("default-src 'self'") as unknown,
  });
  expect(policy).toContain("connect-src 'self' ws://localhost:7880 http://localhost:7880");
  await ready();
  await page.waitForLoadState('networkidle');
}

async function registerApproved(
  person: typeof ATTENDEE,
  attendance: 'remote' | 'in_person',
): Promise<string> {
  const registered = await apiPost(`/events/${EVENT}/registrations`, {
    ...person,
    country: 'AT',
    attendance,
    consents: { privacyNotice: true, photoRecording: false },
  });
  expect(registered.status).toBe(202);
  const cookie = await apiSignIn('organiser@plenary.test');
  const list = registrationListSchema.parse(
    await (
      await fetch(`${platform.url}/api/events/${EVENT}/registrations?q=${encodeURIComponent(person.email)}`, {
        headers: { cookie },
      })
    ).json(),
  );
  const id = list.items.find((item) => item.email === person.email)?.id;
  if (!id) throw new Error(`${person.email} is not in the organiser list`);
  const decided = await apiPost(
    `/events/${EVENT}/registrations/decisions`,
    { registrationIds: [id], decision: 'approve' },
    cookie,
  );
  expect(decided.status).toBe(200);
  return cookie;
}

beforeAll(async () => {
  platform = await startPlatform();
  const organiserCookie = await registerApproved(ATTENDEE, 'in_person');
  // The session goes live: the attendee's stage fetches a token and tries LiveKit (nothing listens there).
  expect(
    (await apiPost(`/events/${EVENT}/sessions/${SESSION_ID}/stage/live`, {}, organiserCookie)).status,
  ).toBe(200);
  const ticket = ticketSchema.parse(
    await (
      await fetch(`${platform.url}/api/events/${EVENT}/my/ticket`, {
        headers: { cookie: await apiSignIn(ATTENDEE.email) },
      })
    ).json(),
  );
  const video = join(mkdtempSync(join(tmpdir(), 'plenary-camera-')), 'ticket.y4m');
  writeQrVideo(video, ticket.qrPayload);
  [visitor, attendee, organiser, staff] = await Promise.all([
    launchBrowser().then(watch),
    launchBrowser().then(watch),
    launchBrowser().then(watch),
    launchBrowser({
      viewport: PHONE,
      args: [
        '--use-fake-ui-for-media-stream',
        '--use-fake-device-for-media-stream',
        `--use-file-for-fake-video-capture=${video}`,
      ],
    }).then(watch),
  ]);
});

afterAll(async () => {
  await Promise.all([visitor?.close(), attendee?.close(), organiser?.close(), staff?.close()]);
  if (platform?.process.exitCode === null) await platform.interrupt();
});

describe('Content-Security-Policy of the web app', () => {
  beforeEach(() => {
    seen = violations.length;
  });

  it('lets the public pages and the API docs run without a single violation', async () => {
    const page = await visitor.newPage();
    await visit(page, `/e/${EVENT}`, () => page.getByRole('heading', { level: 1 }).first().waitFor());
    await rejectNonEssential(page);
    await visit(page, `/e/${EVENT}/programme`, () =>
      page.getByText('Closing: Final reflections on the road ahead').first().waitFor({ state: 'attached' }),
    );
    await visit(page, `/e/${EVENT}/register`, () =>
      page.getByRole('textbox', { name: /Full name/ }).waitFor(),
    );
    // The api's own page: its CSP allows its one inline script by hash.
    const docs = await page.goto(`${platform.url}/api/docs`);
    expect(docs?.headers()['content-security-policy']).toContain("script-src 'sha256-");
    await page.locator('#routes li').first().waitFor();
    expect(newViolations()).toEqual([]);
  });

  it('lets the session stage try LiveKit, and the live panel connect, without a violation', async () => {
    const page = await attendee.newPage();
    await signInWithLink(page, ATTENDEE.email);
    const websockets: string[] = [];
    page.on('websocket', (socket) => websockets.push(socket.url()));
    await visit(page, SESSION_PATH, () =>
      page
        .getByRole('region', { name: 'Stage', exact: true })
        .getByRole('heading', { name: 'The video server is unreachable' })
        .waitFor({ timeout: 30_000 }),
    );
    await page
      .getByRole('complementary', { name: 'Questions and polls' })
      .getByRole('status')
      .filter({ hasText: /^Connection: Live$/ })
      .waitFor();
    // Both websockets were opened, not blocked: LiveKit's signalling and the live service.
    expect(websockets.some((url) => url.startsWith('ws://localhost:7880/rtc'))).toBe(true);
    expect(websockets.some((url) => url.includes('/live/socket.io'))).toBe(true);
    await visit(page, `/e/${EVENT}/ticket`, () =>
      page
        .getByRole('img', { name: /QR code/i })
        .first()
        .waitFor(),
    );
    await screenshot(page, 'csp-ticket');
    expect(newViolations()).toEqual([]);
  });

  it('lets the organiser console, the moderator console and the big screen run without a violation', async () => {
    const page = await organiser.newPage();
    await signInWithLink(page, 'organiser@plenary.test');
    await visit(page, `/e/${EVENT}/organiser`, () =>
      page.getByRole('searchbox', { name: 'Search' }).waitFor(),
    );
    await visit(page, `/e/${EVENT}/organiser/attendance`, () =>
      page.getByRole('region', { name: 'At a glance' }).waitFor(),
    );
    await visit(page, `${SESSION_PATH}/moderate`, () =>
      page.getByRole('heading', { name: 'Questions', exact: true }).waitFor(),
    );
    await visit(page, `${SESSION_PATH}/screen`, () =>
      page.getByRole('heading', { name: 'Now answering' }).waitFor(),
    );
    expect(newViolations()).toEqual([]);
  });

  it('lets the staff phone app scan with the camera and its WebAssembly reader without a violation', async () => {
    const page = await staff.newPage();
    await signInWithLink(page, 'staff@plenary.test');
    await visit(page, `/e/${EVENT}/staff`, () =>
      page.getByRole('heading', { name: 'Register this phone' }).waitFor(),
    );
    await page.getByRole('textbox', { name: /Device name/ }).fill('CSP door phone');
    await page.getByRole('button', { name: 'Register this phone' }).click();
    await page.getByRole('textbox', { name: /Gate/ }).fill('C');
    await page.getByRole('button', { name: 'Start checking in' }).click();
    // The fake camera shows the attendee's ticket: read by the QR reader, admitted.
    await page
      .getByRole('alert')
      .filter({ has: page.locator('.ck-verdict__title') })
      .getByRole('heading', { name: 'Admitted' })
      .waitFor({ timeout: 30_000 });
    await screenshot(page, 'csp-staff-admitted');
    expect(newViolations()).toEqual([]);
  });
});
