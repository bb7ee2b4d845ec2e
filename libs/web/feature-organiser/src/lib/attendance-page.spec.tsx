import type { AttendanceSummary, AttendanceTimeline } from '@plenary/contracts';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { EVENT, json, mockOrganiserApi } from '../testing/organiser-api';
import { renderOrganiserRoute } from '../testing/render-organiser';
import { chartModel, niceCeiling } from './attendance-chart-model';

const SUMMARY: AttendanceSummary = {
  eventId: EVENT.id,
  generatedAt: '2021-10-19T08:30:05.000Z',
  registered: { inPerson: 120, remote: 80, total: 200 },
  checkedIn: [{ day: '2021-10-19', total: 57, inPerson: 54, remote: 3 }],
  checkedInPeople: 57,
  today: '2021-10-19',
  onlineNow: 31,
  joinedVideo: 44,
  sessions: [
    {
      sessionId: '00000000-0000-4000-8000-000000000201',
      title: 'Opening session',
      day: '2021-10-19',
      startsAt: '2021-10-19T07:00:00.000Z',
      endsAt: '2021-10-19T08:00:00.000Z',
      room: 'Plenary hall',
      inRoom: 57,
      online: 40,
      both: 6,
      onlineMinutes: 1234,
      onlineNow: 12,
    },
    {
      sessionId: '00000000-0000-4000-8000-000000000202',
      title: 'Panel on partnerships',
      day: '2021-10-20',
      startsAt: '2021-10-20T07:00:00.000Z',
      endsAt: '2021-10-20T08:00:00.000Z',
      room: null,
      inRoom: 0,
      online: 0,
      both: 0,
      onlineMinutes: 0,
      onlineNow: 0,
    },
  ],
  sources: { door: true, media: true, presence: true },
};

const TIMELINE: AttendanceTimeline = {
  day: '2021-10-19',
  days: ['2021-10-19', '2021-10-20'],
  bucketMinutes: 5,
  points: [
    { at: '2021-10-19T06:30:00.000Z', inRoom: 0, online: 2 },
    { at: '2021-10-19T06:35:00.000Z', inRoom: 20, online: 15 },
    { at: '2021-10-19T06:40:00.000Z', inRoom: 57, online: 31 },
  ],
};

function mockAttendance(overrides: { summary?: () => Response; timeline?: (url: string) => Response } = {}) {
  return mockOrganiserApi({
    routes: {
      'GET /api/events/vmc2021/attendance': overrides.summary ?? (() => json(SUMMARY)),
      'GET /api/events/vmc2021/attendance/timeline': (call) =>
        overrides.timeline ? overrides.timeline(call.url) : json(TIMELINE),
    },
  });
}

