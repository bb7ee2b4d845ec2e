import { screen, within } from '@testing-library/react';
import { mockApi, renderRoute } from '../testing/render-route';
import { VMC_EVENT, VMC_EVENT_LIST } from '../testing/vmc2021.fixture';

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
