import { fireEvent, screen, within } from '@testing-library/react';
import { renderWithConsent } from '../testing/render-with-consent';
import { CONSENT_STORAGE_KEY } from './consent-storage';
import { ThirdPartyEmbed } from './third-party-embed';

const PLAYER_SRC = 'https://www.youtube-nocookie.com/embed/PLENARYDEMO';

function Player() {
  return <ThirdPartyEmbed provider="YouTube" src={PLAYER_SRC} title="Fallback livestream" />;
}

describe('ThirdPartyEmbed', () => {
  beforeEach(() => localStorage.clear());

  it('before a decision, shows a placeholder that names the provider and loads no frame', () => {
    const { container } = renderWithConsent(<Player />);

    const placeholder = screen.getByRole('group', { name: 'Fallback livestream' });
    expect(placeholder.textContent).toContain(
      'Loading this content connects to YouTube, which may set cookies and see your IP address.',
    );
    expect(within(placeholder).getByRole('button', { name: 'Load content from YouTube' })).toBeTruthy();
    expect(within(placeholder).getByRole('link', { name: 'Privacy settings' }).getAttribute('href')).toBe(
      '/settings/privacy',
    );
    expect(container.querySelector('iframe')).toBeNull();
    expect(container.innerHTML).not.toContain('youtube');
  });

  it('after "Reject all", keeps the placeholder', () => {
    const { container } = renderWithConsent(<Player />);

    fireEvent.click(screen.getByRole('button', { name: 'Reject all' }));

    expect(screen.getByRole('button', { name: 'Load content from YouTube' })).toBeTruthy();
    expect(container.querySelector('iframe')).toBeNull();
  });

  it('after "Accept all", renders the frame: lazy, sandboxed, with a strict referrer policy', () => {
    renderWithConsent(<Player />);

    fireEvent.click(screen.getByRole('button', { name: 'Accept all' }));

    const frame = screen.getByTitle('Fallback livestream');
    expect(frame.tagName).toBe('IFRAME');
    expect(frame.getAttribute('src')).toBe(PLAYER_SRC);
    expect(frame.getAttribute('loading')).toBe('lazy');
    expect(frame.getAttribute('referrerpolicy')).toBe('strict-origin-when-cross-origin');
    expect(frame.getAttribute('sandbox')?.split(' ')).toEqual(
      expect.arrayContaining(['allow-scripts', 'allow-same-origin', 'allow-presentation']),
    );
    expect(screen.queryByRole('group', { name: 'Fallback livestream' })).toBeNull();
  });

  it('"Load content from YouTube" grants embeds consent, says so, stores it and moves focus to the frame', () => {
    renderWithConsent(<Player />);

    fireEvent.click(screen.getByRole('button', { name: 'Load content from YouTube' }));

    const frame = screen.getByTitle('Fallback livestream');
    expect(document.activeElement).toBe(frame);
    expect(screen.getByRole('status').textContent).toBe(
      'You allowed livestream players and maps from other services. You can change this in privacy settings.',
    );
    expect(JSON.parse(localStorage.getItem(CONSENT_STORAGE_KEY) ?? '')).toMatchObject({
      choice: { embeds: true },
    });
    expect(screen.queryByRole('region', { name: 'Cookies and embedded content' })).toBeNull();
  });
});
