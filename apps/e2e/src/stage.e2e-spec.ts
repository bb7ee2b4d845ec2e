import type { BrowserContext } from 'playwright-core';
import { launchBrowser, screenshot, seriousAccessibilityViolations } from './support/browser';
import { platformClient } from './support/platform-client';
import { startPlatform, type Platform } from './support/platform';

// The embedded default has no LiveKit server: LIVEKIT_URL (ws://localhost:7880) has nothing listening. The stage
// must fetch its token, try that URL, say the video server is unreachable, and leave Q&A working.

const EVENT = 'vmc2021';
const SESSION_ID = '5e0c2021-0000-4000-8000-000000000204';
const SESSION_PATH = `/e/${EVENT}/sessions/${SESSION_ID}`;
const ATTENDEE = {
  name: 'Katherine Johnson',
  email: 'katherine.stage.e2e@example.org',
  organisation: 'Flight Research',
  jobTitle: 'Mathematician',
};
const QUESTION = 'How are border agencies trained for crisis situations?';

let platform: Platform;
const { signInWithLink, rejectNonEssential, registerApproved } = platformClient(() => platform.url);
let attendeeBrowser: BrowserContext;
let moderatorBrowser: BrowserContext;

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
  [attendeeBrowser, moderatorBrowser] = await Promise.all([launchBrowser(), launchBrowser()]);
});

afterAll(async () => {
  await Promise.all([attendeeBrowser?.close(), moderatorBrowser?.close()]);
  if (platform?.process.exitCode === null) await platform.interrupt();
});

describe('Session stage without a LiveKit server (the embedded default)', () => {
  it('over (past, never live) → live (pushed) → token 201 → "video server unreachable", while Q&A keeps working', async () => {
    await registerApprovedAttendee();

    // The attendee opens the scheduled session: no token requested.
    const attendee = await attendeeBrowser.newPage();
    const tokenRequests: string[] = [];
    attendee.on('request', (request) => {
      if (request.url().endsWith('/media-token')) tokenRequests.push(request.method());
    });
    const websockets: string[] = [];
    attendee.on('websocket', (socket) => websockets.push(socket.url()));
    await signInWithLink(attendee, ATTENDEE.email);
    await attendee.goto(`${platform.url}${SESSION_PATH}`);
    await rejectNonEssential(attendee);
    const stage = attendee.getByRole('region', { name: 'Stage', exact: true });
    // A 2021 session that has not gone live is over, not "starting soon" (a session still to come says when it
    // starts: session-stage.spec.tsx); a moderator may still take it live.
    await stage.getByRole('heading', { name: 'This session is over' }).waitFor();
    await stage.getByText(/It was scheduled for .* and did not go live here/).waitFor();
    const panel = attendee.getByRole('complementary', { name: 'Questions and polls' });
    await panel
      .getByRole('status')
      .filter({ hasText: /^Connection: Live$/ })
      .waitFor();
    expect(tokenRequests).toEqual([]);
    await screenshot(attendee, 'stage-attendee-starting-soon');

    // The moderator's session page: the backstage device check (this headless browser has no camera) and the
    // stage controls under it.
    const moderator = await moderatorBrowser.newPage();
    await signInWithLink(moderator, 'moderator@plenary.test');
    await moderator.goto(`${platform.url}${SESSION_PATH}`);
    await rejectNonEssential(moderator);
    const moderatorStage = moderator.getByRole('region', { name: 'Stage', exact: true });
    await moderatorStage.getByRole('heading', { name: /Backstage: check your camera/ }).waitFor();
    await moderatorStage.getByRole('button', { name: 'Join the backstage' }).waitFor();
    await moderatorStage
      .getByRole('region', { name: 'Stage controls' })
      .getByRole('button', { name: 'Go live' })
      .waitFor();
    expect(await seriousAccessibilityViolations(moderator)).toEqual([]);
    await screenshot(moderator, 'stage-moderator-backstage-preview');

    // The moderator sees the stage controls in the console and goes live there.
    await moderator.goto(`${platform.url}${SESSION_PATH}/moderate`);
    const controls = moderator.getByRole('region', { name: 'Stage controls' });
    await controls.getByRole('button', { name: 'Open the backstage' }).waitFor();
    await controls.getByRole('button', { name: 'End session' }).waitFor();
    await controls.getByRole('button', { name: 'Go live' }).click();
    await controls.getByRole('heading', { name: 'Raised hands' }).waitFor();
    await controls.getByText('No raised hands.').waitFor();

    // The push reaches the attendee without a reload: the token is fetched (201), the configured LiveKit URL is
    // tried, and the stage says the video server is unreachable, with a retry.
    const token = await attendee.waitForResponse((response) => response.url().endsWith('/media-token'));
    expect(token.request().method()).toBe('POST');
    expect(token.status()).toBe(201);
    const body = (await token.json()) as { server_url: string; participant_token: string };
    expect(body.server_url).toMatch(/^wss?:\/\//);
    expect(body.participant_token.split('.')).toHaveLength(3);
    await stage
      .getByRole('heading', { name: 'The video server is unreachable' })
      .waitFor({ timeout: 30_000 });
    await stage.getByRole('button', { name: 'Try again' }).waitFor();
    // It really tried LiveKit's signalling websocket at the configured URL.
    expect(websockets.some((url) => url.startsWith(`${body.server_url.replace(/\/$/, '')}/rtc`))).toBe(true);
    await attendee.getByText('Live', { exact: true }).first().waitFor();

    // Q&A still works: the question is acknowledged.
    await panel.getByRole('textbox', { name: 'Your question' }).fill(QUESTION);
    await panel.getByRole('button', { name: 'Send question' }).click();
    await panel.getByText('Waiting for review').waitFor();

    // Retrying tries again (a new token) and lands on the same clear state.
    const before = tokenRequests.length;
    await stage.getByRole('button', { name: 'Try again' }).click();
    await stage
      .getByRole('heading', { name: 'The video server is unreachable' })
      .waitFor({ timeout: 30_000 });
    expect(tokenRequests.length).toBeGreaterThan(before);

    expect(await seriousAccessibilityViolations(attendee)).toEqual([]);
    await screenshot(attendee, 'stage-attendee-unreachable');
    expect(await seriousAccessibilityViolations(moderator)).toEqual([]);
    await screenshot(moderator, 'stage-moderator-console-live');

    // Ending asks first; LiveKit cannot close the rooms, and the moderator is told so — the session is ended.
    await controls.getByRole('button', { name: 'End session' }).click();
    await controls.getByRole('button', { name: 'Yes, end it' }).click();
    await controls
      .getByRole('alert')
      .filter({ hasText: /did not answer/ })
      .waitFor();
    await controls.getByText('Ended', { exact: true }).waitFor();
    await stage.getByRole('heading', { name: 'This session has ended' }).waitFor();
    await screenshot(moderator, 'stage-moderator-end-failed');
    await screenshot(attendee, 'stage-attendee-ended');
  });
});
