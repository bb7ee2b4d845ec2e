import { fireEvent, screen, within } from '@testing-library/react';
import { FIXED_NOW, renderWithConsent } from '../testing/render-with-consent';
import { ConsentSettings } from './consent-settings';
import { CONSENT_STORAGE_KEY } from './consent-storage';
import { ThirdPartyEmbed } from './third-party-embed';

const MAP_SRC = 'https://www.openstreetmap.org/export/embed.html?bbox=16.30,48.18,16.42,48.23&layer=mapnik';

function SettingsWithMap() {
  return (
    <>
      <ConsentSettings />
      <ThirdPartyEmbed provider="OpenStreetMap" src={MAP_SRC} title="Map of Vienna" />
    </>
  );
}

function settingsStatus(): HTMLElement {
  const settings = screen.getByRole('heading', { name: 'Cookies and embedded content' }).closest('section');
  if (!settings) throw new Error('no settings section');
  return within(settings).getByRole('status');
}

function embedsSwitch(): HTMLInputElement {
  return screen.getByRole('switch', { name: 'Livestream players and maps' });
}

describe('ConsentSettings', () => {
  beforeEach(() => localStorage.clear());

  it('shows the choice made in the banner, and survives a reload', () => {
    const first = renderWithConsent(<SettingsWithMap />);
    expect(screen.getByText(/You have not made a choice yet/)).toBeTruthy();
    expect(embedsSwitch().checked).toBe(false);

    fireEvent.click(screen.getByRole('button', { name: 'Accept all' }));

    expect(embedsSwitch().checked).toBe(true);
    expect(screen.getByText(/^Your choice of 19 October 2021/)).toBeTruthy();
    first.unmount();

    const { container } = renderWithConsent(<SettingsWithMap />);
    expect(screen.queryByRole('region', { name: 'Cookies and embedded content' })).toBeNull();
    expect(embedsSwitch().checked).toBe(true);
    expect(container.querySelector('iframe')?.getAttribute('src')).toBe(MAP_SRC);
  });

  it('withdraws consent: the frame goes back to its placeholder and the change is stored', () => {
    localStorage.setItem(
      CONSENT_STORAGE_KEY,
      JSON.stringify({ choice: { embeds: true }, decidedAt: '2021-10-01T10:00:00Z' }),
    );
    const { container } = renderWithConsent(<SettingsWithMap />);
    expect(container.querySelector('iframe')).not.toBeNull();

    fireEvent.click(embedsSwitch());
    expect(settingsStatus().textContent).toBe('');
    fireEvent.click(screen.getByRole('button', { name: 'Save choices' }));

    expect(container.querySelector('iframe')).toBeNull();
    expect(screen.getByRole('button', { name: 'Load content from OpenStreetMap' })).toBeTruthy();
    expect(settingsStatus().textContent).toBe('Your choices are saved.');
    expect(JSON.parse(localStorage.getItem(CONSENT_STORAGE_KEY) ?? '')).toEqual({
      choice: { embeds: false },
      decidedAt: FIXED_NOW.toISOString(),
    });
  });

  it('has its own page at /settings/privacy, where the banner does not repeat it', () => {
    renderWithConsent(<p>Home</p>, { path: '/settings/privacy' });

    expect(screen.getByRole('heading', { level: 1, name: 'Privacy settings' })).toBeTruthy();
    expect(screen.getByRole('heading', { level: 2, name: 'Cookies and embedded content' })).toBeTruthy();
    expect(screen.queryByRole('region', { name: 'Cookies and embedded content' })).toBeNull();
    expect(document.title).toBe('Privacy settings · Plenary');

    fireEvent.click(embedsSwitch());
    fireEvent.click(screen.getByRole('button', { name: 'Save choices' }));

    expect(JSON.parse(localStorage.getItem(CONSENT_STORAGE_KEY) ?? '')).toMatchObject({
      choice: { embeds: true },
    });
  });
});
