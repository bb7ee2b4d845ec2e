import { eventDetailSchema } from '@plenary/contracts';
import type { EventDetail } from '@plenary/contracts';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiGet } from './api-client';
import type { ApiRequestOptions } from './api-client';
import { programmeQueryKeys } from './query-keys';

/** GET /api/events/:slug: the event with its programme days and speakers. */
export function getEvent(slug: string, options: ApiRequestOptions = {}): Promise<EventDetail> {
  return apiGet(`/events/${encodeURIComponent(slug)}`, eventDetailSchema, options);
}

export function eventQueryOptions(slug: string) {
  return queryOptions({
    queryKey: programmeQueryKeys.event(slug),
    queryFn: ({ signal }) => getEvent(slug, { signal }),
  });
}

export function useEvent(slug: string) {
  return useQuery(eventQueryOptions(slug));
}
