import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { ORGANISER, json, mockOrganiserApi, row } from '../testing/organiser-api';
import type { ApiCall } from '../testing/organiser-api';
import { renderOrganiserRoute } from '../testing/render-organiser';

const SESSIONS_OF_2 = `/api/events/vmc2021/people/${row(2).personId}/sessions`;
const deletes = (calls: ApiCall[]) => calls.filter((call) => call.method === 'DELETE');

describe('RegistrationsConsole row actions', () => {
  afterEach(() => jest.restoreAllMocks());

  it('ends a person’s sessions only after confirmation, by their person id', async () => {
    const calls = mockOrganiserApi({ routes: { [`DELETE ${SESSIONS_OF_2}`]: () => json({ ended: 2 }) } });
    renderOrganiserRoute('/e/vmc2021/organiser');

    const button = await screen.findByRole('button', { name: 'End sessions of Person 2' });
    fireEvent.click(button);

    const question = screen.getByRole('group', { name: 'End the sessions of Person 2' });
    expect(within(question).getByText('Sign them out on every device?')).toBeTruthy();
    expect(document.activeElement).toBe(within(question).getByRole('button', { name: 'End sessions' }));
    expect(deletes(calls)).toHaveLength(0);

    fireEvent.click(within(question).getByRole('button', { name: 'End sessions' }));

    const outcome = await screen.findByText('Person 2 is signed out everywhere');
    expect(screen.getByText(/^2 sessions ended\./)).toBeTruthy();
    await waitFor(() => expect(document.activeElement).toBe(outcome.closest('.pl-notice')));
    expect(deletes(calls).map((call) => call.url)).toEqual([SESSIONS_OF_2]);
  });

  it('sends nothing when the confirmation is declined, and hands focus back to the button', async () => {
    const calls = mockOrganiserApi();
    renderOrganiserRoute('/e/vmc2021/organiser');

    fireEvent.click(await screen.findByRole('button', { name: 'End sessions of Person 1' }));
    fireEvent.click(
      within(screen.getByRole('group', { name: 'End the sessions of Person 1' })).getByRole('button', {
        name: 'Keep',
      }),
    );

    const button = screen.getByRole('button', { name: 'End sessions of Person 1' });
    await waitFor(() => expect(document.activeElement).toBe(button));
    expect(deletes(calls)).toHaveLength(0);
  });

  it('says so when the person was not signed in anywhere', async () => {
    mockOrganiserApi({ routes: { [`DELETE ${SESSIONS_OF_2}`]: () => json({ ended: 0 }) } });
    renderOrganiserRoute('/e/vmc2021/organiser');

    fireEvent.click(await screen.findByRole('button', { name: 'End sessions of Person 2' }));
    fireEvent.click(screen.getByRole('button', { name: 'End sessions' }));

    expect(await screen.findByText('Person 2 was not signed in anywhere')).toBeTruthy();
  });

  it('offers the CSV export of all registrations as a download link', async () => {
    mockOrganiserApi();
    renderOrganiserRoute('/e/vmc2021/organiser');

    const link = await screen.findByRole('link', { name: 'Export CSV of all registrations' });
    expect(link.getAttribute('href')).toBe('/api/events/vmc2021/registrations.csv');
    expect(link.hasAttribute('download')).toBe(true);
  });

  it('signs the organiser out here too when they end their own sessions', async () => {
    const own = row(4, { personId: ORGANISER.person.id, name: 'Olga Organiser', status: 'approved' });
    mockOrganiserApi({
      list: {
        items: [own],
        total: 1,
        counts: { pending: 0, approved: 1, waitlisted: 0, rejected: 0, cancelled: 0 },
      },
      routes: {
        [`DELETE /api/events/vmc2021/people/${own.personId}/sessions`]: () => json({ ended: 1 }),
      },
    });
    renderOrganiserRoute('/e/vmc2021/organiser');

    fireEvent.click(await screen.findByRole('button', { name: 'End sessions of Olga Organiser' }));
    fireEvent.click(screen.getByRole('button', { name: 'End sessions' }));

    expect(await screen.findByText('Sign in to open the organiser console')).toBeTruthy();
  });
});
