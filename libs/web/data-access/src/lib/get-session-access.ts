import { sessionAccessSchema, type SessionAccess } from '@plenary/contracts';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiGet } from './api-client';
import type { ApiRequestOptions } from './api-client';
import { personalQueryKeys } from './query-keys';

export { sessionAccessSchema, type SessionAccess };

/**
 * GET /api/events/:slug/sessions/:sessionId/access: whether the signed-in person may follow the session live.
 * Fails with 401 `identity/unauthenticated`, 403 `registration/not-approved` or `registration/not-registered`.
 */
export function getSessionAccess(
  slug: string,
  sessionId: string,
  options: ApiRequestOptions = {},
): Promise<SessionAccess> {
  return apiGet(
    `/events/${encodeURIComponent(slug)}/sessions/${encodeURIComponent(sessionId)}/access`,
    sessionAccessSchema,
    options,
  );
}

export function sessionAccessQueryOptions(slug: string, sessionId: string) {
  return queryOptions({
    queryKey: personalQueryKeys.sessionAccess(slug, sessionId),
    queryFn: ({ signal }) => getSessionAccess(slug, sessionId, { signal }),
  });
}

export function useSessionAccess(slug: string, sessionId: string) {
  return useQuery(sessionAccessQueryOptions(slug, sessionId));
}
