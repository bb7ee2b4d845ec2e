import { screen, within } from '@testing-library/react';
import type { SessionPanelProps } from './session-panel-context';
import { mockApi, renderRoute } from '../testing/render-route';
import { VMC_EVENT, VMC_SESSIONS } from '../testing/vmc2021.fixture';

const SESSION = VMC_SESSIONS.africaEurope;
const EVENT_PATH = '/api/events/vmc2021';
const SESSION_PATH = `/api/events/vmc2021/sessions/${SESSION.id}`;
const SESSION_URL = `/e/vmc2021/sessions/${SESSION.id}`;
const ACCESS_PATH = `${SESSION_PATH}/access`;
const GRANTED = { body: { granted: true, roles: ['attendee'] } };

describe('SessionPage', () => {
  afterEach(() => jest.restoreAllMocks());

  it('shows the session: title, kind, state, both time zones, room and abstract', async () => {
    mockApi({ [EVENT_PATH]: { body: VMC_EVENT }, [SESSION_PATH]: { body: SESSION } });

    renderRoute(SESSION_URL, { viewerTimeZone: 'Asia/Tokyo' });

    const title = await screen.findByRole('heading', { level: 1 });
    expect(title.textContent).toBe(
      'Opening session: Functioning, sustainable African–European migration partnerships',
    );
    expect(screen.getByText('Opening')).toBeTruthy();
    expect(screen.getByText('Live now')).toBeTruthy();

    const times = screen.getByText('Vienna time').closest('dl');
    if (!times) throw new Error('no times list');
    const rows = Array.from(times.querySelectorAll('div')).map((row) => row.textContent);
    expect(rows).toEqual([
      'Vienna timeTuesday, 19 October 2021 10:45–11:45 CEST',
      'Your time (GMT+9)Tuesday, 19 October 2021 17:45–18:45',
    ]);
    expect(screen.getByText('Plenary hall')).toBeTruthy();
    expect(screen.getByText(SESSION.abstract ?? '')).toBeTruthy();
    expect(document.title).toBe(`${SESSION.title} · Vienna Migration Conference 2021`);
  });

  it('lists the speakers with honorific, title, organisation and role, moderator first', async () => {
    mockApi({ [EVENT_PATH]: { body: VMC_EVENT }, [SESSION_PATH]: { body: SESSION } });

    renderRoute(SESSION_URL);

    const section = (await screen.findByRole('heading', { level: 2, name: 'Speakers' })).closest('section');
    if (!section) throw new Error('no speakers section');
    const cards = within(section).getAllByRole('listitem');
    expect(cards.map((card) => within(card).getByRole('heading', { level: 3 }).textContent)).toEqual([
      'Duncan Robinson',
      'HE Najla El Mangoush',
      'HE Amira El Fadil',
    ]);
    const [moderator, , commissioner] = cards;
    if (!moderator || !commissioner) throw new Error('cards missing');
    expect(within(moderator).getByText('Moderator')).toBeTruthy();
    expect(within(moderator).getByText('The Economist')).toBeTruthy();
    expect(within(commissioner).getByText('Keynote speaker')).toBeTruthy();
    expect(
      within(commissioner).getByText('Commissioner for Health, Humanitarian Affairs and Social Development'),
    ).toBeTruthy();
    expect(within(commissioner).getByText('African Union Commission')).toBeTruthy();
  });

  it('keeps a labelled place for the live stage and for questions', async () => {
    mockApi({ [EVENT_PATH]: { body: VMC_EVENT }, [SESSION_PATH]: { body: SESSION }, [ACCESS_PATH]: GRANTED });

    renderRoute(SESSION_URL);

    const stage = await screen.findByRole('region', { name: 'Live stage' });
    expect(await within(stage).findByText('This session is live. The stream will appear here.')).toBeTruthy();
    expect(screen.getByRole('complementary', { name: 'Questions and answers' })).toBeTruthy();
  });

  it('shows the event time only, without "your time", to a viewer in Vienna', async () => {
    mockApi({ [EVENT_PATH]: { body: VMC_EVENT }, [SESSION_PATH]: { body: SESSION } });

    renderRoute(SESSION_URL, { viewerTimeZone: 'Europe/Vienna' });

    await screen.findByRole('heading', { level: 1 });
    expect(screen.getByText('Vienna time')).toBeTruthy();
    expect(screen.queryByText(/Your time/)).toBeNull();
  });

  it('shows "session not found" with a way back when the API answers 404', async () => {
    const missing = '00000000-0000-4000-8000-000000000000';
    mockApi({
      [EVENT_PATH]: { body: VMC_EVENT },
      [`/api/events/vmc2021/sessions/${missing}`]: {
        status: 404,
        body: {
          error: { code: 'programme/session-not-found', message: 'No such session', requestId: 'r-2' },
        },
      },
    });

    renderRoute(`/e/vmc2021/sessions/${missing}`);

    expect(await screen.findByRole('heading', { level: 1, name: 'Session not found' })).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Back to the programme' }).getAttribute('href')).toBe(
      '/e/vmc2021/programme',
    );
    expect(document.title).toBe('Session not found · Vienna Migration Conference 2021');
  });

  it('shows "event not found" when the event does not exist', async () => {
    mockApi({
      '/api/events/nope': {
        status: 404,
        body: { error: { code: 'programme/event-not-found', message: 'No event nope', requestId: 'r-3' } },
      },
    });

    renderRoute(`/e/nope/sessions/${SESSION.id}`);

    expect(await screen.findByRole('heading', { level: 1, name: 'Event not found' })).toBeTruthy();
    expect(screen.getByText(/There is no event at “nope”/)).toBeTruthy();
  });
});

