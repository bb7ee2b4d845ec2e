import { fireEvent, screen, within } from '@testing-library/react';
import { json, mockOrganiserApi } from '../testing/organiser-api';
import { renderOrganiserRoute } from '../testing/render-organiser';

const SETTINGS = 'PUT /api/events/vmc2021/settings';

describe('EventSettingsPanel', () => {
  afterEach(() => jest.restoreAllMocks());

  it('shows how long personal data is kept, and saves a new number of days', async () => {
    const calls = mockOrganiserApi({
      routes: { [SETTINGS]: (call) => json(call.body) },
    });
    renderOrganiserRoute('/e/vmc2021/organiser');

    const panel = await screen.findByRole('region', { name: 'Registration settings' });
    const field = await within(panel).findByRole('spinbutton', { name: 'Delete personal data' });
    expect((field as HTMLInputElement).value).toBe('365');
    // The event ended on 20 October 2021.
    expect(within(panel).getByText('Personal data is deleted after 20 October 2022.')).toBeTruthy();

    fireEvent.change(field, { target: { value: '30' } });
    expect(within(panel).getByText('Personal data is deleted after 19 November 2021.')).toBeTruthy();
    fireEvent.click(within(panel).getByRole('button', { name: 'Save settings' }));

    expect(await within(panel).findByText('Settings saved.')).toBeTruthy();
    expect(calls.find((call) => call.method === 'PUT')?.body).toEqual({
      approvalMode: 'manual',
      inPersonCapacity: null,
      retentionDays: 30,
    });
  });

  it('refuses a number of days out of range without sending', async () => {
    const calls = mockOrganiserApi();
    renderOrganiserRoute('/e/vmc2021/organiser');

    const panel = await screen.findByRole('region', { name: 'Registration settings' });
    const field = await within(panel).findByRole('spinbutton', { name: 'Delete personal data' });
    fireEvent.change(field, { target: { value: '0' } });
    fireEvent.click(within(panel).getByRole('button', { name: 'Save settings' }));

    expect(within(panel).getByText('Enter a whole number of days, from 1 to 3,650')).toBeTruthy();
    expect(document.activeElement).toBe(field);
    expect(calls.filter((call) => call.method === 'PUT')).toHaveLength(0);
  });
});
