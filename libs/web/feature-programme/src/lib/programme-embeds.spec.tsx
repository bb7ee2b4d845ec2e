import { screen, within } from '@testing-library/react';
import { mockApi, renderRoute } from '../testing/render-route';
import { VMC_EVENT, VMC_SESSIONS } from '../testing/vmc2021.fixture';
import type { EmbedProps } from './embed-context';

const SESSION = VMC_SESSIONS.africaEurope;
const ROUTES = {
  '/api/events/vmc2021': { body: VMC_EVENT },
  [`/api/events/vmc2021/sessions/${SESSION.id}`]: { body: SESSION },
};

/** Stands in for the app's consent-aware embed: shows what it was asked to embed, loads nothing. */
function FakeEmbed({ provider, src, title }: EmbedProps) {
  return (
    <div role="figure" aria-label={title} data-provider={provider} data-src={src}>
      {provider}
    </div>
  );
}

describe('third-party embeds on programme pages', () => {
  afterEach(() => jest.restoreAllMocks());

  it('shows the venue with a map of Vienna from OpenStreetMap on the event home', async () => {
    mockApi(ROUTES);

    renderRoute('/e/vmc2021', { embed: FakeEmbed });

    const venue = (await screen.findByRole('heading', { level: 2, name: 'Venue' })).closest('section');
    if (!venue) throw new Error('no venue section');
    expect(within(venue).getByText('Vienna, Austria')).toBeTruthy();
    const map = within(venue).getByRole('figure', { name: 'Map of Vienna' });
    expect(map.dataset['provider']).toBe('OpenStreetMap');
    expect(map.dataset['src']).toMatch(/^https:\/\/www\.openstreetmap\.org\/export\/embed\.html\?bbox=/);
  });

  it('puts a fallback livestream from YouTube (privacy-enhanced) in the live stage of a session', async () => {
    mockApi(ROUTES);

    renderRoute(`/e/vmc2021/sessions/${SESSION.id}`, { embed: FakeEmbed });

    const stage = await screen.findByRole('region', { name: 'Live stage' });
    expect(within(stage).getByRole('heading', { level: 3, name: 'Fallback livestream' })).toBeTruthy();
    const player = within(stage).getByRole('figure', { name: 'Public livestream of this session' });
    expect(player.dataset['provider']).toBe('YouTube');
    expect(player.dataset['src']).toMatch(/^https:\/\/www\.youtube-nocookie\.com\/embed\//);
  });

  it('shows no third-party frame at all when the app provides no embed component', async () => {
    mockApi(ROUTES);

    renderRoute('/e/vmc2021');

    expect(await screen.findByRole('heading', { level: 2, name: 'Venue' })).toBeTruthy();
    expect(screen.queryByRole('figure')).toBeNull();
    expect(document.querySelector('iframe')).toBeNull();
  });
});
