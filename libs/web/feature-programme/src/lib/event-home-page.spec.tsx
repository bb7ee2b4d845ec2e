import { screen, within } from '@testing-library/react';
import { mockApi, renderRoute } from '../testing/render-route';
import type { Me, Role } from '@plenary/contracts';
import { VMC_EVENT, VMC_EVENT_LIST } from '../testing/vmc2021.fixture';

/** A signed-in person holding `roles` at vmc2021, without a registration. */
function memberOf(roles: Role[]): Me {
  return {
    person: { id: '7d4f9a2e-1b3c-4d5e-8f6a-000000000011', name: 'Mo Derator', email: 'mo@example.org' },
    isAdmin: false,
    memberships: [{ eventSlug: 'vmc2021', roles, registration: null }],
  };
}

describe('EventHomePage', () => {
  afterEach(() => jest.restoreAllMocks());

  it('presents the event: name, dates, place, organiser and the two calls to action', async () => {
    mockApi({ '/api/events/vmc2021': { body: VMC_EVENT } });

    renderRoute('/e/vmc2021');

    const hero = (await screen.findByRole('heading', { level: 1, name: VMC_EVENT.name })).closest('section');
    if (!hero) throw new Error('no hero');
    expect(within(hero).getByText('Vienna Migration Conference 2021')).toBeTruthy();
    expect(within(hero).getByText('19–20 October 2021').getAttribute('datetime')).toBe('2021-10-19');
    expect(within(hero).getByText('Vienna and online · Hybrid')).toBeTruthy();
    expect(within(hero).getByRole('link', { name: 'ICMPD' })).toBeTruthy();
    expect(within(hero).getByRole('link', { name: 'Register' }).getAttribute('href')).toBe(
      '/e/vmc2021/register',
    );
    expect(
      within(hero).getByRole('link', { name: 'Already registered? Access here' }).getAttribute('href'),
    ).toBe('/e/vmc2021/access');
    expect(document.title).toBe('Overview · Vienna Migration Conference 2021');
  });

  it('offers someone who works at the event their tools instead of "Register"', async () => {
    mockApi({
      '/api/events/vmc2021': { body: VMC_EVENT },
      '/api/me': { body: memberOf(['moderator', 'staff']) },
    });

    renderRoute('/e/vmc2021');

    const hero = (await screen.findByRole('heading', { level: 1, name: VMC_EVENT.name })).closest('section');
    if (!hero) throw new Error('no hero');
    expect((await within(hero).findByRole('link', { name: 'Door app' })).getAttribute('href')).toBe(
      '/e/vmc2021/staff',
    );
    expect(within(hero).getByRole('link', { name: 'Your sessions' }).getAttribute('href')).toBe(
      '/e/vmc2021/my-sessions',
    );
    expect(within(hero).getByText('You take part as moderator, door staff.')).toBeTruthy();
    expect(within(hero).queryByRole('link', { name: 'Register' })).toBeNull();
  });

  it('highlights the speakers and previews the programme', async () => {
    mockApi({ '/api/events/vmc2021': { body: VMC_EVENT } });

    renderRoute('/e/vmc2021');

    const speakers = (await screen.findByRole('heading', { level: 2, name: 'Speakers' })).closest('section');
    if (!speakers) throw new Error('no speakers section');
    expect(within(speakers).getAllByRole('listitem')).toHaveLength(9);
    expect(within(speakers).getByRole('link', { name: 'See all 9 speakers' })).toBeTruthy();
    const programme = screen.getByRole('region', { name: 'Programme at a glance' });
    expect(within(programme).getAllByRole('link', { name: /^(Opening|Panel|Closing)/ })).toHaveLength(6);
    expect(screen.getByText('6 sessions')).toBeTruthy();
    expect(screen.getByText('2 days')).toBeTruthy();
  });
});

