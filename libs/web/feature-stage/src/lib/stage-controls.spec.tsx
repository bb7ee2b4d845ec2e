import type { HandQueue, StageState } from '@plenary/contracts';
import { act, fireEvent, screen, waitFor } from '@testing-library/react';
import { fakeApi, renderStage, type FakeRoute } from '../testing/render-stage';
import { StageControls } from './stage-controls';

const SLUG = 'vmc2021';
const SESSION = '5e0c2021-0000-4000-8000-000000000203';
const STAGE = `/events/${SLUG}/sessions/${SESSION}/stage`;
const IDENTITY = 'pAAAAAAAAAAAAAAAAAAAAAA';

const stage = (overrides: Partial<StageState> = {}): StageState => ({
  sessionId: SESSION,
  state: 'scheduled',
  backstageOpen: false,
  recording: false,
  recordingAvailable: false,
  confidential: false,
  ...overrides,
});

const queue: HandQueue = {
  hands: [
    { identity: IDENTITY, name: 'Quentin Question', status: 'raised', raisedAt: '2021-09-14T09:00:00Z' },
  ],
};

const error = (status: number, code: string, details?: unknown) => ({
  status,
  body: { error: { code, message: code, requestId: 'r1', ...(details ? { details } : {}) } },
});

describe('StageControls', () => {
  let restore: (() => void) | undefined;
  afterEach(() => restore?.());

  const api = (route: FakeRoute) => {
    const fake = fakeApi(route);
    restore = fake.restore;
    return fake.requests;
  };

  it('opens the backstage, goes live (CSRF header sent) and then shows the hands queue', async () => {
    let current = stage();
    const requests = api(({ method, path }) => {
      if (method === 'GET' && path === STAGE) return { status: 200, body: current };
      if (method === 'POST' && path === `${STAGE}/backstage`) {
        current = { ...current, backstageOpen: true };
        return { status: 200, body: current };
      }
      if (method === 'POST' && path === `${STAGE}/live`) {
        current = { ...current, state: 'live' };
        return { status: 200, body: current };
      }
      if (method === 'GET' && path === `${STAGE}/hands`) return { status: 200, body: queue };
      return undefined;
    });
    renderStage(<StageControls eventSlug={SLUG} sessionId={SESSION} />);

    fireEvent.click(await screen.findByRole('button', { name: 'Open the backstage' }));
    expect(await screen.findByText('Scheduled, backstage open')).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Open the backstage' })).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Go live' }));
    expect(await screen.findByRole('button', { name: 'Invite Quentin Question on stage' })).toBeTruthy();
    expect(screen.getAllByText('Live').length).toBeGreaterThan(0);
    const posts = requests.filter((request) => request.method === 'POST');
    expect(posts.map((request) => [request.path, request.csrf])).toEqual([
      [`${STAGE}/backstage`, true],
      [`${STAGE}/live`, true],
    ]);
  });

  it('asks before ending, and ends only when confirmed', async () => {
    const requests = api(({ method, path }) => {
      if (method === 'GET' && path === STAGE) return { status: 200, body: stage({ state: 'live' }) };
      if (method === 'GET' && path === `${STAGE}/hands`) return { status: 200, body: { hands: [] } };
      if (method === 'POST' && path === `${STAGE}/end`)
        return { status: 200, body: stage({ state: 'ended' }) };
      return undefined;
    });
    renderStage(<StageControls eventSlug={SLUG} sessionId={SESSION} />);
    fireEvent.click(await screen.findByRole('button', { name: 'End session' }));
    expect(screen.getByRole('group', { name: /End the session for everyone/ })).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(requests.some((request) => request.path === `${STAGE}/end`)).toBe(false);

    fireEvent.click(screen.getByRole('button', { name: 'End session' }));
    fireEvent.click(screen.getByRole('button', { name: 'Yes, end it' }));
    expect(await screen.findByText('Ended')).toBeTruthy();
    expect(requests.filter((request) => request.path === `${STAGE}/end`)).toHaveLength(1);
  });

  it('shows a LiveKit failure from the server instead of swallowing it', async () => {
    api(({ method, path }) => {
      if (method === 'GET' && path === STAGE) return { status: 200, body: stage({ state: 'live' }) };
      if (method === 'GET' && path === `${STAGE}/hands`) return { status: 200, body: queue };
      if (method === 'POST' && path === `${STAGE}/invitations`) {
        return error(502, 'media/livekit-unavailable', { operation: 'UpdateParticipant', attempts: 3 });
      }
      if (method === 'POST' && path === `${STAGE}/end`) {
        return error(502, 'media/livekit-unavailable', {
          operation: 'DeleteRoom',
          attempts: 3,
          state: 'ended',
        });
      }
      return undefined;
    });
    renderStage(<StageControls eventSlug={SLUG} sessionId={SESSION} />);
    fireEvent.click(await screen.findByRole('button', { name: 'Invite Quentin Question on stage' }));
    expect((await screen.findByRole('alert')).textContent).toMatch(/did not answer after several attempts/);

    fireEvent.click(screen.getByRole('button', { name: 'End session' }));
    fireEvent.click(screen.getByRole('button', { name: 'Yes, end it' }));
    await waitFor(() =>
      expect(
        screen
          .getAllByRole('alert')
          .some((alert) => /ending again closes the rooms/.test(alert.textContent ?? '')),
      ).toBe(true),
    );
  });

  it('follows stage:changed pushes and refetches the queue on stage:hands-changed', async () => {
    let hands: HandQueue = { hands: [] };
    const requests = api(({ method, path }) => {
      if (method === 'GET' && path === STAGE) return { status: 200, body: stage() };
      if (method === 'GET' && path === `${STAGE}/hands`) return { status: 200, body: hands };
      return undefined;
    });
    const { socket } = renderStage(<StageControls eventSlug={SLUG} sessionId={SESSION} />);
    await screen.findByRole('button', { name: 'Go live' });
    act(() => socket.push('stage:changed', stage({ state: 'live', recording: true })));
    expect(await screen.findByText('No raised hands.')).toBeTruthy();
    expect(screen.getByText('Recording')).toBeTruthy();
    // Another session's push changes nothing.
    act(() =>
      socket.push(
        'stage:changed',
        stage({ sessionId: '5e0c2021-0000-4000-8000-000000000999', state: 'ended' }),
      ),
    );
    expect(screen.queryByText('Ended')).toBeNull();

    hands = queue;
    act(() => socket.push('stage:hands-changed', { sessionId: SESSION }));
    expect(await screen.findByText('Quentin Question')).toBeTruthy();
    expect(requests.filter((request) => request.path === STAGE)).toHaveLength(1);
  });
});