describe('AttendancePage', () => {
  afterEach(() => {
    jest.useRealTimers();
    jest.restoreAllMocks();
  });

  it('shows the big numbers as text', async () => {
    mockAttendance();
    renderOrganiserRoute('/e/vmc2021/organiser/attendance');

    const numbers = await screen.findByRole('region', { name: 'At a glance' });
    const read = (label: string) =>
      within(numbers).getByText(label).parentElement?.querySelector('.po-number__value')?.textContent;
    expect(read('Registered in person')).toBe('120');
    expect(read('Registered remote')).toBe('80');
    expect(read('Checked in today')).toBe('57');
    expect(within(numbers).getByText('incl. 3 registered remote')).toBeTruthy();
    expect(read('Online now')).toBe('31');
    expect(read('Joined the video')).toBe('44');
    expect(screen.getByRole('heading', { level: 1, name: 'Attendance' })).toBeTruthy();
    expect(document.title).toBe('Attendance · Vienna Migration Conference 2021');
    expect(screen.getByText('Updated at 10:30:05')).toBeTruthy();
  });

  it('lists every session with room, online, both, minutes and online now', async () => {
    mockAttendance();
    renderOrganiserRoute('/e/vmc2021/organiser/attendance');

    const table = await screen.findByRole('table', { name: /Attendance per session/ });
    const rows = within(table).getAllByRole('row');
    expect(rows).toHaveLength(1 + 2);
    const cells = (index: number) =>
      within(rows[index] as HTMLElement)
        .getAllByRole('cell')
        .map((cell) => cell.textContent);
    expect(within(rows[1] as HTMLElement).getByRole('rowheader').textContent).toContain('Opening session');
    expect(within(rows[1] as HTMLElement).getByRole('rowheader').textContent).toContain(
      '2021-10-19 · 09:00–10:00 · Plenary hall',
    );
    expect(cells(1)).toEqual(['57', '40', '6', '1234', '12']);
    expect(cells(2)).toEqual(['0', '0', '0', '0', '0']);
    expect(
      within(table)
        .getAllByRole('columnheader')
        .map((header) => header.textContent),
    ).toEqual(['Session', 'In the room', 'Online', 'Both', 'Minutes online', 'Online now']);
  });

  it('links the CSV export of every record', async () => {
    mockAttendance();
    renderOrganiserRoute('/e/vmc2021/organiser/attendance');

    const link = await screen.findByRole('link', { name: /Export CSV/ });
    expect(link.getAttribute('href')).toBe('/api/events/vmc2021/attendance.csv');
    expect(link.hasAttribute('download')).toBe(true);
  });

  it('draws the day with the latest values in words and every point in a table; another day on request', async () => {
    const calls = mockAttendance({
      timeline: (url) =>
        url.includes('day=2021-10-20')
          ? json({ ...TIMELINE, day: '2021-10-20', points: [] })
          : json(TIMELINE),
    });
    renderOrganiserRoute('/e/vmc2021/organiser/attendance');

    const region = await screen.findByRole('region', { name: 'Over the day' });
    expect(await within(region).findByText('57 now')).toBeTruthy();
    expect(within(region).getByText('31 now')).toBeTruthy();
    const table = within(region).getByRole('table', { hidden: true });
    expect(within(table).getAllByRole('row', { hidden: true })).toHaveLength(1 + 3);
    expect(region.querySelector('svg')?.closest('[aria-hidden="true"]')).toBeTruthy();
    expect(region.querySelectorAll('path.po-chart__line')).toHaveLength(2);

    fireEvent.change(within(region).getByLabelText('Day'), { target: { value: '2021-10-20' } });
    expect(await within(region).findByText('Nothing to draw yet')).toBeTruthy();
    expect(calls.some((call) => call.url.endsWith('/attendance/timeline?day=2021-10-20'))).toBe(true);
  });

  it('says when a source is not reported instead of showing zeros', async () => {
    mockAttendance({
      summary: () =>
        json({
          ...SUMMARY,
          onlineNow: null,
          joinedVideo: null,
          sessions: SUMMARY.sessions.map((session) => ({
            ...session,
            online: null,
            both: null,
            onlineMinutes: null,
            onlineNow: null,
          })),
          sources: { door: true, media: false, presence: false },
        }),
    });
    renderOrganiserRoute('/e/vmc2021/organiser/attendance');

    const table = await screen.findByRole('table', { name: /Attendance per session/ });
    expect(within(table).getAllByText('—')).toHaveLength(8);
    expect(screen.getByText(/not reported by this installation/)).toBeTruthy();
  });

  it('explains a failure and retries', async () => {
    // A failure that retrying does not cure (an outage, 503, is waited out instead: see the app's catching-up state).
    jest.useFakeTimers();
    let fail = true;
    mockAttendance({
      summary: () =>
        fail
          ? json({ error: { code: 'internal/unexpected', message: 'Database is down', requestId: 'r' } }, 500)
          : json(SUMMARY),
    });
    renderOrganiserRoute('/e/vmc2021/organiser/attendance');

    const alert = await screen.findByRole('alert', {}, { timeout: 10_000 });
    expect(within(alert).getByText('Database is down')).toBeTruthy();
    fail = false;
    fireEvent.click(within(alert).getByRole('button', { name: 'Try again' }));
    await waitFor(() => expect(screen.getByRole('region', { name: 'At a glance' })).toBeTruthy());
  });

  it('is linked from the registrations console, and back', async () => {
    mockAttendance();
    const { router } = renderOrganiserRoute('/e/vmc2021/organiser');

    const nav = await screen.findByRole('navigation', { name: 'Organiser pages' });
    expect(within(nav).getByRole('link', { name: 'Registrations' }).getAttribute('aria-current')).toBe(
      'page',
    );
    fireEvent.click(within(nav).getByRole('link', { name: 'Attendance' }));
    await screen.findByRole('region', { name: 'At a glance' });
    expect(router.state.location.pathname).toBe('/e/vmc2021/organiser/attendance');
  });
});

describe(chartModel.name, () => {
  it('scales to a nice maximum and draws one path per series', () => {
    expect([0, 1, 7, 10, 11, 57, 230].map(niceCeiling)).toEqual([1, 1, 10, 10, 20, 100, 500]);
    const model = chartModel(TIMELINE.points);
    expect(model.max).toBe(100);
    expect(model.series.map((series) => [series.key, series.last])).toEqual([
      ['inRoom', 57],
      ['online', 31],
    ]);
    expect(model.series[0]?.path.split(' ')).toHaveLength(3);
    expect(chartModel(TIMELINE.points.map((point) => ({ ...point, online: null }))).series).toHaveLength(1);
  });
});
