import type { ProgrammeImportResult } from '@plenary/contracts';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { json, mockOrganiserApi } from '../testing/organiser-api';
import type { ApiCall } from '../testing/organiser-api';
import { renderOrganiserRoute } from '../testing/render-organiser';

const IMPORT = 'POST /api/events/vmc2021/programme/import';
const SCHEDULE = JSON.stringify({ schedule: { conference: { days: [] } } });

const counts = (create: number, update: number, unchanged: number, absent = 0) => ({
  create,
  update,
  unchanged,
  absent,
});

const PREVIEW: ProgrammeImportResult = {
  dryRun: true,
  format: 'pretalx-json',
  counts: { rooms: counts(0, 0, 3), speakers: counts(0, 0, 80), sessions: counts(1, 1, 58, 1) },
  items: [
    {
      kind: 'session',
      key: 'g-1',
      label: 'Legal pathways, revisited',
      action: 'update',
      changes: ['title', 'startsLocal'],
      location: 'schedule.conference.days[1].rooms["Breakout A"][1]',
    },
    {
      kind: 'session',
      key: 'g-2',
      label: 'A new talk',
      action: 'create',
      changes: [],
      location: 'schedule.conference.days[0].rooms["Plenary hall"][9]',
    },
    { kind: 'session', key: 'g-3', label: 'Old talk', action: 'absent', changes: [], location: null },
  ],
  programmeVersion: 4,
};

async function openPage() {
  renderOrganiserRoute('/e/vmc2021/organiser/import');
  return screen.findByRole('region', { name: 'Import a schedule file' });
}

function pickFile(panel: HTMLElement, content: string, name = 'schedule.json') {
  fireEvent.change(within(panel).getByLabelText('Schedule file'), {
    target: { files: [new File([content], name, { type: 'application/json' })] },
  });
}

const imports = (calls: ApiCall[]) =>
  calls.filter((call) => call.url.startsWith('/api/events/vmc2021/programme/import'));

describe('ProgrammeInterchangePanel', () => {
  afterEach(() => jest.restoreAllMocks());

  it('previews a file as a dry run, lists what changes, then imports it', async () => {
    const calls = mockOrganiserApi({
      routes: {
        [IMPORT]: (call) =>
          call.url.includes('dryRun=true')
            ? json(PREVIEW)
            : json({ ...PREVIEW, dryRun: false, programmeVersion: 5 }),
      },
    });
    const panel = await openPage();
    pickFile(panel, SCHEDULE);

    const outcome = await within(panel).findByRole('heading', {
      name: 'What importing schedule.json would change',
    });
    expect(imports(calls).map((call) => call.url)).toEqual([
      '/api/events/vmc2021/programme/import?dryRun=true',
    ]);
    const summary = within(panel).getByRole('table', { name: 'Summary' });
    const sessionsRow = within(summary).getByRole('row', { name: /Sessions/ });
    expect(
      within(sessionsRow)
        .getAllByRole('cell')
        .map((cell) => cell.textContent),
    ).toEqual(['1', '1', '58', '1']);
    const changed = within(panel).getByRole('row', { name: /Legal pathways, revisited/ });
    expect(changed.textContent).toContain('Changed');
    expect(changed.textContent).toContain('title, start');
    expect(changed.textContent).toContain('rooms["Breakout A"][1]');
    expect(within(panel).getByRole('row', { name: /Old talk/ }).textContent).toContain('Not in the file');
    expect(outcome.closest('[tabindex="-1"]')).toBe(document.activeElement);

    fireEvent.click(within(panel).getByRole('button', { name: 'Import 2 changes' }));
    await within(panel).findByRole('heading', { name: 'Imported schedule.json' });
    expect(imports(calls).map((call) => call.url)).toEqual([
      '/api/events/vmc2021/programme/import?dryRun=true',
      '/api/events/vmc2021/programme/import?dryRun=false',
    ]);
    expect(within(panel).getByRole('link', { name: 'See the programme' }).getAttribute('href')).toBe(
      '/e/vmc2021',
    );
  });

  it('says when the file changes nothing and offers no import', async () => {
    mockOrganiserApi({
      routes: {
        [IMPORT]: () =>
          json({
            ...PREVIEW,
            counts: { rooms: counts(0, 0, 3), speakers: counts(0, 0, 80), sessions: counts(0, 0, 60) },
            items: [],
          }),
      },
    });
    const panel = await openPage();
    pickFile(panel, SCHEDULE);
    expect(
      await within(panel).findByText('Nothing to change: the programme already matches this file.'),
    ).toBeTruthy();
    expect(within(panel).queryByRole('button', { name: /^Import/ })).toBeNull();
  });

  it('lists every bad row of a refused file with where it is', async () => {
    mockOrganiserApi({
      routes: {
        [IMPORT]: () =>
          json(
            {
              error: {
                code: 'core/validation-failed',
                message: 'The schedule file has problems; nothing was imported.',
                requestId: 'r',
                details: [
                  { path: 'line 3.end', line: 3, message: 'must be after the start' },
                  { path: 'line 5.speakers', line: 5, message: 'names "sp-9", who is not a speaker' },
                ],
              },
            },
            400,
          ),
      },
    });
    const panel = await openPage();
    pickFile(panel, SCHEDULE);
    const alert = await within(panel).findByRole('alert');
    expect(within(alert).getByRole('heading').textContent).toBe('This file cannot be imported');
    expect(
      within(alert)
        .getAllByRole('listitem')
        .map((item) => item.textContent),
    ).toEqual(['line 3.end: must be after the start', 'line 5.speakers: names "sp-9", who is not a speaker']);
    expect(within(panel).queryByRole('button', { name: /^Import/ })).toBeNull();
  });

  it('refuses a file over 10 MB in the browser and offers the exports as downloads', async () => {
    const calls = mockOrganiserApi();
    const panel = await openPage();
    const big = new File(['x'], 'huge.json', { type: 'application/json' });
    Object.defineProperty(big, 'size', { value: 10 * 1024 * 1024 + 1 });
    fireEvent.change(within(panel).getByLabelText('Schedule file'), { target: { files: [big] } });
    expect(await within(panel).findByText(/larger than 10 MB/)).toBeTruthy();
    await waitFor(() => expect(imports(calls)).toHaveLength(0));

    const exports = screen.getByRole('region', { name: 'Export the programme' });
    expect(
      within(exports)
        .getAllByRole('link')
        .map((link) => [link.textContent, link.getAttribute('href')]),
    ).toEqual([
      ['pretalx schedule JSON', '/api/events/vmc2021/programme/export?format=pretalx-json'],
      ['frab schedule XML', '/api/events/vmc2021/programme/export?format=frab-xml'],
      ['Sessions CSV', '/api/events/vmc2021/programme/export?format=csv-sessions'],
      ['Speakers CSV', '/api/events/vmc2021/programme/export?format=csv-speakers'],
    ]);
  });
});
