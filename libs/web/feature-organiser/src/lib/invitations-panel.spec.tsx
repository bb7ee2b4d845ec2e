import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { json, mockOrganiserApi } from '../testing/organiser-api';
import type { ApiCall } from '../testing/organiser-api';
import { renderOrganiserRoute } from '../testing/render-organiser';

const INVITATIONS = 'POST /api/events/vmc2021/invitations';
const IMPORT = 'POST /api/events/vmc2021/invitations/import';

const posts = (calls: ApiCall[], url: string) =>
  calls.filter((call) => call.method === 'POST' && call.url === url);

async function openPanel() {
  renderOrganiserRoute('/e/vmc2021/organiser');
  return screen.findByRole('region', { name: 'Invite people' });
}

function fillPerson(
  panel: HTMLElement,
  position: number,
  values: { email: string; name: string; role?: string },
) {
  const person = within(panel).getByRole('group', { name: `Person ${position}` });
  fireEvent.change(within(person).getByRole('textbox', { name: 'E-mail address' }), {
    target: { value: values.email },
  });
  fireEvent.change(within(person).getByRole('textbox', { name: 'Name' }), { target: { value: values.name } });
  if (values.role) {
    fireEvent.change(within(person).getByRole('combobox', { name: 'Role' }), {
      target: { value: values.role },
    });
  }
}

/** Picks `content` as the CSV file `name` in the import's file input. */
function pickFile(panel: HTMLElement, content: string, name = 'people.csv') {
  const input = within(panel).getByLabelText('CSV file');
  const file = new File([content], name, { type: 'text/csv' });
  fireEvent.change(input, { target: { files: [file] } });
}

