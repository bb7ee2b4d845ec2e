import { attendanceRecords, summariseAttendance, type AttendanceInput } from './summarise-attendance';

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
  today: '2021-10-19',
  registered: { inPerson: 3, remote: 2 },
  admissions: [
    { day: '2021-10-19', personId: 'p1', attendance: 'in_person' },
    { day: '2021-10-19', personId: 'p2', attendance: 'remote' },
    { day: '2021-10-20', personId: 'p1', attendance: 'in_person' },
  ],
  sessions: [session('s1', '2021-10-19'), session('s2', '2021-10-20')],
  media: null,
  pages: null,
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
    expect(summary.joinedVideo).toBe(2);
    expect(summary.sources).toEqual({ door: true, media: true, presence: true });
  });

  it('counts page presence as online, once per person, with the longer of video and page minutes', () => {
    const summary = summariseAttendance(
      input({
        media: [{ sessionId: 's1', personId: 'p3', minutes: 20 }],
        pages: [
          { sessionId: 's1', personId: 'p3', minutes: 25 },
          { sessionId: 's1', personId: 'p2', minutes: 10 },
          { sessionId: 's1', personId: 'p4', minutes: 0 },
        ],
        presence: { total: 1, bySession: { s1: 1 } },
      }),
    );
    // p2 was admitted on the 19th (both); p3 and p4 online only; p1 in the room only.
    expect(summary.sessions[0]).toMatchObject({
      inRoom: 2,
      online: 3,
      both: 1,
      onlineMinutes: 35,
      onlineNow: 1,
    });
    expect(summary.joinedVideo).toBe(1);
  });

  it('makes one record per person and session: room, online or both', () => {
    const records = attendanceRecords(
      input({
        media: [{ sessionId: 's1', personId: 'p1', minutes: 12 }],
        pages: [{ sessionId: 's2', personId: 'p9', minutes: 3 }],
      }),
    );
    const byKey = Object.fromEntries(records.map((r) => [`${r.sessionId}/${r.personId}`, r]));
    expect(Object.keys(byKey).sort()).toEqual(['s1/p1', 's1/p2', 's2/p1', 's2/p9']);
    expect(byKey['s1/p1']).toMatchObject({ mode: 'both', videoMinutes: 12, pageMinutes: 0, minutes: 12 });
    expect(byKey['s1/p2']).toMatchObject({ mode: 'room', videoMinutes: 0, pageMinutes: 0, minutes: 0 });
    expect(byKey['s2/p9']).toMatchObject({ mode: 'online', videoMinutes: 0, pageMinutes: 3, minutes: 3 });
    expect(byKey['s2/p1']).toMatchObject({ mode: 'room' });
  });

  it('leaves the online columns null while no online source is wired', () => {
    const [record] = attendanceRecords(input());
    expect(record).toMatchObject({ mode: 'room', videoMinutes: null, pageMinutes: null, minutes: 0 });
    expect(summariseAttendance(input()).joinedVideo).toBeNull();
  });
});
