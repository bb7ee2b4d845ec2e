import {
  describeSessionTimes,
  formatClockTime,
  formatDateRange,
  formatDayLabel,
  formatFullDate,
  formatZoneCity,
  formatZoneName,
  isSameWallClock,
  isValidTimeZone,
  toZonedDate,
} from './format-time';

const LOCALE = 'en-GB';
// 09:30–10:30 in Vienna on 19 October 2021 (CEST, UTC+2).
const SESSION = { startsAt: '2021-10-19T07:30:00Z', endsAt: '2021-10-19T08:30:00Z' };

describe('formatDateRange', () => {
  it('writes a range within one month as "19–20 October 2021"', () => {
    expect(formatDateRange('2021-10-19', '2021-10-20', LOCALE)).toBe('19–20 October 2021');
  });

  it('spells out both months of a range across months', () => {
    expect(formatDateRange('2021-10-29', '2021-11-02', LOCALE)).toMatch(
      /^29 October\s+–\s+2 November 2021$/u,
    );
  });

  it('writes a one-day event as one date', () => {
    expect(formatDateRange('2021-10-19', '2021-10-19', LOCALE)).toBe('19 October 2021');
  });

  it('formats calendar dates as dates, without a zone shifting them', () => {
    expect(formatDayLabel('2021-10-19', LOCALE)).toBe('Tuesday 19 October');
    expect(formatDayLabel('2021-10-20', LOCALE, 'short')).toBe('Wed 20 Oct');
    expect(formatFullDate('2021-10-20', LOCALE)).toBe('Wednesday, 20 October 2021');
  });
});

describe('times in a zone', () => {
  it('shows an instant on the clock of the given zone', () => {
    expect(formatClockTime(SESSION.startsAt, 'Europe/Vienna', LOCALE)).toBe('09:30');
    expect(formatClockTime(SESSION.startsAt, 'America/New_York', LOCALE)).toBe('03:30');
    expect(formatClockTime(SESSION.startsAt, 'Asia/Tokyo', LOCALE)).toBe('16:30');
  });

  it('names the zone as it is at that instant (summer and winter time)', () => {
    expect(formatZoneName('2021-10-19T07:30:00Z', 'Europe/Vienna', LOCALE)).toBe('CEST');
    expect(formatZoneName('2021-12-01T07:30:00Z', 'Europe/Vienna', LOCALE)).toBe('CET');
    expect(formatZoneName(SESSION.startsAt, 'America/New_York', LOCALE)).toBe('GMT-4');
  });

  it('finds the calendar day of an instant in a zone', () => {
    expect(toZonedDate('2021-10-19T22:30:00Z', 'Europe/Vienna')).toBe('2021-10-20');
    expect(toZonedDate('2021-10-19T22:30:00Z', 'UTC')).toBe('2021-10-19');
  });

  it('names a zone after its city', () => {
    expect(formatZoneCity('Europe/Vienna')).toBe('Vienna');
    expect(formatZoneCity('America/New_York')).toBe('New York');
    expect(formatZoneCity('UTC')).toBe('UTC');
  });

  it('compares wall clocks, not zone names', () => {
    expect(isSameWallClock(SESSION.startsAt, 'Europe/Vienna', 'Europe/Berlin')).toBe(true);
    expect(isSameWallClock(SESSION.startsAt, 'Europe/Vienna', 'Europe/London')).toBe(false);
    // In winter London matches Lisbon; Vienna does not match London in any season.
    expect(isSameWallClock('2021-12-01T07:30:00Z', 'Europe/London', 'Europe/Lisbon')).toBe(true);
  });

  it('tells valid IANA zones from invalid ones', () => {
    expect(isValidTimeZone('Europe/Vienna')).toBe(true);
    expect(isValidTimeZone('Mars/Olympus_Mons')).toBe(false);
  });
});

describe('describeSessionTimes', () => {
  it('gives only the event time when the viewer is in the event zone', () => {
    const times = describeSessionTimes(SESSION, 'Europe/Vienna', 'Europe/Vienna', LOCALE);

    expect(times.event).toEqual({
      timeZone: 'Europe/Vienna',
      date: '2021-10-19',
      start: '09:30',
      end: '10:30',
      zoneName: 'CEST',
    });
    expect(times.viewer).toBeNull();
  });

  it('omits the viewer time when another zone shows the same clock', () => {
    expect(describeSessionTimes(SESSION, 'Europe/Vienna', 'Europe/Paris', LOCALE).viewer).toBeNull();
  });

  it('adds the viewer time when the viewer is elsewhere', () => {
    const times = describeSessionTimes(SESSION, 'Europe/Vienna', 'America/New_York', LOCALE);

    expect(times.event).toMatchObject({ start: '09:30', end: '10:30', zoneName: 'CEST' });
    expect(times.viewer).toEqual({
      timeZone: 'America/New_York',
      date: '2021-10-19',
      start: '03:30',
      end: '04:30',
      zoneName: 'GMT-4',
    });
  });

  it('reports the viewer date when the session falls on another day there', () => {
    const late = { startsAt: '2021-10-19T16:00:00Z', endsAt: '2021-10-19T17:30:00Z' };

    const times = describeSessionTimes(late, 'Europe/Vienna', 'Asia/Tokyo', LOCALE);

    expect(times.event).toMatchObject({ date: '2021-10-19', start: '18:00', end: '19:30' });
    expect(times.viewer).toMatchObject({ date: '2021-10-20', start: '01:00', end: '02:30' });
  });
});
