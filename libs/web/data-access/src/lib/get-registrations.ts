import { registrationListSchema } from '@plenary/contracts';
import type { RegistrationList, RegistrationListQuery } from '@plenary/contracts';
import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { apiGet } from './api-client';
import type { ApiRequestOptions } from './api-client';
import { personalQueryKeys } from './query-keys';

/** The query string of a registration list request; empty values are left out. */
export function toRegistrationSearchParams(query: RegistrationListQuery): URLSearchParams {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query) as [string, string | number | undefined][]) {
    if (value === undefined || value === '') continue;
    params.set(key, String(value));
  }
  return params;
}

/** GET /api/events/:slug/registrations (organisers): one page of registrations, the total and counts per status. */
export function getRegistrations(
  slug: string,
  query: RegistrationListQuery,
  options: ApiRequestOptions = {},
): Promise<RegistrationList> {
  const search = toRegistrationSearchParams(query).toString();
  return apiGet(
    `/events/${encodeURIComponent(slug)}/registrations${search ? `?${search}` : ''}`,
    registrationListSchema,
    options,
  );
}

export function registrationsQueryOptions(slug: string, query: RegistrationListQuery) {
  return queryOptions({
    queryKey: personalQueryKeys.registrations(slug, query),
    queryFn: ({ signal }) => getRegistrations(slug, query, { signal }),
    staleTime: 10_000,
  });
}

/** A page of registrations; keeps showing the previous page while the next one loads. */
export function useRegistrations(slug: string, query: RegistrationListQuery) {
  return useQuery({ ...registrationsQueryOptions(slug, query), placeholderData: keepPreviousData });
}
