import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { ORGANISER, mockOrganiserApi, row } from '../testing/organiser-api';
import { renderOrganiserRoute } from '../testing/render-organiser';

describe('OrganiserPage', () => {
  afterEach(() => jest.restoreAllMocks());

  it('shows the counts per status and one row per registration', async () => {
    mockOrganiserApi();
    renderOrganiserRoute('/e/vmc2021/organiser');

    const summary = await screen.findByRole('region', { name: 'Registrations by status' });
    expect(await within(summary).findByText('2 waiting for a decision')).toBeTruthy();
    expect(within(summary).getByRole('button', { name: /Pending\s*2/ })).toBeTruthy();
    const table = await screen.findByRole('table');
    expect(within(table).getAllByRole('row')).toHaveLength(1 + 3);
    expect(within(table).getByRole('rowheader', { name: /Person 1/ })).toBeTruthy();
    expect(document.title).toBe('Organiser console · Vienna Migration Conference 2021');
  });

  it('names attendance modes in words in the filter and in each row, never by their i18n key', async () => {
    mockOrganiserApi();
    renderOrganiserRoute('/e/vmc2021/organiser');

    const table = await screen.findByRole('table');
    const select = within(table).getByRole('combobox', { name: 'Attendance of Person 1' });
    expect(
      within(select)
        .getAllByRole('option')
        .map((option) => option.textContent),
    ).toEqual(['In person', 'Remote']);
    const filter = screen.getByRole('combobox', { name: 'Attendance' });
    expect(
      within(filter)
        .getAllByRole('option')
        .map((option) => option.textContent),
    ).toEqual(['Any', 'In person', 'Remote']);
    expect(document.body.textContent).not.toMatch(/attendance(Mode)?\.(in_person|remote)/);
  });

  it('sends exactly the selected rows with a bulk decision, after confirmation', async () => {
    const calls = mockOrganiserApi();
    renderOrganiserRoute('/e/vmc2021/organiser');

    await screen.findByRole('table');
    fireEvent.click(screen.getByRole('checkbox', { name: 'Select Person 1' }));
    fireEvent.click(screen.getByRole('checkbox', { name: 'Select Person 3' }));
    expect(screen.getByText('2 selected')).toBeTruthy();

    fireEvent.click(screen.getByRole('button', { name: 'Approve' }));
    const confirm = screen.getByRole('button', { name: 'Approve 2' });
    await waitFor(() => expect(document.activeElement).toBe(confirm));
    expect(calls.filter((call) => call.method === 'POST')).toHaveLength(0);

    fireEvent.click(confirm);

    await screen.findByText('2 registrations decided');
    const posts = calls.filter((call) => call.method === 'POST');
    expect(posts).toHaveLength(1);
    expect(posts[0]?.url).toBe('/api/events/vmc2021/registrations/decisions');
    expect(posts[0]?.body).toEqual({
      registrationIds: [row(1).id, row(3).id],
      decision: 'approve',
    });
  });

  it('selects every row on the page at once, and sends them all', async () => {
    const calls = mockOrganiserApi();
    renderOrganiserRoute('/e/vmc2021/organiser');

    await screen.findByRole('table');
    fireEvent.click(screen.getByRole('checkbox', { name: 'Select all on this page' }));
    expect(screen.getByText('3 selected')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Reject' }));
    fireEvent.click(screen.getByRole('button', { name: 'Reject 3' }));

    await waitFor(() => expect(calls.some((call) => call.method === 'POST')).toBe(true));
    expect(calls.find((call) => call.method === 'POST')?.body).toEqual({
      registrationIds: [row(1).id, row(2).id, row(3).id],
      decision: 'reject',
    });
  });

  it('sends nothing when the confirmation is declined', async () => {
    const calls = mockOrganiserApi();
    renderOrganiserRoute('/e/vmc2021/organiser');

    await screen.findByRole('table');
    fireEvent.click(screen.getByRole('checkbox', { name: 'Select Person 2' }));
    fireEvent.click(screen.getByRole('button', { name: 'Cancel registrations' }));
    fireEvent.click(screen.getByRole('button', { name: 'Keep as they are' }));

    expect(screen.getByRole('button', { name: 'Cancel registrations' })).toBeTruthy();
    expect(calls.filter((call) => call.method === 'POST')).toHaveLength(0);
  });

  it('passes the search to the API once typing pauses', async () => {
    jest.useFakeTimers({ doNotFake: ['queueMicrotask', 'nextTick', 'setImmediate'] });
    try {
      const calls = mockOrganiserApi();
      renderOrganiserRoute('/e/vmc2021/organiser');
      await screen.findByRole('table');

      fireEvent.change(screen.getByRole('searchbox', { name: 'Search' }), { target: { value: 'ad' } });
      fireEvent.change(screen.getByRole('searchbox', { name: 'Search' }), { target: { value: 'ada' } });
      act(() => {
        jest.advanceTimersByTime(350);
      });

      await waitFor(() =>
        expect(calls.some((call) => call.url.includes('/registrations?') && call.url.includes('q=ada'))).toBe(
          true,
        ),
      );
      expect(calls.some((call) => call.url.includes('q=ad&') || call.url.endsWith('q=ad'))).toBe(false);
    } finally {
      jest.useRealTimers();
    }
  });

  it('tells someone who is not an organiser, without asking for the list', async () => {
    const calls = mockOrganiserApi({ me: { ...ORGANISER, memberships: [] } });
    renderOrganiserRoute('/e/vmc2021/organiser');

    expect(await screen.findByText('This console is for the event’s organisers')).toBeTruthy();
    expect(calls.some((call) => call.url.startsWith('/api/events/vmc2021/registrations'))).toBe(false);
  });
});
