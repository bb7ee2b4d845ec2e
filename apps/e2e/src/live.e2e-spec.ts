import { readFileSync } from 'node:fs';
import type { BrowserContext, Page } from 'playwright-core';
import { launchBrowser, screenshot, seriousAccessibilityViolations } from './support/browser';
import { platformClient } from './support/platform-client';
import { startPlatform, type Platform } from './support/platform';

const EVENT = 'vmc2021';
const SESSION_ID = '5e0c2021-0000-4000-8000-000000000203';
const SESSION_PATH = `/e/${EVENT}/sessions/${SESSION_ID}`;
const ATTENDEE = {
  name: 'Grace Hopper',
  email: 'grace.live.e2e@example.org',
  organisation: 'Naval Research',
  jobTitle: 'Rear Admiral',
};
const QUESTION = 'How will the partnerships protect people on the move while they wait for a decision?';
const SECOND_QUESTION = 'Which data do the partners share about returns?';
const FLOOR_QUESTION = 'What do the partnerships offer people who are already in Europe?';
const POLL = {
  question: 'Which route should the next panel discuss?',
  options: ['Western Balkans', 'Central Med'],
};
const PHONE = { width: 390, height: 844 };

let platform: Platform;
const { signInWithLink, rejectNonEssential, registerApproved } = platformClient(() => platform.url);
/** Three browser profiles: the attendee's, the moderator's console and the room's big screen. */
let attendeeBrowser: BrowserContext;
let moderatorBrowser: BrowserContext;
let screenBrowser: BrowserContext;

/** Registers the attendee through the API and approves the registration as the organiser. */
async function registerApprovedAttendee(): Promise<void> {
  await registerApproved(EVENT, {
    ...ATTENDEE,
    country: 'AT',
    attendance: 'remote',
    consents: { privacyNotice: true, photoRecording: false },
  });
}

beforeAll(async () => {
  platform = await startPlatform();
  [attendeeBrowser, moderatorBrowser, screenBrowser] = await Promise.all([
    launchBrowser(),
    launchBrowser(),
    launchBrowser(),
  ]);
});

afterAll(async () => {
  await Promise.all([attendeeBrowser?.close(), moderatorBrowser?.close(), screenBrowser?.close()]);
  if (platform?.process.exitCode === null) await platform.interrupt();
});

