import { sessionSchema } from '@plenary/contracts';
import type { EventDetail, Session } from '@plenary/contracts';
import { queryOptions, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiGet } from './api-client';
import type { ApiRequestOptions } from './api-client';
import { programmeQueryKeys } from './query-keys';

/** GET /api/events/:slug/sessions/:sessionId: one session with its speakers. */
export function getSession(
  slug: string,
  sessionId: string,
  options: ApiRequestOptions = {},
): Promise<Session> {
  return apiGet(
    `/events/${encodeURIComponent(slug)}/sessions/${encodeURIComponent(sessionId)}`,
    sessionSchema,
    options,
  );
}

export function sessionQueryOptions(slug: string, sessionId: string) {
  return queryOptions({
    queryKey: programmeQueryKeys.session(slug, sessionId),
    queryFn: ({ signal }) => getSession(slug, sessionId, { signal }),
  });
}

/** The session; while it loads, shows the copy already cached with the event's programme, if any. */
export function useSession(slug: string, sessionId: string) {
  const queryClient = useQueryClient();
  return useQuery({
    ...sessionQueryOptions(slug, sessionId),
    placeholderData: () =>
      findSession(queryClient.getQueryData<EventDetail>(programmeQueryKeys.event(slug)), sessionId),
  });
}

function findSession(event: EventDetail | undefined, sessionId: string): Session | undefined {
  for (const day of event?.days ?? []) {
    const session = day.sessions.find((candidate) => candidate.id === sessionId);
    if (session) return session;
  }
  return undefined;
}
