import { checkinSearchResultSchema } from '@plenary/contracts';
import type { CheckinSearchResult } from '@plenary/contracts';
import { apiGet } from './api-client';
import type { ApiRequestOptions } from './api-client';
import { checkinPath } from './checkin-query-keys';

/** GET /api/events/:slug/checkins/search: people whose name, organisation or e-mail starts with `q` (≥ 3 characters). */
export function searchCheckinCandidates(
  slug: string,
  query: { deviceId: string; q: string; limit?: number },
  options: ApiRequestOptions = {},
): Promise<CheckinSearchResult> {
  const params = new URLSearchParams({ deviceId: query.deviceId, q: query.q });
  if (query.limit !== undefined) params.set('limit', String(query.limit));
  return apiGet(checkinPath(slug, `/search?${params.toString()}`), checkinSearchResultSchema, options);
}
