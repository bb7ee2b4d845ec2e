import { fireEvent, screen, within } from '@testing-library/react';
import { FIXED_NOW, renderWithConsent } from '../testing/render-with-consent';
import { CONSENT_STORAGE_KEY } from './consent-storage';

const BANNER = { name: 'Cookies and embedded content' };

function storedDecision(): unknown {
  const raw = localStorage.getItem(CONSENT_STORAGE_KEY);
  return raw === null ? null : JSON.parse(raw);
}

describe('ConsentBanner', () => {
  beforeEach(() => localStorage.clear());

  it('shows on a first visit as a labelled, described region, takes focus, and offers three equal actions', () => {
    renderWithConsent(<p>Page</p>);

    const banner = screen.getByRole('region', BANNER);
    const description = document.getElementById(banner.getAttribute('aria-describedby') ?? '');
    expect(description?.textContent).toMatch(/may set their own cookies and see your IP address/);
    expect(document.activeElement).toBe(banner);
    const actions = ['Accept all', 'Reject all', 'Choose'].map((name) =>
      within(banner).getByRole('button', { name }),
    );
    expect(new Set(actions.map((action) => action.className)).size).toBe(1);
    expect(within(banner).getByRole('link', { name: 'privacy settings' }).getAttribute('href')).toBe(
      '/settings/privacy',
    );
    expect(screen.getByText('Page')).toBeTruthy();
  });

  it('does not show once a decision is stored', () => {
    localStorage.setItem(
      CONSENT_STORAGE_KEY,
      JSON.stringify({ choice: { embeds: false }, decidedAt: '2021-10-01T10:00:00Z' }),
    );

    renderWithConsent(<p>Page</p>);

    expect(screen.queryByRole('region', BANNER)).toBeNull();
  });

  it('records "Reject all" with its time, hides, and hands focus to the page', () => {
    renderWithConsent(<p>Page</p>);

    fireEvent.click(screen.getByRole('button', { name: 'Reject all' }));

    expect(storedDecision()).toEqual({ choice: { embeds: false }, decidedAt: FIXED_NOW.toISOString() });
    expect(screen.queryByRole('region', BANNER)).toBeNull();
    expect(document.activeElement).toBe(screen.getByRole('main'));
  });

  it('records "Accept all"', () => {
    renderWithConsent(<p>Page</p>);

    fireEvent.click(screen.getByRole('button', { name: 'Accept all' }));

    expect(storedDecision()).toEqual({ choice: { embeds: true }, decidedAt: FIXED_NOW.toISOString() });
  });

  it('does not accept on Escape: the banner stays, nothing is stored, focus leaves it', () => {
    renderWithConsent(<p>Page</p>);
    const banner = screen.getByRole('region', BANNER);

    fireEvent.keyDown(banner, { key: 'Escape' });

    expect(screen.getByRole('region', BANNER)).toBeTruthy();
    expect(storedDecision()).toBeNull();
    expect(document.activeElement).toBe(screen.getByRole('main'));
  });

  it('"Choose" opens a switch per category, none pre-set, and saves what was chosen', () => {
    renderWithConsent(<p>Page</p>);
    const choose = screen.getByRole('button', { name: 'Choose' });
    expect(choose.getAttribute('aria-expanded')).toBe('false');

    fireEvent.click(choose);

    expect(choose.getAttribute('aria-expanded')).toBe('true');
    const necessary = screen.getByRole<HTMLInputElement>('switch', { name: /Necessary/ });
    const embeds = screen.getByRole<HTMLInputElement>('switch', {
      name: 'Livestream players and maps',
    });
    expect(necessary.checked).toBe(true);
    expect(necessary.disabled).toBe(true);
    expect(embeds.checked).toBe(false);
    expect(document.getElementById(embeds.getAttribute('aria-describedby') ?? '')?.textContent).toMatch(
      /YouTube .* OpenStreetMap/,
    );

    fireEvent.click(embeds);
    fireEvent.click(screen.getByRole('button', { name: 'Save choices' }));

    expect(storedDecision()).toEqual({ choice: { embeds: true }, decidedAt: FIXED_NOW.toISOString() });
    expect(screen.queryByRole('region', BANNER)).toBeNull();
  });

  it('closes the choices first on Escape, returning focus to "Choose"', () => {
    renderWithConsent(<p>Page</p>);
    const choose = screen.getByRole('button', { name: 'Choose' });
    fireEvent.click(choose);

    fireEvent.keyDown(screen.getByRole('switch', { name: 'Livestream players and maps' }), { key: 'Escape' });

    expect(choose.getAttribute('aria-expanded')).toBe('false');
    expect(document.activeElement).toBe(choose);
    expect(storedDecision()).toBeNull();
  });
});
