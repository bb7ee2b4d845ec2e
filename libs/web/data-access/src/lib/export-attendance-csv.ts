import { API_PREFIX } from '@plenary/contracts';

/**
 * GET /api/events/:slug/attendance.csv (organisers): one row per person per session (room, online or both, minutes)
 * as a CSV download. A plain link (`<a href download>`): the session cookie authenticates it.
 */
export function attendanceCsvUrl(slug: string): string {
  return `${API_PREFIX}/events/${encodeURIComponent(slug)}/attendance.csv`;
}
