import { API_PREFIX } from '@plenary/contracts';

/**
 * GET /api/events/:slug/sessions/:sessionId/engagement/export.{csv,json} (moderators and organisers): the session's
 * questions (all but withdrawn ones) and every poll with its counts, as a download. A plain link (`<a href
 * download>`): the session cookie authenticates it.
 */
export function engagementExportUrl(slug: string, sessionId: string, format: 'csv' | 'json'): string {
  return `${API_PREFIX}/events/${encodeURIComponent(slug)}/sessions/${encodeURIComponent(sessionId)}/engagement/export.${format}`;
}
