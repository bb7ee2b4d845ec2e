import type { Session } from '@plenary/contracts';
import { dayInTimeZone, groupByDay } from './programme.mapper';

describe(dayInTimeZone.name, () => {
  it('gives the calendar day in the event time zone, not in UTC', () => {
    const lateEveningUtc = new Date('2021-10-19T22:30:00Z');
    expect(dayInTimeZone(lateEveningUtc, 'Europe/Vienna')).toBe('2021-10-20');
    expect(dayInTimeZone(lateEveningUtc, 'America/New_York')).toBe('2021-10-19');
  });
});

describe(groupByDay.name, () => {
  it('keeps sessions in order under their day', () => {
    const session = (id: string, day: string) => ({ id, day }) as Session;
    const days = groupByDay([
      session('a', '2021-10-19'),
      session('b', '2021-10-19'),
      session('c', '2021-10-20'),
    ]);
    expect(days.map((d) => [d.date, d.sessions.map((s) => s.id)])).toEqual([
      ['2021-10-19', ['a', 'b']],
      ['2021-10-20', ['c']],
    ]);
  });
});
