import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { json, mockOrganiserApi } from '../testing/organiser-api';
import type { ApiCall } from '../testing/organiser-api';
import { renderOrganiserRoute } from '../testing/render-organiser';

const INVITATIONS = 'POST /api/events/vmc2021/invitations';
const IMPORT = 'POST /api/events/vmc2021/invitations/import';
const IMPORTS = 'GET /api/events/vmc2021/imports';
const IMPORT_ID = '00000000-0000-4000-8000-0000000000e1';

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

  const progress = (overrides: Record<string, unknown> = {}) => ({
    id: IMPORT_ID,
    kind: 'invitations',
    fileName: 'people.csv',
    status: 'running',
    totalRows: 3,
    processedRows: 0,
    invited: 0,
    peopleCreated: 0,
    duplicates: 0,
    errorRows: 0,
    failure: null,
    createdAt: '2026-01-01T10:00:00.000Z',
    finishedAt: null,
    issues: [],
    issuesTruncated: false,
    ...overrides,
  });

  it('reads a CSV file in the browser, uploads it as text/csv, then follows the import until it is done', async () => {
    const csv =
      'email,name,role\nada@example.org,Ada Muster,speaker\nli@example.org,"Wei, Li",\nADA@example.org,Ada,\n';
    let polls = 0;
    const calls = mockOrganiserApi({
      routes: {
        [IMPORT]: () => json(progress({ status: 'queued' }), 202),
        [IMPORTS]: () => json({ imports: [] }),
        [`GET /api/events/vmc2021/imports/${IMPORT_ID}`]: () => {
          polls += 1;
          return polls < 2
            ? json(progress({ processedRows: 1, invited: 1, peopleCreated: 1 }))
            : json(
                progress({
                  status: 'completed',
                  processedRows: 3,
                  invited: 2,
                  peopleCreated: 2,
                  duplicates: 1,
                  finishedAt: '2026-01-01T10:01:00.000Z',
                  issues: [
                    {
                      line: 4,
                      kind: 'duplicate',
                      message: 'Same address as line 2: merged into one invitation.',
                    },
                  ],
                }),
              );
        },
      },
    });
    const panel = await openPanel();

    expect(within(panel).getByText(/email,name,role\s+ada@example\.org/)).toBeTruthy();
    pickFile(panel, csv);

    expect(await within(panel).findByText('people.csv: 3 people, ready to import.')).toBeTruthy();
    expect(posts(calls, '/api/events/vmc2021/invitations/import')).toHaveLength(0);
    fireEvent.click(within(panel).getByRole('button', { name: 'Import 3 invitations' }));

    const bar = await within(panel).findByRole('progressbar', { name: 'Importing people.csv' });
    await waitFor(() => expect(document.activeElement).toBe(bar.closest('section')));
    const done = await within(panel).findByText(
      'Done: 2 people invited. Each person invited receives one e-mail.',
      {},
      { timeout: 4000 },
    );
    expect(done).toBeTruthy();
    expect(within(panel).getByRole('progressbar', { name: 'people.csv imported' })).toBeTruthy();
    expect(within(panel).getByText('Line 4:').parentElement?.textContent).toBe(
      'Line 4: Same address as line 2: merged into one invitation.',
    );
    const upload = calls.find((call) => call.url.startsWith('/api/events/vmc2021/invitations/import'));
    expect(upload?.url).toBe('/api/events/vmc2021/invitations/import?fileName=people.csv');
  });

  it('follows the newest unfinished import when the console opens, and still shows it once done', async () => {
    let lists = 0;
    let polls = 0;
    const running = progress({ processedRows: 12000, totalRows: 50000, invited: 11990, errorRows: 10 });
    const completed = progress({
      status: 'completed',
      processedRows: 50000,
      totalRows: 50000,
      invited: 49990,
      errorRows: 10,
      finishedAt: '2026-01-01T10:05:00.000Z',
    });
    mockOrganiserApi({
      routes: {
        [IMPORTS]: () => {
          lists += 1;
          return json({ imports: [lists === 1 ? running : completed] });
        },
        [`GET /api/events/vmc2021/imports/${IMPORT_ID}`]: () => {
          polls += 1;
          return json(polls === 1 ? running : completed);
        },
      },
    });
    const panel = await openPanel();
    const bar = await within(panel).findByRole('progressbar', { name: 'Importing people.csv' });
    expect(bar.getAttribute('value')).toBe('12000');
    expect(within(panel).getByText('12,000 of 50,000 rows')).toBeTruthy();
    // Done: the list now says completed, and the console keeps showing the outcome.
    expect(
      await within(panel).findByText(
        'Done: 49,990 people invited. Each person invited receives one e-mail.',
        {},
        { timeout: 4000 },
      ),
    ).toBeTruthy();
    await waitFor(() => expect(lists).toBeGreaterThan(1));
    expect(within(panel).getByRole('progressbar', { name: 'people.csv imported' })).toBeTruthy();
  });

  it('shows why the server refused a file', async () => {
    mockOrganiserApi({
      routes: {
        [IMPORTS]: () => json({ imports: [] }),
        [IMPORT]: () =>
          json(
            {
              error: {
                code: 'core/validation-failed',
                message: 'The file is not valid CSV.',
                requestId: 'r-400',
                details: [{ path: 'csv', message: 'Quote Not Closed' }],
              },
            },
            400,
          ),
      },
    });
    const panel = await openPanel();

    pickFile(panel, 'email,name,role\nnope,Ada,speaker\n');
    fireEvent.click(await within(panel).findByRole('button', { name: 'Import 1 invitation' }));

    const alert = await within(panel).findByRole('alert');
    expect(within(alert).getByText('The file was not accepted')).toBeTruthy();
    expect(within(alert).getByText('The file is not valid CSV.')).toBeTruthy();
    await waitFor(() => expect(document.activeElement).toBe(alert));
    expect(within(panel).queryByRole('button', { name: /^Import/ })).toBeNull();
  });

  it('refuses a file without the header or with too many rows before sending it', async () => {
    const calls = mockOrganiserApi({ routes: { [IMPORTS]: () => json({ imports: [] }) } });
    const panel = await openPanel();

    pickFile(panel, 'ada@example.org,Ada,speaker\n');
    expect(
      await within(panel).findByText('The first row must name the columns: email,name,role'),
    ).toBeTruthy();

    const rows = Array.from({ length: 100_001 }, (_, index) => `p${index}@example.org,P,attendee`);
    pickFile(panel, ['email,name,role', ...rows].join('\n'));
    expect(
      // Reading and counting 100,001 rows takes a while on a loaded machine: wait for the verdict, not a second.
      await within(panel).findByText(
        'The file has 100,001 rows; import at most 100,000 at a time.',
        {},
        { timeout: 10_000 },
      ),
    ).toBeTruthy();
    expect(within(panel).queryByRole('button', { name: /^Import/ })).toBeNull();
    expect(calls.filter((call) => call.method === 'POST')).toHaveLength(0);
  });

  it('lists the mails that could not be delivered', async () => {
    mockOrganiserApi({
      routes: {
        'GET /api/events/vmc2021/mail/parked': () =>
          json({
            count: 1,
            mails: [
              {
                id: '00000000-0000-4000-8000-0000000000f1',
                to: 'gone@example.org',
                subject: 'Invitation: Vienna',
                attempts: 10,
                lastError: '550 mailbox unavailable',
                parkedAt: '2026-01-01T10:00:00.000Z',
              },
            ],
          }),
      },
    });
    const panel = await openPanel();
    expect(
      await within(panel).findByRole('heading', { name: '1 e-mail could not be delivered' }),
    ).toBeTruthy();
    expect(within(panel).getByRole('cell', { name: 'gone@example.org' })).toBeTruthy();
  });
});
