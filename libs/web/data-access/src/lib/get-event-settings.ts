import { eventSettingsSchema } from '@plenary/contracts';
import type { EventSettings } from '@plenary/contracts';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiGet } from './api-client';
import type { ApiRequestOptions } from './api-client';
import { personalQueryKeys } from './query-keys';

/** GET /api/events/:slug/settings (organisers): approval mode and in-person capacity. */
export function getEventSettings(slug: string, options: ApiRequestOptions = {}): Promise<EventSettings> {
  return apiGet(`/events/${encodeURIComponent(slug)}/settings`, eventSettingsSchema, options);
}

export function eventSettingsQueryOptions(slug: string) {
  return queryOptions({
    queryKey: personalQueryKeys.settings(slug),
    queryFn: ({ signal }) => getEventSettings(slug, { signal }),
  });
}

export function useEventSettings(slug: string) {
  return useQuery(eventSettingsQueryOptions(slug));
}
