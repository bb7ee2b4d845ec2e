import { summariseAttendance, type AttendanceInput } from './summarise-attendance';

const session = (id: string, day: string) => ({
  id,
  title: `Session ${id}`,
  day,
  startsAt: `${day}T09:00:00.000Z`,
  endsAt: `${day}T10:00:00.000Z`,
  room: 'Main hall',
});

const input = (overrides: Partial<AttendanceInput> = {}): AttendanceInput => ({
  eventId: '5e0c2021-0000-4000-8000-000000000001',
  now: new Date('2021-10-19T12:00:00Z'),
  registered: { inPerson: 3, remote: 2 },
  admissions: [
    { day: '2021-10-19', personId: 'p1', attendance: 'in_person' },
    { day: '2021-10-19', personId: 'p2', attendance: 'remote' },
    { day: '2021-10-20', personId: 'p1', attendance: 'in_person' },
  ],
  sessions: [session('s1', '2021-10-19'), session('s2', '2021-10-20')],
  media: null,
  presence: null,
  ...overrides,
});

describe(summariseAttendance.name, () => {
  it('counts door admissions per day and people in the room per session', () => {
    const summary = summariseAttendance(input());
    expect(summary.registered).toEqual({ inPerson: 3, remote: 2, total: 5 });
    expect(summary.checkedIn).toEqual([
      { day: '2021-10-19', total: 2, inPerson: 1, remote: 1 },
      { day: '2021-10-20', total: 1, inPerson: 1, remote: 0 },
    ]);
    expect(summary.checkedInPeople).toBe(2);
    expect(summary.sessions.map((row) => [row.sessionId, row.inRoom, row.online, row.onlineNow])).toEqual([
      ['s1', 2, null, null],
      ['s2', 1, null, null],
    ]);
    expect(summary.sources).toEqual({ door: true, media: false, presence: false });
  });

  it('merges media attendance and presence when their sources are wired', () => {
    const summary = summariseAttendance(
      input({
        media: [
          { sessionId: 's1', personId: 'p1', minutes: 30 },
          { sessionId: 's1', personId: 'p3', minutes: 45 },
          { sessionId: 's1', personId: 'p3', minutes: 5 },
        ],
        presence: { total: 7, bySession: { s1: 4 } },
      }),
    );
    expect(summary.sessions[0]).toMatchObject({
      inRoom: 2,
      online: 2,
      both: 1,
      onlineMinutes: 80,
      onlineNow: 4,
    });
    expect(summary.sessions[1]).toMatchObject({ online: 0, both: 0, onlineMinutes: 0, onlineNow: 0 });
    expect(summary.onlineNow).toBe(7);
    expect(summary.sources).toEqual({ door: true, media: true, presence: true });
  });
});
