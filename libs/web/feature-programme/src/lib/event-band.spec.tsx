import { createQueryClient } from '@plenary/web-data-access';
import { render, screen, within } from '@testing-library/react';
import { QueryClientProvider } from '@tanstack/react-query';
import { createInstance } from 'i18next';
import { I18nextProvider } from 'react-i18next';
import { MemoryRouter } from 'react-router';
import { mockApi } from '../testing/render-route';
import { VMC_EVENT } from '../testing/vmc2021.fixture';
import { EventBand } from './event-band';
import { PROGRAMME_NAMESPACE, programmeResources } from './programme-i18n';

function renderBand() {
  const i18n = createInstance({
    lng: 'en',
    ns: [PROGRAMME_NAMESPACE],
    defaultNS: PROGRAMME_NAMESPACE,
    resources: { en: { [PROGRAMME_NAMESPACE]: programmeResources.en } },
    interpolation: { escapeValue: false },
    initAsync: false,
  });
  void i18n.init();
  render(
    <I18nextProvider i18n={i18n}>
      <QueryClientProvider client={createQueryClient()}>
        <MemoryRouter initialEntries={['/e/vmc2021/speakers']}>
          <EventBand event={VMC_EVENT} />
        </MemoryRouter>
      </QueryClientProvider>
    </I18nextProvider>,
  );
}

const ME = {
  person: {
    id: '7d4f9a2e-1b3c-4d5e-8f6a-000000000001',
    name: 'Olga Organiser',
    email: 'organiser@plenary.test',
  },
  isAdmin: false,
  memberships: [
    {
      eventSlug: 'vmc2021',
      roles: ['attendee', 'organiser'],
      registration: {
        id: '7d4f9a2e-1b3c-4d5e-8f6a-000000000002',
        status: 'approved',
        attendance: 'in_person',
      },
    },
  ],
};

describe('EventBand', () => {
  afterEach(() => jest.restoreAllMocks());

  it('offers "Register" to visitors who are not signed in', async () => {
    mockApi({
      '/api/events/vmc2021': { body: VMC_EVENT },
      '/api/me': {
        status: 401,
        body: { error: { code: 'identity/unauthenticated', message: 'Sign in', requestId: 'r-1' } },
      },
    });

    renderBand();

    const nav = screen.getByRole('navigation', { name: 'Event' });
    expect(screen.getByRole('link', { name: 'Register' }).getAttribute('href')).toBe('/e/vmc2021/register');
    expect(within(nav).queryByRole('link', { name: 'My ticket' })).toBeNull();
    expect(within(nav).queryByRole('link', { name: 'Organiser' })).toBeNull();
  });

  it('adds "My ticket" for an approved registration and "Organiser" for an organiser, without "Register"', async () => {
    mockApi({ '/api/events/vmc2021': { body: VMC_EVENT }, '/api/me': { body: ME } });

    renderBand();

    const nav = screen.getByRole('navigation', { name: 'Event' });
    expect((await within(nav).findByRole('link', { name: 'My ticket' })).getAttribute('href')).toBe(
      '/e/vmc2021/ticket',
    );
    expect(within(nav).getByRole('link', { name: 'Organiser' }).getAttribute('href')).toBe(
      '/e/vmc2021/organiser',
    );
    expect(screen.queryByRole('link', { name: 'Register' })).toBeNull();
  });
  it.each([
    [['moderator'], 'Your sessions', '/e/vmc2021/my-sessions'],
    [['speaker'], 'Your sessions', '/e/vmc2021/my-sessions'],
    [['staff'], 'Door app', '/e/vmc2021/staff'],
  ] as const)(
    'gives %j without a registration a link to their tools and no "Register"',
    async (roles, tool, href) => {
      mockApi({
        '/api/events/vmc2021': { body: VMC_EVENT },
        '/api/me': {
          body: { ...ME, memberships: [{ eventSlug: 'vmc2021', roles: [...roles], registration: null }] },
        },
      });

      renderBand();

      const nav = screen.getByRole('navigation', { name: 'Event' });
      expect((await within(nav).findByRole('link', { name: tool })).getAttribute('href')).toBe(href);
      expect(within(nav).queryByRole('link', { name: 'My ticket' })).toBeNull();
      expect(screen.queryByRole('link', { name: 'Register' })).toBeNull();
    },
  );
});