describe('EventListPage', () => {
  afterEach(() => jest.restoreAllMocks());

  it('goes straight to the only event', async () => {
    mockApi({ '/api/events': { body: VMC_EVENT_LIST }, '/api/events/vmc2021': { body: VMC_EVENT } });

    const { router } = renderRoute('/');

    expect(await screen.findByRole('heading', { level: 1, name: VMC_EVENT.name })).toBeTruthy();
    expect(router.state.location.pathname).toBe('/e/vmc2021');
  });

  it('lists several events', async () => {
    const second = {
      ...VMC_EVENT_LIST.events[0],
      id: '11111111-1111-4111-8111-111111111111',
      slug: 'vmc2022',
      name: 'VMC 2022',
      tagline: null,
    };
    mockApi({ '/api/events': { body: { events: [...VMC_EVENT_LIST.events, second] } } });

    renderRoute('/');

    expect((await screen.findByRole('link', { name: 'VMC 2022' })).getAttribute('href')).toBe('/e/vmc2022');
    expect(screen.getByRole('heading', { level: 1, name: 'Events' })).toBeTruthy();
    expect(screen.getAllByRole('listitem')).toHaveLength(2);
  });

  it('says when there are no events', async () => {
    mockApi({ '/api/events': { body: { events: [] } } });

    renderRoute('/');

    expect(await screen.findByRole('heading', { name: 'No events published yet' })).toBeTruthy();
  });
});

describe('SpeakersPage', () => {
  afterEach(() => jest.restoreAllMocks());

  it('lists every speaker with honorific, title, organisation and country', async () => {
    mockApi({ '/api/events/vmc2021': { body: VMC_EVENT } });

    renderRoute('/e/vmc2021/speakers');

    expect(await screen.findByText('9 speakers take the floor at this conference.')).toBeTruthy();
    const names = screen.getAllByRole('heading', { level: 2 }).map((heading) => heading.textContent);
    expect(names).toContain('HE Najla El Mangoush');
    expect(names).toContain('Péter Szijjártó');
    expect(screen.getByText('Clingendael Institute · Netherlands')).toBeTruthy();
  });
});

describe('MySessionsPage', () => {
  afterEach(() => jest.restoreAllMocks());

  it("lists a moderator's sessions by day with each one's moderator console", async () => {
    mockApi({ '/api/events/vmc2021': { body: VMC_EVENT }, '/api/me': { body: memberOf(['moderator']) } });

    renderRoute('/e/vmc2021/my-sessions');

    await screen.findByRole('heading', { level: 1, name: 'Your sessions' });
    const consoles = await screen.findAllByRole('link', { name: 'Moderator console' });
    const sessions = VMC_EVENT.days
      .flatMap((day) => day.sessions)
      .filter((session) => session.kind !== 'break');
    expect(consoles.map((link) => link.getAttribute('href'))).toEqual(
      sessions.map((session) => `/e/vmc2021/sessions/${session.id}/moderate`),
    );
    expect(screen.getAllByRole('heading', { level: 2 })).toHaveLength(VMC_EVENT.days.length);
  });

  it('gives a speaker the session page with its backstage, and no console', async () => {
    mockApi({ '/api/events/vmc2021': { body: VMC_EVENT }, '/api/me': { body: memberOf(['speaker']) } });

    renderRoute('/e/vmc2021/my-sessions');

    expect((await screen.findAllByRole('link', { name: 'Session and backstage' })).length).toBeGreaterThan(0);
    expect(screen.queryByRole('link', { name: 'Moderator console' })).toBeNull();
  });

  it('tells an attendee there is nothing to work in here', async () => {
    mockApi({ '/api/events/vmc2021': { body: VMC_EVENT }, '/api/me': { body: memberOf(['attendee']) } });

    renderRoute('/e/vmc2021/my-sessions');

    expect(
      await screen.findByText('Only speakers and moderators of this event have sessions to work in.'),
    ).toBeTruthy();
  });
});