describe('SessionPage access to the live stage', () => {
  afterEach(() => jest.restoreAllMocks());

  const envelope = (status: number, code: string) => ({
    status,
    body: { error: { code, message: code, requestId: 'r-gate' } },
  });

  it('asks signed-out visitors to register or access, and keeps the programme information public', async () => {
    const fetchMock = mockApi({
      [EVENT_PATH]: { body: VMC_EVENT },
      [SESSION_PATH]: { body: SESSION },
      [ACCESS_PATH]: envelope(401, 'identity/unauthenticated'),
      '/api/me': envelope(401, 'identity/unauthenticated'),
    });

    renderRoute(SESSION_URL);

    const stage = await screen.findByRole('region', { name: 'Live stage' });
    expect(await within(stage).findByText('This session is for registered participants')).toBeTruthy();
    expect(within(stage).queryByText('This session is live. The stream will appear here.')).toBeNull();
    expect(within(stage).getByRole('link', { name: 'Register' }).getAttribute('href')).toBe(
      '/e/vmc2021/register',
    );
    expect(
      within(stage).getByRole('link', { name: 'Already registered? Access here' }).getAttribute('href'),
    ).toBe(`/e/vmc2021/access?next=${encodeURIComponent(SESSION_URL)}`);
    const questions = screen.getByRole('complementary', { name: 'Questions and answers' });
    expect(questions.textContent).toContain('Registered participants ask questions here');
    expect(screen.getByText(SESSION.abstract ?? '')).toBeTruthy();
    expect(fetchMock.mock.calls.some(([url]) => url === ACCESS_PATH)).toBe(true);
  });

  it('shows a signed-in person who is not approved the status of their registration', async () => {
    mockApi({
      [EVENT_PATH]: { body: VMC_EVENT },
      [SESSION_PATH]: { body: SESSION },
      [ACCESS_PATH]: envelope(403, 'registration/not-approved'),
      '/api/me': {
        body: {
          person: {
            id: '7d4f9a2e-1b3c-4d5e-8f6a-000000000001',
            name: 'Ada Muster',
            email: 'ada@example.org',
          },
          isAdmin: false,
          memberships: [
            {
              eventSlug: 'vmc2021',
              roles: ['attendee'],
              registration: {
                id: '7d4f9a2e-1b3c-4d5e-8f6a-000000000002',
                status: 'waitlisted',
                attendance: 'in_person',
              },
            },
          ],
        },
      },
    });

    renderRoute(SESSION_URL);

    const stage = await screen.findByRole('region', { name: 'Live stage' });
    expect(await within(stage).findByText('Your registration is not approved yet')).toBeTruthy();
    expect(await within(stage).findByText('On the waiting list')).toBeTruthy();
    expect(within(stage).getByRole('link', { name: 'See your registration' }).getAttribute('href')).toBe(
      '/e/vmc2021/ticket',
    );
    expect(within(stage).queryByRole('link', { name: 'Register' })).toBeNull();
  });

  it('puts the provided live panel beside the stage once access is granted, with moderator links', async () => {
    mockApi({
      [EVENT_PATH]: { body: VMC_EVENT },
      [SESSION_PATH]: { body: SESSION },
      [ACCESS_PATH]: GRANTED,
      '/api/me': {
        body: {
          person: { id: '5e0c2021-0000-4000-8000-000000000902', name: 'Mo', email: 'mo@example.org' },
          isAdmin: false,
          memberships: [{ eventSlug: 'vmc2021', roles: ['moderator'], registration: null }],
        },
      },
    });
    const panel = jest.fn(({ headingId, sessionId, sessionState }: SessionPanelProps) => (
      <h2 id={headingId}>
        Live panel {sessionId} {sessionState}
      </h2>
    ));

    renderRoute(SESSION_URL, { panel });

    const aside = await screen.findByRole('complementary', {
      name: `Live panel ${SESSION.id} ${SESSION.state}`,
    });
    expect(aside).toBeTruthy();
    expect(panel).toHaveBeenCalledWith(
      expect.objectContaining({ eventSlug: 'vmc2021', sessionId: SESSION.id, headingId: 'qa-title' }),
      undefined,
    );
    expect((await screen.findByRole('link', { name: 'Moderate' })).getAttribute('href')).toBe(
      `${SESSION_URL}/moderate`,
    );
    expect(screen.getByRole('link', { name: 'Big screen' }).getAttribute('href')).toBe(
      `${SESSION_URL}/screen`,
    );
  });

  it('keeps the placeholder instead of the panel while access is not granted', async () => {
    mockApi({
      [EVENT_PATH]: { body: VMC_EVENT },
      [SESSION_PATH]: { body: SESSION },
      [ACCESS_PATH]: envelope(401, 'identity/unauthenticated'),
      '/api/me': envelope(401, 'identity/unauthenticated'),
    });
    const panel = jest.fn(() => null);

    renderRoute(SESSION_URL, { panel });

    const stage = await screen.findByRole('region', { name: 'Live stage' });
    await within(stage).findByText('This session is for registered participants');
    expect(screen.getByRole('complementary', { name: 'Questions and answers' })).toBeTruthy();
    expect(panel).not.toHaveBeenCalled();
    expect(screen.queryByRole('link', { name: 'Moderate' })).toBeNull();
  });
});
