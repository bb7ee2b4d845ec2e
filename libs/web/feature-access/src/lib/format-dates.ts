/** A calendar date (yyyy-mm-dd) as a Date at noon UTC, so formatting it in UTC never shifts the day. */
function calendarDate(date: string): Date {
  return new Date(`${date}T12:00:00Z`);
}

/** "19–20 October 2021": an event's calendar dates as one range. */
export function formatDateRange(startDate: string, endDate: string, locale: string): string {
  const format = new Intl.DateTimeFormat(locale, {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  });
  if (startDate === endDate) return format.format(calendarDate(startDate));
  // As on the programme pages: a range of numbers takes a closed en dash ("19–20").
  return format
    .formatRange(calendarDate(startDate), calendarDate(endDate))
    .replace(/(\d)\s+–\s+(\d)/u, '$1–$2');
}

/** "19 Oct 2021, 09:30": an instant in the viewer's time zone. */
export function formatDateTime(instant: string, locale: string): string {
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(
    new Date(instant),
  );
}
