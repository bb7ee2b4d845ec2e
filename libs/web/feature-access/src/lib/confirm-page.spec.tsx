import { fireEvent, screen, waitFor } from '@testing-library/react';
import { EVENT, TOKEN, meWith } from '../testing/fixtures';
import { apiError, mockApi } from '../testing/fake-api';
import { renderAccessRoute } from '../testing/render-access-route';
import { readSignInLink } from './confirm-page';

const MAGIC_LINK_PATH = '/api/auth/magic-link';

describe('readSignInLink', () => {
  it('reads a well-formed token (and an optional event) from the fragment', () => {
    expect(readSignInLink(`#token=${TOKEN}`)).toEqual({ token: TOKEN });
    expect(readSignInLink(`#token=${TOKEN}&event=vmc2021`)).toEqual({ token: TOKEN, eventSlug: 'vmc2021' });
  });

  it('reads a path on this site to go to next, and drops anything else', () => {
    const next = encodeURIComponent('/e/vmc2021/sessions/x?tab=qa');
    expect(readSignInLink(`#token=${TOKEN}&next=${next}`)).toEqual({
      token: TOKEN,
      next: '/e/vmc2021/sessions/x?tab=qa',
    });
    for (const nasty of [
      '/%09/host',
      '/%0A/host',
      '//evil.example',
      '/\\evil.example',
      'https://evil.example',
    ]) {
      expect(readSignInLink(`#token=${TOKEN}&next=${encodeURIComponent(nasty)}`)).toEqual({ token: TOKEN });
    }
  });

  it('refuses a missing or malformed token', () => {
    expect(readSignInLink('')).toBeNull();
    expect(readSignInLink('#token=short')).toBeNull();
    expect(readSignInLink(`#token=${TOKEN}!`)).toBeNull();
  });
});

describe('ConfirmPage', () => {
  afterEach(() => jest.restoreAllMocks());

  it('explains the link and signs in only when the one button is pressed', async () => {
    const api = mockApi({
      [`POST ${MAGIC_LINK_PATH}`]: { body: meWith('approved') },
      '/api/events/vmc2021': { body: EVENT },
    });

    const { router } = renderAccessRoute(`/auth/confirm#token=${TOKEN}`);

    const button = await screen.findByRole('button', { name: 'Sign in' });
    expect(screen.getAllByRole('button')).toHaveLength(1);
    expect(screen.getByText(/Select “Sign in” to sign in on this device/)).toBeTruthy();
    // Opening the page (as a mail scanner or link preview would) must not use up the link.
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(api.callsTo('POST', MAGIC_LINK_PATH)).toHaveLength(0);

    fireEvent.click(button);

    await waitFor(() => expect(router.state.location.pathname).toBe('/e/vmc2021/ticket'));
    const calls = api.callsTo('POST', MAGIC_LINK_PATH);
    expect(calls).toHaveLength(1);
    expect(calls[0]?.body).toEqual({ token: TOKEN });
    expect(calls[0]?.headers.get('x-plenary-csrf')).toBe('1');
    expect(router.state.location.hash).toBe('');
  });

  it('goes to the next path of the link once signed in', async () => {
    mockApi({ [`POST ${MAGIC_LINK_PATH}`]: { body: meWith('approved') } });

    const { router } = renderAccessRoute(
      `/auth/confirm#token=${TOKEN}&event=vmc2021&next=${encodeURIComponent('/e/vmc2021/sessions/s1')}`,
    );
    fireEvent.click(await screen.findByRole('button', { name: 'Sign in' }));

    await waitFor(() => expect(router.state.location.pathname).toBe('/e/vmc2021/sessions/s1'));
  });

  it('goes to the account when the person has several registrations', async () => {
    const me = meWith('approved');
    me.memberships.push({
      eventSlug: 'vmc2022',
      roles: ['attendee'],
      registration: { id: '7d4f9a2e-1b3c-4d5e-8f6a-000000000009', status: 'pending', attendance: 'remote' },
    });
    mockApi({ [`POST ${MAGIC_LINK_PATH}`]: { body: me } });

    const { router } = renderAccessRoute(`/auth/confirm#token=${TOKEN}`);
    fireEvent.click(await screen.findByRole('button', { name: 'Sign in' }));

    await waitFor(() => expect(router.state.location.pathname).toBe('/account'));
  });

  it('says when the link was used, expired or unknown, and offers a new one', async () => {
    mockApi({ [`POST ${MAGIC_LINK_PATH}`]: apiError(400, 'identity/link-invalid') });

    renderAccessRoute(`/auth/confirm#token=${TOKEN}`);
    fireEvent.click(await screen.findByRole('button', { name: 'Sign in' }));

    expect(await screen.findByRole('heading', { name: 'This sign-in link no longer works' })).toBeTruthy();
    expect(screen.getByText('It has been used already, has expired, or is not one of ours.')).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Request a new link' }).getAttribute('href')).toBe('/sign-in');
    expect(screen.queryByRole('button', { name: 'Sign in' })).toBeNull();
  });

  it('says when the link is incomplete, without offering to sign in', async () => {
    const api = mockApi({});

    renderAccessRoute('/auth/confirm#token=abc');

    expect(await screen.findByRole('heading', { name: 'This sign-in link is incomplete' })).toBeTruthy();
    expect(screen.queryByRole('button')).toBeNull();
    expect(screen.getByRole('link', { name: 'Request a new link' })).toBeTruthy();
    expect(api.calls).toHaveLength(0);
  });
});
