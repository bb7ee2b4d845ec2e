import { createQueryClient } from '@plenary/web-data-access';
import { fireEvent, render, screen, within } from '@testing-library/react';
import { QueryClientProvider } from '@tanstack/react-query';
import { I18nextProvider } from 'react-i18next';
import { RouterProvider, createMemoryRouter } from 'react-router';
import { createI18n } from '../i18n/i18n';
import { appRoutes } from './app-routes';
import { EVENT } from './test-event';

function renderApp(path: string) {
  const router = createMemoryRouter(appRoutes, { initialEntries: [path] });
  render(
    <I18nextProvider i18n={createI18n()}>
      <QueryClientProvider client={createQueryClient()}>
        <RouterProvider router={router} />
      </QueryClientProvider>
    </I18nextProvider>,
  );
  return router;
}

describe('app routes', () => {
  beforeEach(() => {
    jest.spyOn(globalThis, 'fetch').mockImplementation(async () => Response.json(EVENT));
  });

  afterEach(() => jest.restoreAllMocks());

  it('frames every page with a skip link, a banner, one main landmark and a footer, and sets <html lang>', async () => {
    renderApp('/e/vmc2021');

    expect(await screen.findByRole('heading', { level: 1, name: EVENT.name })).toBeTruthy();
    expect(document.documentElement.lang).toBe('en');
    expect(screen.getAllByRole('main')).toHaveLength(1);
    expect(screen.getByRole('contentinfo')).toBeTruthy();
    const skip = screen.getByRole('link', { name: 'Skip to main content' });

    fireEvent.click(skip);

    expect(document.activeElement).toBe(screen.getByRole('main'));
  });

  it("puts the event's navigation in the header, so the skip link skips it", async () => {
    renderApp('/e/vmc2021/speakers');

    const banner = screen.getByRole('banner');
    const nav = await within(banner).findByRole('navigation', { name: 'Event' });
    expect(within(nav).getByRole('link', { name: 'Speakers' }).getAttribute('aria-current')).toBe('page');
    expect(within(banner).getByRole('link', { name: 'Register' }).getAttribute('href')).toBe(
      '/e/vmc2021/register',
    );
    expect(within(screen.getByRole('main')).queryByRole('navigation')).toBeNull();
  });

  it('answers an unknown address with a not-found page', async () => {
    renderApp('/no/such/page');

    expect(await screen.findByRole('heading', { level: 1, name: 'Page not found' })).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Go to the start page' }).getAttribute('href')).toBe('/');
    expect(document.title).toBe('Page not found · Plenary');
  });
});
