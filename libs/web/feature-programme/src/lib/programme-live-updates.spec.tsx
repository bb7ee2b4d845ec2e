import type { EventDetail, Session } from '@plenary/contracts';
import { createFakeProgrammeUpdates } from '@plenary/web-data-access';
import { act, screen, waitFor } from '@testing-library/react';
import { mockApi, renderRoute, type FakeApiResponse } from '../testing/render-route';
import { VMC_EVENT, VMC_SESSIONS } from '../testing/vmc2021.fixture';

const SESSION = VMC_SESSIONS.africaEurope;
const EVENT_PATH = '/api/events/vmc2021';
const SESSION_PATH = `/api/events/vmc2021/sessions/${SESSION.id}`;

const moved: Session = {
  ...SESSION,
  startsAt: '2021-10-19T09:30:00Z',
  endsAt: '2021-10-19T10:30:00Z',
  startsLocal: '2021-10-19T11:30',
  endsLocal: '2021-10-19T12:30',
};

function withSession(event: EventDetail, session: Session): EventDetail {
  return {
    ...event,
    days: event.days.map((day) => ({
      ...day,
      sessions: day.sessions.map((candidate) => (candidate.id === session.id ? session : candidate)),
    })),
  };
}

/** The session page's times list ("Vienna time …"). */
const viennaTimes = (): string => screen.getByText('Vienna time').closest('dl')?.textContent ?? '';

describe('Open pages follow programme changes over the live service', () => {
  afterEach(() => jest.restoreAllMocks());

  it('watches the event and re-reads the open session page when a change arrives, without a reload', async () => {
    const routes: Record<string, FakeApiResponse> = {
      [EVENT_PATH]: { body: VMC_EVENT },
      [SESSION_PATH]: { body: SESSION },
    };
    const fetchSpy = mockApi(routes);
    const { updates, socket } = createFakeProgrammeUpdates();
    renderRoute(`/e/vmc2021/sessions/${SESSION.id}`, { programmeUpdates: updates });
    await screen.findByText('Vienna time');
    expect(viennaTimes()).toContain('10:45–11:45');
    act(() => socket.open());
    expect(socket.sent).toEqual([{ event: 'programme:watch', payload: { eventId: VMC_EVENT.id } }]);

    routes[SESSION_PATH] = { body: moved };
    routes[EVENT_PATH] = { body: withSession(VMC_EVENT, moved) };
    const before = fetchSpy.mock.calls.length;
    act(() =>
      socket.push({
        eventId: VMC_EVENT.id,
        sessionIds: [SESSION.id],
        scope: 'sessions',
        programmeVersion: 9,
      }),
    );
    await waitFor(() => expect(viennaTimes()).toContain('11:30–12:30'));
    expect(viennaTimes()).not.toContain('10:45–11:45');
    expect(fetchSpy.mock.calls.length).toBeGreaterThan(before);
  });

  it('shows the "changed" badge on the open session page and in the programme once a moved session is re-read', async () => {
    // The day before the event: the move is recent and the session has not started.
    jest.useFakeTimers({ now: new Date('2021-10-18T12:00:00Z'), advanceTimers: true });
    try {
      const change = {
        previousStartsAt: SESSION.startsAt,
        previousStartsLocal: SESSION.startsLocal,
        previousRoom: 'Plenary hall',
        previousRoomId: SESSION.roomId,
        timeChanged: true,
        roomChanged: true,
        changedAt: '2021-10-18T11:59:00Z',
      };
      const routes: Record<string, FakeApiResponse> = {
        [EVENT_PATH]: { body: VMC_EVENT },
        [SESSION_PATH]: { body: SESSION },
      };
      mockApi(routes);
      const { updates, socket } = createFakeProgrammeUpdates();
      const view = renderRoute(`/e/vmc2021/sessions/${SESSION.id}`, { programmeUpdates: updates });
      await screen.findByText('Vienna time');
      expect(screen.queryByText('Changed:')).toBeNull();
      act(() => socket.open());

      const movedAway = { ...moved, room: 'Breakout A', roomId: null, change };
      routes[SESSION_PATH] = { body: movedAway };
      routes[EVENT_PATH] = { body: withSession(VMC_EVENT, movedAway) };
      act(() =>
        socket.push({
          eventId: VMC_EVENT.id,
          sessionIds: [SESSION.id],
          scope: 'sessions',
          programmeVersion: 9,
        }),
      );
      const notice = (await screen.findByText('Changed:')).closest('p');
      expect(notice?.textContent).toBe('Changed: was 10:45, Plenary hall');

      await act(() => view.router.navigate('/e/vmc2021/programme'));
      const item = (await screen.findByText('Changed:')).closest('li');
      expect(item?.textContent).toContain('Changed: was 10:45, Plenary hall');
      expect(item?.textContent).toContain(SESSION.title);
    } finally {
      jest.useRealTimers();
    }
  });

  it('ignores changes of other events', async () => {
    const fetchSpy = mockApi({ [EVENT_PATH]: { body: VMC_EVENT } });
    const { updates, socket } = createFakeProgrammeUpdates();
    renderRoute('/e/vmc2021/programme', { programmeUpdates: updates });
    await screen.findAllByText(SESSION.title);
    act(() => socket.open());
    const before = fetchSpy.mock.calls.length;
    act(() =>
      socket.push({
        eventId: '00000000-0000-4000-8000-0000000000ff',
        sessionIds: [],
        scope: 'event',
        programmeVersion: 2,
      }),
    );
    await act(() => Promise.resolve());
    expect(fetchSpy.mock.calls.length).toBe(before);
  });

  it('re-reads the programme page’s list when a session moved', async () => {
    const routes: Record<string, FakeApiResponse> = { [EVENT_PATH]: { body: VMC_EVENT } };
    mockApi(routes);
    const { updates, socket } = createFakeProgrammeUpdates();
    renderRoute('/e/vmc2021/programme', { programmeUpdates: updates });
    await screen.findAllByText(SESSION.title);
    act(() => socket.open());
    routes[EVENT_PATH] = { body: withSession(VMC_EVENT, { ...moved, title: 'Moved and renamed' }) };
    act(() =>
      socket.push({
        eventId: VMC_EVENT.id,
        sessionIds: [SESSION.id],
        scope: 'sessions',
        programmeVersion: 9,
      }),
    );
    expect(await screen.findByText('Moved and renamed')).toBeTruthy();
  });
});
