import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { apiError, mockApi } from '../testing/fake-api';
import type { FakeApiResponse } from '../testing/fake-api';
import { meWith } from '../testing/fixtures';
import { renderAccessRoute } from '../testing/render-access-route';

function mockAccountApi(erase: FakeApiResponse = { status: 204 }) {
  const routes: Record<string, FakeApiResponse> = {
    '/api/me': { body: meWith('approved') },
    '/api/events': { body: { events: [] } },
    'POST /api/me/erase': erase,
  };
  const api = mockApi(routes);
  return { ...api, routes };
}

async function openYourData() {
  renderAccessRoute('/account');
  return screen.findByRole('region', { name: 'Your data' });
}

describe('AccountPage: your data', () => {
  afterEach(() => jest.restoreAllMocks());

  it('links to the download of everything held about the person', async () => {
    mockAccountApi();
    const section = await openYourData();

    const link = within(section).getByRole('link', { name: 'Download my data' });
    expect(link.getAttribute('href')).toBe('/api/me/export');
    expect(link.hasAttribute('download')).toBe(true);
  });

  it('erases only once ERASE is typed, explains what goes, then shows the signed-out erased state', async () => {
    const api = mockAccountApi();
    const section = await openYourData();

    fireEvent.click(within(section).getByRole('button', { name: 'Erase my account' }));
    const confirmation = within(section).getByRole('textbox', { name: 'Type ERASE to confirm' });
    await waitFor(() => expect(document.activeElement).toBe(confirmation));
    expect(within(section).getByText('your registrations and tickets, for every event;')).toBeTruthy();
    expect(within(section).getByText(/This cannot be undone/)).toBeTruthy();

    // Nothing typed, then the wrong word: refused without a request.
    const submit = within(section).getByRole('button', { name: 'Erase my account for good' });
    fireEvent.click(submit);
    fireEvent.change(confirmation, { target: { value: 'erase' } });
    fireEvent.click(submit);
    expect(within(section).getByText('Type ERASE in capital letters to erase your account')).toBeTruthy();
    expect(document.activeElement).toBe(confirmation);
    expect(api.callsTo('POST', '/api/me/erase')).toHaveLength(0);

    fireEvent.change(confirmation, { target: { value: 'ERASE' } });
    // Once erased the API no longer knows the person.
    api.routes['/api/me'] = apiError(401, 'identity/unauthenticated');
    fireEvent.click(submit);
    fireEvent.click(submit);

    expect(await screen.findByText('Your data has been erased')).toBeTruthy();
    const erases = api.callsTo('POST', '/api/me/erase');
    expect(erases).toHaveLength(1);
    expect(erases[0]?.body).toEqual({ confirm: 'ERASE' });
    expect(erases[0]?.headers.get('x-plenary-csrf')).toBe('1');
    expect(screen.queryByRole('region', { name: 'Your data' })).toBeNull();
    expect(screen.queryByText(/Signed in as/)).toBeNull();
    expect(screen.getByRole('link', { name: 'Go to the events' })).toBeTruthy();
  });

  it('keeps the account when the confirmation is cancelled', async () => {
    const api = mockAccountApi();
    const section = await openYourData();

    fireEvent.click(within(section).getByRole('button', { name: 'Erase my account' }));
    fireEvent.click(within(section).getByRole('button', { name: 'Keep my account' }));

    const start = within(section).getByRole('button', { name: 'Erase my account' });
    await waitFor(() => expect(document.activeElement).toBe(start));
    expect(within(section).queryByRole('textbox')).toBeNull();
    expect(api.callsTo('POST', '/api/me/erase')).toHaveLength(0);
  });

  it('says so when the erasure fails, and stays signed in', async () => {
    mockAccountApi(apiError(503, 'core/unavailable'));
    const section = await openYourData();

    fireEvent.click(within(section).getByRole('button', { name: 'Erase my account' }));
    fireEvent.change(within(section).getByRole('textbox', { name: 'Type ERASE to confirm' }), {
      target: { value: 'ERASE' },
    });
    fireEvent.click(within(section).getByRole('button', { name: 'Erase my account for good' }));

    expect(await within(section).findByRole('alert')).toBeTruthy();
    expect(within(section).getByText('The service is not available right now')).toBeTruthy();
    expect(screen.getByText(/Signed in as Ada Muster/)).toBeTruthy();
  });
});
