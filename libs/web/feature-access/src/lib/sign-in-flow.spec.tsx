import { fireEvent, screen, waitFor } from '@testing-library/react';
import { EVENT, meWith } from '../testing/fixtures';
import { apiError, mockApi } from '../testing/fake-api';
import { renderAccessRoute } from '../testing/render-access-route';

const SIGN_IN_PATH = '/api/auth/sign-in';
const CODE_PATH = '/api/auth/access-code';
const ACCEPTED = { status: 202, body: { status: 'accepted', message: 'Check your inbox' } };

describe('AccessPage sign-in', () => {
  afterEach(() => jest.restoreAllMocks());

  it('sends a link and a code for the event, then signs in with the code and opens the ticket', async () => {
    const api = mockApi({
      '/api/events/vmc2021': { body: EVENT },
      '/api/me': apiError(401, 'identity/unauthenticated'),
      [`POST ${SIGN_IN_PATH}`]: ACCEPTED,
      [`POST ${CODE_PATH}`]: { body: meWith('approved') },
    });
    const { router } = renderAccessRoute('/e/vmc2021/access');

    fireEvent.change(await screen.findByLabelText('E-mail address'), {
      target: { value: 'Ada@Example.org' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Send me a sign-in link' }));

    expect(await screen.findByRole('heading', { name: 'Check your inbox' })).toBeTruthy();
    expect(screen.getByText(/If ada@example\.org is registered/)).toBeTruthy();
    expect(api.callsTo('POST', SIGN_IN_PATH)[0]?.body).toEqual({
      email: 'ada@example.org',
      eventSlug: 'vmc2021',
    });

    fireEvent.change(screen.getByLabelText('6-digit code'), { target: { value: '12 34 56' } });
    fireEvent.click(screen.getByRole('button', { name: 'Sign in with the code' }));

    await waitFor(() => expect(router.state.location.pathname).toBe('/e/vmc2021/ticket'));
    expect(api.callsTo('POST', CODE_PATH)[0]?.body).toEqual({ email: 'ada@example.org', code: '123456' });
  });

  it('says so when the code is wrong, on the code field', async () => {
    mockApi({
      '/api/events/vmc2021': { body: EVENT },
      '/api/me': apiError(401, 'identity/unauthenticated'),
      [`POST ${SIGN_IN_PATH}`]: ACCEPTED,
      [`POST ${CODE_PATH}`]: apiError(400, 'identity/code-invalid'),
    });
    renderAccessRoute('/sign-in');

    fireEvent.change(await screen.findByLabelText('E-mail address'), {
      target: { value: 'ada@example.org' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Send me a sign-in link' }));
    fireEvent.change(await screen.findByLabelText('6-digit code'), { target: { value: '000000' } });
    fireEvent.click(screen.getByRole('button', { name: 'Sign in with the code' }));

    const message = 'This code is not valid, or it has expired. Check it, or send yourself a new one.';
    expect(await screen.findByRole('link', { name: message })).toBeTruthy();
    expect(document.getElementById('sign-in-code-error')?.textContent).toBe(message);
  });

  it.each([
    ['a tab', '/%09/host'],
    ['a newline', '/%0A/host'],
    ['a raw tab', '/\t/evil.example'],
    ['a protocol-relative address', '//evil.example'],
    ['a backslash', '/\\evil.example'],
  ])(
    'ignores a next address with %s: not sent, and signing in lands on the usual page',
    async (_label, nasty) => {
      const api = mockApi({
        '/api/me': apiError(401, 'identity/unauthenticated'),
        [`POST ${SIGN_IN_PATH}`]: ACCEPTED,
        [`POST ${CODE_PATH}`]: { body: meWith('approved') },
      });
      const { router } = renderAccessRoute(`/sign-in?next=${encodeURIComponent(nasty)}`);

      fireEvent.change(await screen.findByLabelText('E-mail address'), {
        target: { value: 'ada@example.org' },
      });
      fireEvent.click(screen.getByRole('button', { name: 'Send me a sign-in link' }));
      fireEvent.change(await screen.findByLabelText('6-digit code'), { target: { value: '123456' } });
      fireEvent.click(screen.getByRole('button', { name: 'Sign in with the code' }));

      await waitFor(() => expect(router.state.location.pathname).toBe('/e/vmc2021/ticket'));
      expect(api.callsTo('POST', SIGN_IN_PATH)[0]?.body).toEqual({ email: 'ada@example.org' });
    },
  );

  it('sends a next path on this site along (for the link in the mail) and goes there after the code', async () => {
    const api = mockApi({
      '/api/me': apiError(401, 'identity/unauthenticated'),
      [`POST ${SIGN_IN_PATH}`]: ACCEPTED,
      [`POST ${CODE_PATH}`]: { body: meWith('approved') },
    });
    const { router } = renderAccessRoute(`/sign-in?next=${encodeURIComponent('/e/vmc2021/staff')}`);

    fireEvent.change(await screen.findByLabelText('E-mail address'), {
      target: { value: 'ada@example.org' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Send me a sign-in link' }));
    fireEvent.change(await screen.findByLabelText('6-digit code'), { target: { value: '123456' } });
    fireEvent.click(screen.getByRole('button', { name: 'Sign in with the code' }));

    await waitFor(() => expect(router.state.location.pathname).toBe('/e/vmc2021/staff'));
    expect(api.callsTo('POST', SIGN_IN_PATH)[0]?.body).toEqual({
      email: 'ada@example.org',
      next: '/e/vmc2021/staff',
    });
  });
});
