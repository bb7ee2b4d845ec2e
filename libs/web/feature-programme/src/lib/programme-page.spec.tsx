import { eventDetailSchema } from '@plenary/contracts';
import { fireEvent, screen, within } from '@testing-library/react';
import { mockApi, renderRoute } from '../testing/render-route';
import { VMC_EVENT } from '../testing/vmc2021.fixture';

const EVENT_PATH = '/api/events/vmc2021';

function sessionItems(panel: HTMLElement) {
  return within(panel)
    .getAllByRole('listitem')
    .filter((item) => item.classList.contains('pp-session'));
}

describe('ProgrammePage', () => {
  let fetchMock: jest.SpiedFunction<typeof fetch>;

  afterEach(() => jest.restoreAllMocks());

  it('uses a fixture that satisfies the contract', () => {
    expect(eventDetailSchema.safeParse(VMC_EVENT).success).toBe(true);
  });

  it('groups the sessions by day, one tab per day', async () => {
    fetchMock = mockApi({ [EVENT_PATH]: { body: VMC_EVENT } });

    renderRoute('/e/vmc2021/programme');

    expect(await screen.findByRole('heading', { level: 1, name: 'Programme' })).toBeTruthy();
    const tabs = screen.getAllByRole('tab');
    expect(tabs.map((tab) => tab.textContent)).toEqual(['Day 1Tue 19 Oct', 'Day 2Wed 20 Oct']);
    expect(tabs[0]?.getAttribute('aria-selected')).toBe('true');

    const dayOne = screen.getByRole('tabpanel');
    expect(within(dayOne).getByRole('heading', { level: 2 }).textContent).toContain('Tuesday 19 October');
    expect(
      sessionItems(dayOne).map((item) => within(item).getByRole('heading', { level: 3 }).textContent),
    ).toEqual([
      'Opening session: Addressing displacement from Afghanistan',
      'Opening session: Functioning, sustainable African–European migration partnerships',
      'Panel 1: Realities along the key routes to Europe',
    ]);
    expect(within(dayOne).queryByText('Panel 2: Crisis management at the external border')).toBeNull();

    fireEvent.click(screen.getByRole('tab', { name: /Day 2/ }));

    const dayTwo = screen.getByRole('tabpanel');
    expect(screen.getByRole('tab', { name: /Day 2/ }).getAttribute('aria-selected')).toBe('true');
    expect(
      sessionItems(dayTwo).map((item) => within(item).getByRole('heading', { level: 3 }).textContent),
    ).toEqual([
      'Panel 2: Crisis management at the external border',
      'Panel 3: The future of the European Union amidst a turbulent geopolitical scene',
      'Closing session: The road ahead',
    ]);
  });

  it('moves between days with the arrow keys, keeping one tab stop', async () => {
    fetchMock = mockApi({ [EVENT_PATH]: { body: VMC_EVENT } });
    renderRoute('/e/vmc2021/programme');
    const first = await screen.findByRole('tab', { name: /Day 1/ });

    fireEvent.keyDown(first, { key: 'ArrowRight' });

    const second = screen.getByRole('tab', { name: /Day 2/ });
    expect(second.getAttribute('aria-selected')).toBe('true');
    expect(document.activeElement).toBe(second);
    expect(second.tabIndex).toBe(0);
    expect(first.tabIndex).toBe(-1);
    expect(within(screen.getByRole('tabpanel')).getByText('Closing session: The road ahead')).toBeTruthy();
  });

  it('opens the day named in the URL', async () => {
    fetchMock = mockApi({ [EVENT_PATH]: { body: VMC_EVENT } });

    renderRoute('/e/vmc2021/programme?day=2021-10-20');

    const panel = await screen.findByRole('tabpanel');
    expect(within(panel).getByText('Closing session: The road ahead')).toBeTruthy();
  });

  it("shows times in the event's zone and, for a viewer elsewhere, in the viewer's zone", async () => {
    fetchMock = mockApi({ [EVENT_PATH]: { body: VMC_EVENT } });

    renderRoute('/e/vmc2021/programme', { viewerTimeZone: 'America/New_York' });

    const panel = await screen.findByRole('tabpanel');
    const first = sessionItems(panel)[0];
    if (!first) throw new Error('no session rendered');
    const text = first.textContent ?? '';
    expect(text).toContain('09:30–10:30 CEST');
    expect(text).toContain('Your time: 03:30–04:30 GMT-4');
    expect(screen.getByText(/in your own time zone \(GMT-4\)/)).toBeTruthy();
    const times = Array.from(first.querySelectorAll('time')).map((time) => time.getAttribute('datetime'));
    expect(times).toContain('2021-10-19T07:30:00Z');
  });

  it('shows only the event time to a viewer in the event zone', async () => {
    fetchMock = mockApi({ [EVENT_PATH]: { body: VMC_EVENT } });

    renderRoute('/e/vmc2021/programme', { viewerTimeZone: 'Europe/Vienna' });

    const panel = await screen.findByRole('tabpanel');
    expect(panel.textContent).toContain('09:30–10:30 CEST');
    expect(panel.textContent).not.toContain('Your time');
    expect(screen.getByText('All times are in Vienna time (CEST).')).toBeTruthy();
  });

  it('lists each session with its kind, state, room and speakers with their roles', async () => {
    fetchMock = mockApi({ [EVENT_PATH]: { body: VMC_EVENT } });

    renderRoute('/e/vmc2021/programme');

    const panel = await screen.findByRole('tabpanel');
    const [first, second] = sessionItems(panel);
    if (!first || !second) throw new Error('sessions missing');
    expect(within(first).getByText('Opening')).toBeTruthy();
    expect(within(first).getByText('Ended')).toBeTruthy();
    expect(within(second).getByText('Live now')).toBeTruthy();
    expect(within(first).getByText('Plenary hall')).toBeTruthy();
    const speakers = within(first).getByRole('list', { name: 'Speakers' });
    expect(
      within(speakers)
        .getAllByRole('listitem')
        .map((item) => item.textContent),
    ).toEqual(['Duncan RobinsonModerator', 'Karl NehammerKeynote speaker', 'Notis MitarachiKeynote speaker']);
    expect(within(second).getByText('HE Najla El Mangoush')).toBeTruthy();
    const link = within(first).getByRole('link', {
      name: 'Opening session: Addressing displacement from Afghanistan',
    });
    expect(link.getAttribute('href')).toBe('/e/vmc2021/sessions/9c1d2e3f-4a5b-4c6d-8e7f-000000000001');
  });

  it('sets the document title', async () => {
    fetchMock = mockApi({ [EVENT_PATH]: { body: VMC_EVENT } });

    renderRoute('/e/vmc2021/programme');

    await screen.findByRole('heading', { level: 1, name: 'Programme' });
    expect(document.title).toBe('Programme · Vienna Migration Conference 2021');
  });

  it('says when no sessions are published yet', async () => {
    fetchMock = mockApi({ [EVENT_PATH]: { body: { ...VMC_EVENT, days: [] } } });

    renderRoute('/e/vmc2021/programme');

    expect(await screen.findByRole('heading', { name: 'The programme is being prepared' })).toBeTruthy();
    expect(screen.queryByRole('tablist')).toBeNull();
  });

  it('shows a skeleton with a status message while loading', () => {
    fetchMock = jest.spyOn(globalThis, 'fetch').mockReturnValue(new Promise(() => undefined));

    renderRoute('/e/vmc2021/programme');

    expect(screen.getByRole('status').textContent).toContain('Loading the event…');
  });

  it('shows an "event not found" page when the API answers 404', async () => {
    fetchMock = mockApi({
      [EVENT_PATH]: {
        status: 404,
        body: { error: { code: 'programme/event-not-found', message: 'No event vmc2021', requestId: 'r-1' } },
      },
    });

    renderRoute('/e/vmc2021/programme');

    expect(await screen.findByRole('heading', { level: 1, name: 'Event not found' })).toBeTruthy();
    expect(screen.getByRole('link', { name: 'See all events' }).getAttribute('href')).toBe('/');
    expect(screen.queryByRole('tablist')).toBeNull();
    expect(document.title).toBe('Event not found · Plenary');
    // A 404 is final: asked once, never retried.
    expect(fetchMock).toHaveBeenCalledTimes(1);
  });

  it("shows the API's message, code and request id on other errors, with a retry that works", async () => {
    fetchMock = mockApi({
      [EVENT_PATH]: {
        status: 429,
        body: {
          error: { code: 'core/rate-limited', message: 'Too many requests, slow down', requestId: 'req-42' },
        },
      },
    });

    renderRoute('/e/vmc2021/programme');

    const alert = await screen.findByRole('alert');
    expect(within(alert).getByRole('heading', { level: 1 }).textContent).toBe(
      'This page could not be loaded',
    );
    expect(within(alert).getByText('Too many requests, slow down')).toBeTruthy();
    expect(within(alert).getByText('core/rate-limited')).toBeTruthy();
    expect(within(alert).getByText('req-42')).toBeTruthy();

    fetchMock.mockRestore();
    fetchMock = mockApi({ [EVENT_PATH]: { body: VMC_EVENT } });
    fireEvent.click(within(alert).getByRole('button', { name: 'Try again' }));

    expect(await screen.findByRole('heading', { level: 1, name: 'Programme' })).toBeTruthy();
  });
});
