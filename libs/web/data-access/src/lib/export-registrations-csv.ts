import { API_PREFIX } from '@plenary/contracts';

/**
 * GET /api/events/:slug/registrations.csv (organisers): every registration of the event as a CSV download. A
 * plain link (`<a href download>`): the session cookie authenticates it.
 */
export function registrationsCsvUrl(slug: string): string {
  return `${API_PREFIX}/events/${encodeURIComponent(slug)}/registrations.csv`;
}