describe('Live Q&A and polls, end to end', () => {
  it('shows the moderator console as not allowed, and the big screen as "sign in", to a signed-out browser', async () => {
    const page = await screenBrowser.newPage();
    await page.goto(`${platform.url}${SESSION_PATH}/moderate`);
    await page.getByRole('heading', { name: 'Sign in to moderate this session' }).waitFor();
    await page.goto(`${platform.url}${SESSION_PATH}/screen`);
    await page.getByRole('heading', { name: 'Sign in to show the big screen' }).waitFor();
    await page.close();
  });

  it('ask → approve → highlight reaches the big screen; poll → vote → the charts update', async () => {
    await registerApprovedAttendee();

    // The attendee opens the session; the panel beside the stage joins the live Q&A.
    const attendee = await attendeeBrowser.newPage();
    await signInWithLink(attendee, ATTENDEE.email);
    await attendee.goto(`${platform.url}${SESSION_PATH}`);
    await rejectNonEssential(attendee);
    const panel = attendee.getByRole('complementary', { name: 'Questions and polls' });
    await panel
      .getByRole('status')
      .filter({ hasText: /^Connection: Live$/ })
      .waitFor();

    // The moderator's console, and the big screen in a third browser (also signed in as the moderator).
    const moderator = await moderatorBrowser.newPage();
    await signInWithLink(moderator, 'moderator@plenary.test');
    await moderator.goto(`${platform.url}${SESSION_PATH}`);
    await rejectNonEssential(moderator);
    await moderator.getByRole('link', { name: 'Moderate' }).click();
    await moderator.getByRole('heading', { name: 'Questions', exact: true }).waitFor();
    await moderator.getByText(/(person|people) online/).waitFor();

    const screen = await screenBrowser.newPage();
    await screen.setViewportSize({ width: 1920, height: 1080 });
    await signInWithLink(screen, 'moderator@plenary.test');
    await screen.goto(`${platform.url}${SESSION_PATH}/screen`);
    await screen.getByRole('heading', { name: 'Now answering' }).waitFor();
    await screen.getByRole('img', { name: /QR code of the link to this session/ }).waitFor();

    // Ask: pending for the attendee, in the moderator's Pending queue.
    await panel.getByRole('textbox', { name: 'Your question' }).fill(QUESTION);
    await panel.getByRole('button', { name: 'Send question' }).click();
    await panel.getByText('Waiting for review').waitFor();
    const pendingTab = moderator.getByRole('tab', { name: /Pending/ });
    await moderator.getByRole('tab', { name: 'Pending 1' }).waitFor();
    await pendingTab.click();
    const item = moderator.getByRole('article', { name: QUESTION });
    await item.waitFor();

    // Approve and highlight with the keyboard shortcuts: J selects, A approves, H highlights.
    await moderator.getByRole('heading', { name: 'Keyboard shortcuts' }).click();
    await moderator.keyboard.press('j');
    await moderator.keyboard.press('a');
    await moderator.getByRole('tab', { name: 'Approved 1' }).waitFor();
    await moderator.getByRole('tab', { name: /Approved/ }).click();
    await moderator.keyboard.press('j');
    await moderator.keyboard.press('h');
    await item.getByText('On screen now').waitFor();

    // The big screen shows it very large, without a reload; the attendee sees it on top and as approved.
    const highlight = screen.locator('.lv-screen__highlight');
    await highlight.getByText(QUESTION).waitFor();
    expect(
      await highlight.evaluate((element) => parseFloat(getComputedStyle(element).fontSize)),
    ).toBeGreaterThan(60);
    await panel.getByRole('region', { name: 'Being answered now' }).getByText(QUESTION).waitFor();
    await panel.getByText('Approved', { exact: true }).waitFor();

    // A second question: approved with the button. It is the attendee's own: no upvote button, and the panel says why.
    await panel.getByRole('textbox', { name: 'Your question' }).fill(SECOND_QUESTION);
    await panel.getByRole('button', { name: 'Send question' }).click();
    await moderator.getByRole('tab', { name: 'Pending 1' }).click();
    const second = moderator.getByRole('article', { name: SECOND_QUESTION });
    await second.getByRole('button', { name: 'Approve', exact: true }).click();
    await moderator.getByRole('tab', { name: 'Approved 2' }).click();
    const own = panel.getByRole('listitem').filter({ hasText: SECOND_QUESTION });
    await own.getByText('You can’t upvote your own question', { exact: false }).waitFor();
    expect(await own.getByRole('button', { name: /^Upvote/ }).count()).toBe(0);

    // A question from the floor, entered by the moderator: the attendee upvotes it; counts reach console and screen.
    const floorForm = moderator.getByRole('region', { name: 'Question from the floor' });
    await floorForm.getByRole('textbox', { name: /^Question/ }).fill(FLOOR_QUESTION);
    await floorForm.getByRole('button', { name: 'Add question' }).click();
    const floor = moderator.getByRole('article', { name: FLOOR_QUESTION });
    const upvote = panel
      .getByRole('listitem')
      .filter({ hasText: FLOOR_QUESTION })
      .getByRole('button', { name: /^Upvote/ });
    await upvote.click();
    await panel.getByRole('button', { name: 'Upvote, 1 vote', pressed: true }).waitFor();
    await floor.getByText('1 vote', { exact: true }).waitFor();
    await screen
      .locator('.lv-screen__question')
      .filter({ hasText: FLOOR_QUESTION })
      .getByText('1', { exact: true })
      .waitFor();

    // The console's export buttons download the session's questions (CSV and JSON) with the moderator's sign-in.
    const exports = moderator.getByRole('region', { name: 'Export questions and polls' });
    const [csvDownload] = await Promise.all([
      moderator.waitForEvent('download'),
      exports.getByRole('link', { name: 'Download CSV' }).click(),
    ]);
    expect(csvDownload.suggestedFilename()).toBe(`${EVENT}-${SESSION_ID}-engagement.csv`);
    const csv = readFileSync(await csvDownload.path(), 'utf8');
    expect(csv).toContain(FLOOR_QUESTION);
    expect(csv).toContain(SECOND_QUESTION);
    const [jsonDownload] = await Promise.all([
      moderator.waitForEvent('download'),
      exports.getByRole('link', { name: 'Download JSON' }).click(),
    ]);
    const exported = JSON.parse(readFileSync(await jsonDownload.path(), 'utf8')) as {
      questions: Array<{ text: string; votes: number }>;
    };
    expect(exported.questions.find((question) => question.text === FLOOR_QUESTION)?.votes).toBe(1);

    // The moderator builds a poll and opens it.
    await moderator.getByRole('textbox', { name: 'Poll question' }).fill(POLL.question);
    await moderator.getByRole('textbox', { name: 'Option 1' }).fill(POLL.options[0] ?? '');
    await moderator.getByRole('textbox', { name: 'Option 2' }).fill(POLL.options[1] ?? '');
    await moderator.getByRole('button', { name: 'Create poll' }).click();
    await moderator.getByRole('button', { name: 'Open poll' }).click();
    await moderator.getByRole('button', { name: 'Close poll' }).waitFor();

    // The attendee votes; the moderator's chart and the big screen's update.
    const ballot = panel.getByRole('article', { name: POLL.question });
    await ballot.getByRole('radio', { name: POLL.options[1] }).check();
    await ballot.getByRole('button', { name: 'Vote' }).click();
    await ballot.getByText(`Your vote: ${POLL.options[1]}`).waitFor();
    const moderatorChart = moderator.getByRole('list', { name: POLL.question });
    await moderatorChart
      .getByRole('listitem')
      .filter({ hasText: POLL.options[1] })
      .getByText('100 %')
      .waitFor();
    await moderator.getByText('1 person voted').waitFor();
    const screenChart = screen.getByRole('list', { name: POLL.question });
    await screenChart.getByRole('listitem').filter({ hasText: POLL.options[1] }).getByText('100 %').waitFor();
    await screenChart.getByRole('listitem').filter({ hasText: POLL.options[0] }).getByText('0 %').waitFor();

    // The big screen fits 1920 × 1080 without scrolling.
    const overflow = await screen.evaluate(() => ({
      width: document.documentElement.scrollWidth,
      height: document.documentElement.scrollHeight,
    }));
    expect(overflow).toEqual({ width: 1920, height: 1080 });

    expect(await seriousAccessibilityViolations(attendee)).toEqual([]);
    expect(await seriousAccessibilityViolations(moderator)).toEqual([]);
    await screenshot(attendee, 'live-attendee-panel');
    await screenshot(moderator, 'live-moderator-console');
    await screenshot(screen, 'live-big-screen');

    // On a phone: the panel and the console stack and stay usable.
    await attendee.setViewportSize(PHONE);
    await moderator.setViewportSize(PHONE);
    await attendee.waitForTimeout(300);
    const pageWidth = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth);
    expect(await pageWidth(attendee)).toBe(PHONE.width);
    expect(await pageWidth(moderator)).toBe(PHONE.width);
    expect(await seriousAccessibilityViolations(moderator)).toEqual([]);
    await screenshot(attendee, 'live-attendee-panel-phone');
    await screenshot(moderator, 'live-moderator-console-phone');
  });
});
