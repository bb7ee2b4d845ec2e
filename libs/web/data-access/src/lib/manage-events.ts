import { eventOrganiserListSchema, managedEventListSchema, managedEventSchema } from '@plenary/contracts';
import type {
  AppointOrganiserRequest,
  CreateEventRequest,
  DuplicateEventRequest,
  EventOrganiserList,
  EventStatus,
  ManagedEvent,
  ManagedEventList,
  UpdateEventRequest,
} from '@plenary/contracts';
import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { QueryClient } from '@tanstack/react-query';
import { apiGet, apiRequest } from './api-client';
import type { ApiRequestOptions } from './api-client';
import { personalQueryKeys, programmeQueryKeys } from './query-keys';

// Running events from the console (issue #12, ADR 0017): the manageable list, create, edit with If-Match, status,
// duplicate and organisers. Every key starts with `me`: what a person may manage depends on who is signed in.

export const manageQueryKeys = {
  events: () => [...personalQueryKeys.all(), 'manage', 'events'] as const,
  event: (slug: string) => [...personalQueryKeys.organiser(slug), 'event'] as const,
  organisers: (slug: string) => [...personalQueryKeys.organiser(slug), 'organisers'] as const,
};

const eventPath = (slug: string) => `/events/${encodeURIComponent(slug)}`;

/** GET /api/manage/events: every event for administrators, their own for organisers, drafts included. */
export function getManagedEvents(options: ApiRequestOptions = {}): Promise<ManagedEventList> {
  return apiGet('/manage/events', managedEventListSchema, options);
}

export function managedEventsQueryOptions() {
  return queryOptions({
    queryKey: manageQueryKeys.events(),
    queryFn: ({ signal }) => getManagedEvents({ signal }),
  });
}

export function useManagedEvents(enabled = true) {
  return useQuery({ ...managedEventsQueryOptions(), enabled });
}

/** GET /api/manage/events/:slug: every field with its `version` (what `If-Match` names). */
export function getManagedEvent(slug: string, options: ApiRequestOptions = {}): Promise<ManagedEvent> {
  return apiGet(`/manage/events/${encodeURIComponent(slug)}`, managedEventSchema, options);
}

export function useManagedEvent(slug: string) {
  return useQuery({
    queryKey: manageQueryKeys.event(slug),
    queryFn: ({ signal }) => getManagedEvent(slug, { signal }),
  });
}

/** After a write: the console's copy becomes the answer; the lists and the public page are read again. */
async function afterEventWrite(queryClient: QueryClient, previousSlug: string, event: ManagedEvent) {
  queryClient.setQueryData(manageQueryKeys.event(event.slug), event);
  await Promise.all([
    queryClient.invalidateQueries({ queryKey: manageQueryKeys.events() }),
    queryClient.invalidateQueries({ queryKey: programmeQueryKeys.events(), exact: true }),
    queryClient.invalidateQueries({ queryKey: programmeQueryKeys.event(previousSlug) }),
    previousSlug === event.slug
      ? Promise.resolve()
      : queryClient.invalidateQueries({ queryKey: programmeQueryKeys.event(event.slug) }),
  ]);
}

/** POST /api/events (instance administrators): a new draft. */
export function createEvent(request: CreateEventRequest): Promise<ManagedEvent> {
  return apiRequest('POST', '/events', managedEventSchema, { body: request });
}

export function useCreateEvent() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createEvent,
    onSuccess: async (event) => {
      queryClient.setQueryData(manageQueryKeys.event(event.slug), event);
      await queryClient.invalidateQueries({ queryKey: manageQueryKeys.events() });
    },
  });
}

/**
 * PATCH /api/events/:slug with `If-Match: "<version>"`: the fields sent change. A stale version answers 412
 * `programme/version-conflict` with `details.current` (see `conflictCurrentEvent`).
 */
export function updateEvent(
  slug: string,
  version: number,
  changes: UpdateEventRequest,
): Promise<ManagedEvent> {
  return apiRequest('PATCH', eventPath(slug), managedEventSchema, {
    body: changes,
    headers: { 'If-Match': `"${version}"` },
  });
}

export function useUpdateEvent(slug: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ version, changes }: { version: number; changes: UpdateEventRequest }) =>
      updateEvent(slug, version, changes),
    onSuccess: (event) => afterEventWrite(queryClient, slug, event),
  });
}

/** The event as it is now, from a 412 `programme/version-conflict` answer; null for any other error. */
export function conflictCurrentEvent(error: unknown): ManagedEvent | null {
  if (typeof error !== 'object' || error === null) return null;
  const { code, details } = error as { code?: unknown; details?: unknown };
  if (code !== 'programme/version-conflict' || typeof details !== 'object' || details === null) return null;
  const parsed = managedEventSchema.safeParse((details as { current?: unknown }).current);
  return parsed.success ? parsed.data : null;
}

/** POST /api/events/:slug/status: publish, back to draft (refused once people registered), archive. */
export function changeEventStatus(slug: string, status: EventStatus): Promise<ManagedEvent> {
  return apiRequest('POST', `${eventPath(slug)}/status`, managedEventSchema, { body: { status } });
}

export function useChangeEventStatus(slug: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (status: EventStatus) => changeEventStatus(slug, status),
    onSuccess: (event) => afterEventWrite(queryClient, slug, event),
  });
}

/** POST /api/events/:slug/duplicate: a new draft edition with the programme shifted by whole days. */
export function duplicateEvent(slug: string, request: DuplicateEventRequest): Promise<ManagedEvent> {
  return apiRequest('POST', `${eventPath(slug)}/duplicate`, managedEventSchema, { body: request });
}

export function useDuplicateEvent(slug: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (request: DuplicateEventRequest) => duplicateEvent(slug, request),
    onSuccess: async (event) => {
      queryClient.setQueryData(manageQueryKeys.event(event.slug), event);
      await queryClient.invalidateQueries({ queryKey: manageQueryKeys.events() });
      // The person is an organiser of the new edition now: their memberships changed.
      await queryClient.invalidateQueries({ queryKey: personalQueryKeys.me(), exact: true });
    },
  });
}

/** GET /api/events/:slug/organisers. */
export function getEventOrganisers(
  slug: string,
  options: ApiRequestOptions = {},
): Promise<EventOrganiserList> {
  return apiGet(`${eventPath(slug)}/organisers`, eventOrganiserListSchema, options);
}

export function useEventOrganisers(slug: string) {
  return useQuery({
    queryKey: manageQueryKeys.organisers(slug),
    queryFn: ({ signal }) => getEventOrganisers(slug, { signal }),
  });
}

/** POST /api/events/:slug/organisers (instance administrators): appoints by e-mail, mails an invitation. */
export function appointOrganiser(
  slug: string,
  request: AppointOrganiserRequest,
): Promise<EventOrganiserList> {
  return apiRequest('POST', `${eventPath(slug)}/organisers`, eventOrganiserListSchema, { body: request });
}

export function useAppointOrganiser(slug: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (request: AppointOrganiserRequest) => appointOrganiser(slug, request),
    onSuccess: (list) => queryClient.setQueryData(manageQueryKeys.organisers(slug), list),
  });
}

/** DELETE /api/events/:slug/organisers/:personId (instance administrators). */
export function removeOrganiser(slug: string, personId: string): Promise<void> {
  return apiRequest('DELETE', `${eventPath(slug)}/organisers/${encodeURIComponent(personId)}`, null);
}

export function useRemoveOrganiser(slug: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (personId: string) => removeOrganiser(slug, personId),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: manageQueryKeys.organisers(slug) }),
  });
}
