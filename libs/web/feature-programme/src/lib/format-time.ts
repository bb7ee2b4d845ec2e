// Pure date and time formatting for the programme. Instants (ISO with offset) are shown in a given IANA
// time zone; calendar dates (yyyy-mm-dd) are shown as dates, independent of any zone.

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(locale: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${locale}|${JSON.stringify(options)}`;
  let cached = formatters.get(key);
  if (!cached) {
    cached = new Intl.DateTimeFormat(locale, options);
    formatters.set(key, cached);
  }
  return cached;
}

/** A calendar date as a Date at noon UTC, so formatting it in UTC can never shift the day. */
function calendarDate(date: string): Date {
  return new Date(`${date}T12:00:00Z`);
}

/** Whether `timeZone` is an IANA zone this runtime knows. */
export function isValidTimeZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone });
    return true;
  } catch {
    return false;
  }
}

/** The viewer's time zone as the runtime reports it (UTC when it reports none). */
export function getSystemTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}

/** "19–20 October 2021", "29 October – 2 November 2021" (en-GB): a range of calendar dates. */
export function formatDateRange(startDate: string, endDate: string, locale: string): string {
  const dates = formatter(locale, { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
  if (startDate === endDate) return dates.format(calendarDate(startDate));
  // A range of numbers takes a closed en dash ("19–20"), a range of words a spaced one.
  return dates
    .formatRange(calendarDate(startDate), calendarDate(endDate))
    .replace(/(\d)\s+–\s+(\d)/u, '$1–$2');
}

/** "Tuesday 19 October" (long) or "Tue 19 Oct" (short): a calendar date without the year. */
export function formatDayLabel(date: string, locale: string, style: 'long' | 'short' = 'long'): string {
  return formatter(locale, { weekday: style, day: 'numeric', month: style, timeZone: 'UTC' }).format(
    calendarDate(date),
  );
}

/** "Tuesday 19 October 2021": a calendar date in full. */
export function formatFullDate(date: string, locale: string): string {
  return formatter(locale, {
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  }).format(calendarDate(date));
}

/** "09:30": the wall-clock time of an instant in a time zone. */
export function formatClockTime(instant: string, timeZone: string, locale: string): string {
  return formatter(locale, { hour: '2-digit', minute: '2-digit', timeZone }).format(new Date(instant));
}

/** "CEST", "GMT-4", "UTC": the short name of a time zone at an instant (names differ in summer and winter). */
export function formatZoneName(instant: string, timeZone: string, locale: string): string {
  const parts = formatter(locale, { hour: 'numeric', timeZoneName: 'short', timeZone }).formatToParts(
    new Date(instant),
  );
  return parts.find((part) => part.type === 'timeZoneName')?.value ?? timeZone;
}

/** "Vienna", "New York": the place an IANA zone is named after ("UTC" stays "UTC"). */
export function formatZoneCity(timeZone: string): string {
  const last = timeZone.split('/').pop() ?? timeZone;
  return last.replace(/_/g, ' ');
}

/** The calendar day (yyyy-mm-dd) an instant falls on in a time zone. */
export function toZonedDate(instant: string, timeZone: string): string {
  const parts = formatter('en-US', {
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    timeZone,
  }).formatToParts(new Date(instant));
  const part = (type: Intl.DateTimeFormatPartTypes) =>
    parts.find((candidate) => candidate.type === type)?.value;
  return `${part('year')}-${part('month')}-${part('day')}`;
}

/** Whether clocks in the two zones show the same date and time at this instant (Berlin and Vienna do). */
export function isSameWallClock(instant: string, zoneA: string, zoneB: string): boolean {
  if (zoneA === zoneB) return true;
  const wallClock = (timeZone: string) =>
    formatter('en-US', {
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
      timeZone,
    }).format(new Date(instant));
  return wallClock(zoneA) === wallClock(zoneB);
}

/** A session's times as one zone shows them. */
export interface ZonedTimeRange {
  timeZone: string;
  /** Calendar day of the start in this zone (yyyy-mm-dd). */
  date: string;
  start: string;
  end: string;
  /** Short zone name at the start, e.g. "CEST". */
  zoneName: string;
}

export function toZonedTimeRange(
  startsAt: string,
  endsAt: string,
  timeZone: string,
  locale: string,
): ZonedTimeRange {
  return {
    timeZone,
    date: toZonedDate(startsAt, timeZone),
    start: formatClockTime(startsAt, timeZone, locale),
    end: formatClockTime(endsAt, timeZone, locale),
    zoneName: formatZoneName(startsAt, timeZone, locale),
  };
}

export interface SessionTimes {
  /** In the event's time zone: the programme's reference. */
  event: ZonedTimeRange;
  /** In the viewer's zone, only when its clocks differ from the event's at the session's start or end. */
  viewer: ZonedTimeRange | null;
}

/** The times to show for a session: the event's, and the viewer's when they differ. */
export function describeSessionTimes(
  session: { startsAt: string; endsAt: string },
  eventTimeZone: string,
  viewerTimeZone: string,
  locale: string,
): SessionTimes {
  const differs =
    !isSameWallClock(session.startsAt, eventTimeZone, viewerTimeZone) ||
    !isSameWallClock(session.endsAt, eventTimeZone, viewerTimeZone);
  return {
    event: toZonedTimeRange(session.startsAt, session.endsAt, eventTimeZone, locale),
    viewer: differs ? toZonedTimeRange(session.startsAt, session.endsAt, viewerTimeZone, locale) : null,
  };
}
