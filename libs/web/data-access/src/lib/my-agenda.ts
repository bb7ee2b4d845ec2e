import { agendaFeedSchema, myAgendaSchema, sessionStarSchema } from '@plenary/contracts';
import type { AgendaFeed, EventDetail, MyAgenda, Session } from '@plenary/contracts';
import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiGet, apiRequest } from './api-client';
import type { ApiRequestOptions } from './api-client';
import { programmeQueryKeys } from './query-keys';

/** Under `me`, so a sign-in or sign-out resets it with everything else personal. */
export const agendaQueryKeys = {
  agenda: (slug: string) => ['me', 'events', slug, 'agenda'] as const,
};

const eventPath = (slug: string): string => `/events/${encodeURIComponent(slug)}`;

/** API path of the public programme as iCalendar (for "Add to calendar" links). */
export const eventCalendarPath = (slug: string): string => `/api${eventPath(slug)}/calendar.ics`;
/** API path of one session as iCalendar. */
export const sessionCalendarPath = (slug: string, sessionId: string): string =>
  `/api${eventPath(slug)}/sessions/${encodeURIComponent(sessionId)}/calendar.ics`;

/**
 * GET /api/events/:slug/my/agenda: the sessions I starred. Fails with 401 (signed out) or 404/403 from access
 * (`registration/not-registered`, `registration/not-approved`) for people who may not keep an agenda.
 */
export function getMyAgenda(slug: string, options: ApiRequestOptions = {}): Promise<MyAgenda> {
  return apiGet(`${eventPath(slug)}/my/agenda`, myAgendaSchema, options);
}

export function myAgendaQueryOptions(slug: string) {
  return queryOptions({
    queryKey: agendaQueryKeys.agenda(slug),
    queryFn: ({ signal }) => getMyAgenda(slug, { signal }),
    // A refusal (not registered) will not change by asking again.
    retry: false,
  });
}

/** My agenda; pass `enabled: false` while nobody is signed in. */
export function useMyAgenda(slug: string, { enabled = true }: { enabled?: boolean } = {}) {
  return useQuery({ ...myAgendaQueryOptions(slug), enabled });
}

/** PUT or DELETE /api/events/:slug/sessions/:id/star. */
export function setSessionStar(slug: string, sessionId: string, starred: boolean) {
  return apiRequest(
    starred ? 'PUT' : 'DELETE',
    `${eventPath(slug)}/sessions/${encodeURIComponent(sessionId)}/star`,
    sessionStarSchema,
  );
}

function findSession(event: EventDetail | undefined, sessionId: string): Session | undefined {
  for (const day of event?.days ?? []) {
    const session = day.sessions.find((candidate) => candidate.id === sessionId);
    if (session) return session;
  }
  return undefined;
}

/**
 * Stars or unstars a session, showing the change at once (optimistic) and putting the agenda back if the server
 * refuses. The agenda is read again afterwards.
 */
export function useSetSessionStar(slug: string) {
  const queryClient = useQueryClient();
  const key = agendaQueryKeys.agenda(slug);
  return useMutation({
    mutationFn: ({ session, starred }: { session: Session; starred: boolean }) =>
      setSessionStar(slug, session.id, starred),
    onMutate: async ({ session, starred }) => {
      await queryClient.cancelQueries({ queryKey: key });
      const previous = queryClient.getQueryData<MyAgenda>(key);
      if (previous) {
        const others = previous.sessions.filter((candidate) => candidate.id !== session.id);
        const full =
          findSession(queryClient.getQueryData<EventDetail>(programmeQueryKeys.event(slug)), session.id) ??
          session;
        const sessions = starred
          ? [...others, full].sort(
              (a, b) => a.startsAt.localeCompare(b.startsAt) || a.title.localeCompare(b.title),
            )
          : others;
        queryClient.setQueryData<MyAgenda>(key, { ...previous, sessions });
      }
      return { previous };
    },
    onError: (_error, _variables, context) => {
      if (context?.previous) queryClient.setQueryData(key, context.previous);
    },
    onSettled: () => queryClient.invalidateQueries({ queryKey: key }),
  });
}

/** POST /api/events/:slug/my/agenda/feed: a new private feed address (the previous one stops working). */
export function createAgendaFeed(slug: string): Promise<AgendaFeed> {
  return apiRequest('POST', `${eventPath(slug)}/my/agenda/feed`, agendaFeedSchema);
}

/** DELETE /api/events/:slug/my/agenda/feed: turns the feed off. */
export function revokeAgendaFeed(slug: string): Promise<void> {
  return apiRequest('DELETE', `${eventPath(slug)}/my/agenda/feed`, null);
}

export function useCreateAgendaFeed(slug: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => createAgendaFeed(slug),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: agendaQueryKeys.agenda(slug) }),
  });
}

export function useRevokeAgendaFeed(slug: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => revokeAgendaFeed(slug),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: agendaQueryKeys.agenda(slug) }),
  });
}
