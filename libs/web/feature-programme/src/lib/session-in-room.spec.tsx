import type { Me, PresenceChangedEvent } from '@plenary/contracts';
import { LiveConnection } from '@plenary/web-data-access';
import type { LiveSocket } from '@plenary/web-data-access';
import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import type { EmbedProps } from './embed-context';
import { mockApi, renderRoute } from '../testing/render-route';
import { VMC_EVENT, VMC_SESSIONS } from '../testing/vmc2021.fixture';

const SESSION = VMC_SESSIONS.africaEurope;
const SESSION_PATH = `/api/events/vmc2021/sessions/${SESSION.id}`;
const PRESENCE_PATH = '/api/events/vmc2021/my/presence';
const SESSION_URL = `/e/vmc2021/sessions/${SESSION.id}`;
const ME: Me = {
  person: { id: '00000000-0000-4000-8000-0000000000a1', name: 'Ada Attendee', email: 'ada@example.org' },
  isAdmin: false,
  memberships: [{ eventSlug: 'vmc2021', roles: ['attendee'], registration: null }],
};
const TODAY = '2021-10-19';

/** The URL a fetch call asked for. */
const urlOf = (input: Parameters<typeof fetch>[0]): string =>
  typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;

type Listener = (payload: unknown) => void;

/** Just enough of a socket.io client for the hybrid switch: listeners and pushes. */
class FakeSocket {
  connected = false;
  active = false;
  private readonly listeners = new Map<string, Set<Listener>>();

  on(event: string, listener: Listener) {
    const set = this.listeners.get(event) ?? new Set();
    set.add(listener);
    this.listeners.set(event, set);
    return this;
  }

  off(event: string, listener: Listener) {
    this.listeners.get(event)?.delete(listener);
    return this;
  }

  connect() {
    this.active = true;
    this.connected = true;
    this.fire('connect');
    return this;
  }

  disconnect() {
    this.connected = false;
    this.active = false;
    return this;
  }

  listening(event: string): number {
    return this.listeners.get(event)?.size ?? 0;
  }

  fire(event: string, payload?: unknown) {
    for (const listener of this.listeners.get(event) ?? []) listener(payload);
  }
}

function FakeEmbed({ title }: EmbedProps) {
  return <div data-testid="embed">{title}</div>;
}

function setup(inRoomToday: boolean) {
  const socket = new FakeSocket();
  const connection = new LiveConnection(socket as unknown as LiveSocket);
  const fetch = mockApi({
    '/api/events/vmc2021': { body: VMC_EVENT },
    [SESSION_PATH]: { body: SESSION },
    [`${SESSION_PATH}/access`]: { body: { granted: true, roles: ['attendee'] } },
    '/api/me': { body: ME },
    [PRESENCE_PATH]: { body: { eventId: VMC_EVENT.id, day: TODAY, inRoomToday } },
  });
  renderRoute(SESSION_URL, { embed: FakeEmbed, liveConnection: connection });
  const push = (event: PresenceChangedEvent) => act(() => socket.fire('attendance:presence', event));
  return { socket, push, fetch };
}

const stage = () => screen.getByRole('region', { name: 'Live stage' });

describe('SessionPage · hybrid switch', () => {
  afterEach(() => jest.restoreAllMocks());

  it('in the room: a clear badge, the stream paused with "Watch anyway", Q&A still there', async () => {
    setup(true);

    expect(await screen.findByText('You’re in the room')).toBeTruthy();
    expect(
      within(stage()).getByText('You’re in the room — the stream is paused. Questions and polls stay on.'),
    ).toBeTruthy();
    expect(screen.queryByTestId('embed')).toBeNull();
    expect(screen.getByRole('complementary', { name: 'Questions and answers' })).toBeTruthy();

    fireEvent.click(within(stage()).getByRole('button', { name: 'Watch anyway' }));
    expect(screen.getByTestId('embed')).toBeTruthy();
    expect(screen.getByText('You’re in the room')).toBeTruthy();
  });

  it('switches to in-room mode on a door check-in pushed over the live connection, and back on undo', async () => {
    const { socket, push } = setup(false);

    await screen.findByTestId('embed');
    await waitFor(() => expect(socket.listening('attendance:presence')).toBe(1));
    expect(screen.queryByText('You’re in the room')).toBeNull();

    push({ eventId: VMC_EVENT.id, day: TODAY, inRoom: true });
    expect(await screen.findByText('You’re in the room')).toBeTruthy();
    expect(screen.queryByTestId('embed')).toBeNull();
    // The badge sits in a status region, so the switch is announced.
    expect(screen.getByText('You’re in the room').closest('[role="status"]')).toBeTruthy();

    push({ eventId: VMC_EVENT.id, day: TODAY, inRoom: false });
    await waitFor(() => expect(screen.queryByText('You’re in the room')).toBeNull());
    expect(screen.getByTestId('embed')).toBeTruthy();
  });

  it("ignores another event's push and reads the state again for another day's", async () => {
    const { socket, push, fetch } = setup(false);
    await waitFor(() => expect(socket.listening('attendance:presence')).toBe(1));
    const presenceReads = () =>
      fetch.mock.calls.filter(([input]) => urlOf(input).startsWith(PRESENCE_PATH)).length;
    await waitFor(() => expect(presenceReads()).toBeGreaterThan(0));
    const before = presenceReads();

    push({ eventId: '00000000-0000-4000-8000-00000000beef', day: TODAY, inRoom: true });
    push({ eventId: VMC_EVENT.id, day: '2021-10-18', inRoom: true });
    await waitFor(() => expect(presenceReads()).toBe(before + 1));
    expect(screen.queryByText('You’re in the room')).toBeNull();
  });

  it('asks nothing and shows no badge to someone signed out', async () => {
    const socket = new FakeSocket();
    const fetch = mockApi({
      '/api/events/vmc2021': { body: VMC_EVENT },
      [SESSION_PATH]: { body: SESSION },
      '/api/me': {
        status: 401,
        body: { error: { code: 'identity/unauthenticated', message: 'Sign in', requestId: 'r' } },
      },
    });
    renderRoute(SESSION_URL, {
      embed: FakeEmbed,
      liveConnection: new LiveConnection(socket as unknown as LiveSocket),
    });

    await screen.findByTestId('embed');
    expect(socket.listening('attendance:presence')).toBe(0);
    expect(fetch.mock.calls.some(([input]) => urlOf(input).startsWith(PRESENCE_PATH))).toBe(false);
  });
});
