import { eventListSchema } from '@plenary/contracts';
import type { EventList } from '@plenary/contracts';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiGet } from './api-client';
import type { ApiRequestOptions } from './api-client';
import { programmeQueryKeys } from './query-keys';

/** GET /api/events: every published event. */
export function getEvents(options: ApiRequestOptions = {}): Promise<EventList> {
  return apiGet('/events', eventListSchema, options);
}

export function eventsQueryOptions() {
  return queryOptions({
    queryKey: programmeQueryKeys.events(),
    queryFn: ({ signal }) => getEvents({ signal }),
  });
}

export function useEvents() {
  return useQuery(eventsQueryOptions());
}
