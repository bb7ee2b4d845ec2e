// Wall-clock arithmetic on the event's local times (`YYYY-MM-DDTHH:mm`, as the API takes them). The editor never
// converts to instants: the server owns the time zone (daylight saving included), so a move of 5 minutes is 5
// minutes on the clock of the event's zone.

const pad = (value: number) => String(value).padStart(2, '0');

/** Minutes since 1970-01-01T00:00 on the wall clock (no zone). */
export function localToMinutes(local: string): number {
  const [date = '', time = ''] = local.split('T');
  const [y = 0, m = 1, d = 1] = date.split('-').map(Number);
  const [hh = 0, mm = 0] = time.split(':').map(Number);
  return Date.UTC(y, m - 1, d, hh, mm) / 60_000;
}

export function minutesToLocal(minutes: number): string {
  const date = new Date(minutes * 60_000);
  return (
    `${date.getUTCFullYear()}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())}` +
    `T${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}`
  );
}

/** `local` moved by `minutes` on the wall clock. */
export function addMinutes(local: string, minutes: number): string {
  return minutesToLocal(localToMinutes(local) + minutes);
}

/** Minutes from `start` to `end`. */
export function minutesBetween(start: string, end: string): number {
  return localToMinutes(end) - localToMinutes(start);
}

/** Minutes after midnight of the local time's own day. */
export function minuteOfDay(local: string): number {
  const time = local.split('T')[1] ?? '00:00';
  const [hh = 0, mm = 0] = time.split(':').map(Number);
  return hh * 60 + mm;
}

export const datePart = (local: string): string => local.split('T')[0] ?? '';
export const timePart = (local: string): string => local.split('T')[1] ?? '';

/** Every calendar day from `start` to `end` (ISO dates, inclusive); at most 60. */
export function daysBetween(start: string, end: string): string[] {
  const days: string[] = [];
  let cursor = localToMinutes(`${start}T00:00`);
  const last = localToMinutes(`${end}T00:00`);
  while (cursor <= last && days.length < 60) {
    days.push(datePart(minutesToLocal(cursor)));
    cursor += 24 * 60;
  }
  return days;
}

/** A time as `HH:mm` from minutes after midnight (clamped to the day). */
export function formatMinuteOfDay(minutes: number): string {
  const clamped = Math.max(0, Math.min(24 * 60 - 1, minutes));
  return `${pad(Math.floor(clamped / 60))}:${pad(clamped % 60)}`;
}

/** Rounds to the nearest multiple of `step` minutes. */
export const snap = (minutes: number, step = 5): number => Math.round(minutes / step) * step;
