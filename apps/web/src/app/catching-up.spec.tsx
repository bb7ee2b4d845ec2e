import { ApiNetworkError, createQueryClient } from '@plenary/web-data-access';
import { act, render, screen } from '@testing-library/react';
import { createMemoryRouter } from 'react-router';
import { createI18n } from '../i18n/i18n';
import { AppProviders } from './app';
import { appRoutes } from './app-routes';
import { RouteErrorPage } from './route-error-page';
import { EVENT } from './test-event';

const CATCHING_UP = 'Plenary is catching up — retrying';

/** The api's answer while PostgreSQL is down. */
const unavailable = (): Response =>
  Response.json(
    {
      error: {
        code: 'core/unavailable',
        message: 'Plenary is catching up. Try again in a few seconds.',
        requestId: 'r1',
      },
    },
    { status: 503, headers: { 'retry-after': '3' } },
  );

function renderApp(path: string) {
  const router = createMemoryRouter(appRoutes, { initialEntries: [path] });
  render(<AppProviders i18n={createI18n()} queryClient={createQueryClient()} router={router} />);
}

describe('while the API is away', () => {
  let down: boolean;
  let eventRequests: number;

  beforeEach(() => {
    jest.useFakeTimers();
    down = true;
    eventRequests = 0;
    jest.spyOn(globalThis, 'fetch').mockImplementation(async (input) => {
      if (input === '/api/events/vmc2021') eventRequests += 1;
      return down ? unavailable() : Response.json(EVENT);
    });
  });

  afterEach(() => {
    jest.useRealTimers();
    jest.restoreAllMocks();
  });

  it('shows a calm "catching up" notice instead of an error page, retries no sooner than Retry-After, and shows the page when the API is back', async () => {
    renderApp('/e/vmc2021');

    // Announced politely (a status live region), not as an alert.
    const notice = await screen.findByText(CATCHING_UP);
    expect(notice.closest('[role="status"]')?.getAttribute('aria-live')).toBe('polite');

    // A minute of outage: still calm, no error state, and at most one attempt per Retry-After (3 s).
    await act(async () => {
      await jest.advanceTimersByTimeAsync(60_000);
    });
    expect(screen.getByText(CATCHING_UP)).toBeTruthy();
    expect(screen.queryByRole('alert')).toBeNull();
    expect(screen.queryByText(/Something went wrong|not available/i)).toBeNull();
    expect(eventRequests).toBeGreaterThanOrEqual(3);
    expect(eventRequests).toBeLessThanOrEqual(21);

    down = false;
    await act(async () => {
      await jest.advanceTimersByTimeAsync(31_000);
    });
    expect(screen.getByRole('heading', { level: 1, name: EVENT.name })).toBeTruthy();
    expect(screen.queryByText(CATCHING_UP)).toBeNull();
  });
});

describe(RouteErrorPage.name, () => {
  afterEach(() => jest.restoreAllMocks());

  function renderThrowing(error: unknown) {
    const Thrower = () => {
      throw error;
    };
    const router = createMemoryRouter([
      { path: '/', element: <Thrower />, errorElement: <RouteErrorPage /> },
    ]);
    jest.spyOn(console, 'error').mockImplementation(() => undefined);
    render(<AppProviders i18n={createI18n()} queryClient={createQueryClient()} router={router} />);
  }

  it('answers an unreachable server (or a code chunk that did not load) with the calm state, not an error page', async () => {
    renderThrowing(new ApiNetworkError('/events', { cause: new TypeError('Failed to fetch') }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Plenary is catching up' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Try again now' })).toBeTruthy();
    expect(screen.queryByText('Something went wrong')).toBeNull();
    expect(document.title).toBe('Catching up · Plenary');
  });

  it('still says "Something went wrong" for a bug', async () => {
    renderThrowing(new TypeError('x is undefined'));
    expect(await screen.findByRole('heading', { level: 1, name: 'Something went wrong' })).toBeTruthy();
  });
});