describe('InvitationsPanel', () => {
  afterEach(() => jest.restoreAllMocks());

  it('sends every person of the form with their role, and says how many were invited', async () => {
    const calls = mockOrganiserApi({ routes: { [INVITATIONS]: () => json({ invited: 3, errors: [] }) } });
    const panel = await openPanel();

    fillPerson(panel, 1, { email: ' Ada@Example.org ', name: 'Ada Muster', role: 'speaker' });
    fireEvent.click(within(panel).getByRole('button', { name: 'Add another person' }));
    // A new row takes focus and the role of the row above.
    const second = within(panel).getByRole('group', { name: 'Person 2' });
    expect(document.activeElement).toBe(within(second).getByRole('textbox', { name: 'E-mail address' }));
    expect(within(second).getByRole<HTMLSelectElement>('combobox', { name: 'Role' }).value).toBe('speaker');
    fillPerson(panel, 2, { email: 'li@example.org', name: 'Li Wei', role: 'moderator' });
    fireEvent.click(within(panel).getByRole('button', { name: 'Add another person' }));
    fillPerson(panel, 3, { email: 'sam@example.org', name: 'Sam Staff', role: 'staff' });
    // A blank extra row is left out, not refused.
    fireEvent.click(within(panel).getByRole('button', { name: 'Add another person' }));

    const submit = within(panel).getByRole('button', { name: 'Send 3 invitations' });
    fireEvent.click(submit);
    fireEvent.click(submit);

    expect(await within(panel).findByText('3 invited')).toBeTruthy();
    const sent = posts(calls, '/api/events/vmc2021/invitations');
    expect(sent).toHaveLength(1);
    expect(sent[0]?.body).toEqual({
      invitations: [
        { email: 'Ada@Example.org', name: 'Ada Muster', role: 'speaker' },
        { email: 'li@example.org', name: 'Li Wei', role: 'moderator' },
        { email: 'sam@example.org', name: 'Sam Staff', role: 'staff' },
      ],
    });
    // The form starts afresh with one empty row.
    expect(within(panel).getAllByRole('group', { name: /^Person \d$/ })).toHaveLength(1);
  });

  it('sends nothing while a row is incomplete, and links each problem to its field', async () => {
    const calls = mockOrganiserApi();
    const panel = await openPanel();

    fillPerson(panel, 1, { email: 'not-an-address', name: '' });
    fireEvent.click(within(panel).getByRole('button', { name: 'Send invitation' }));

    const summary = await within(panel).findByRole('heading', { name: 'There is a problem' });
    await waitFor(() => expect(document.activeElement).toBe(summary.parentElement));
    expect(
      within(panel).getByRole('link', {
        name: 'Person 1: Enter an e-mail address in the correct format, like name@example.org',
      }),
    ).toBeTruthy();
    expect(within(panel).getByRole('link', { name: 'Person 1: Enter a name' })).toBeTruthy();
    expect(posts(calls, '/api/events/vmc2021/invitations')).toHaveLength(0);
  });

  it('reads a CSV file in the browser, shows its name and row count, then sends it and shows the count', async () => {
    const csv = 'email,name,role\nada@example.org,Ada Muster,speaker\nli@example.org,"Wei, Li",\n';
    const calls = mockOrganiserApi({ routes: { [IMPORT]: () => json({ invited: 2, errors: [] }) } });
    const panel = await openPanel();

    expect(within(panel).getByText(/email,name,role\s+ada@example\.org/)).toBeTruthy();
    pickFile(panel, csv);

    expect(await within(panel).findByText('people.csv: 2 people, ready to import.')).toBeTruthy();
    expect(posts(calls, '/api/events/vmc2021/invitations/import')).toHaveLength(0);
    fireEvent.click(within(panel).getByRole('button', { name: 'Import 2 invitations' }));

    const done = await within(panel).findByText('2 invited');
    await waitFor(() => expect(document.activeElement).toBe(done.closest('.pl-notice')));
    expect(posts(calls, '/api/events/vmc2021/invitations/import')[0]?.body).toEqual({ csv });
  });

  it('lists every refused row with its number when the API imports nothing', async () => {
    const calls = mockOrganiserApi({
      routes: {
        [IMPORT]: () =>
          json(
            {
              error: {
                code: 'core/validation-failed',
                message: '2 row(s) cannot be imported; nothing was imported.',
                requestId: 'r-400',
                details: [
                  { row: 4, message: 'role: Invalid option: expected one of "attendee"|"speaker"' },
                  { row: 2, message: 'email: must be an e-mail address' },
                ],
              },
            },
            400,
          ),
      },
    });
    const panel = await openPanel();

    pickFile(panel, 'email,name,role\nnope,Ada,speaker\nli@example.org,Li,\nbo@example.org,Bo,chair\n');
    fireEvent.click(await within(panel).findByRole('button', { name: 'Import 3 invitations' }));

    const alert = await within(panel).findByRole('alert');
    expect(within(alert).getByText('people.csv: 2 rows need fixing, nothing was imported')).toBeTruthy();
    const items = within(alert)
      .getAllByRole('listitem')
      .map((item) => item.textContent);
    expect(items).toEqual([
      'Row 2: email: must be an e-mail address',
      'Row 4: role: Invalid option: expected one of "attendee"|"speaker"',
    ]);
    await waitFor(() => expect(document.activeElement).toBe(alert));
    // The file must be chosen again once corrected.
    expect(within(panel).queryByRole('button', { name: /^Import/ })).toBeNull();
    expect(posts(calls, '/api/events/vmc2021/invitations/import')).toHaveLength(1);
  });

  it('refuses a file without the header or with too many rows before sending it', async () => {
    const calls = mockOrganiserApi();
    const panel = await openPanel();

    pickFile(panel, 'ada@example.org,Ada,speaker\n');
    expect(
      await within(panel).findByText('The first row must name the columns: email,name,role'),
    ).toBeTruthy();

    const rows = Array.from({ length: 1001 }, (_, index) => `p${index}@example.org,P ${index},attendee`);
    pickFile(panel, ['email,name,role', ...rows].join('\n'));
    expect(
      await within(panel).findByText('The file has 1,001 rows; import at most 1,000 at a time.'),
    ).toBeTruthy();
    expect(within(panel).queryByRole('button', { name: /^Import/ })).toBeNull();
    expect(calls.filter((call) => call.method === 'POST')).toHaveLength(0);
  });
});
