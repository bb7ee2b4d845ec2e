import { meSchema } from '@plenary/contracts';
import type { Me, Membership } from '@plenary/contracts';
import { queryOptions, useQuery } from '@tanstack/react-query';
import type { QueryClient } from '@tanstack/react-query';
import { ApiRequestError, apiGet } from './api-client';
import type { ApiRequestOptions } from './api-client';
import { personalQueryKeys } from './query-keys';

/** GET /api/me: the signed-in person and their memberships; null when signed out (401). */
export async function getMe(options: ApiRequestOptions = {}): Promise<Me | null> {
  try {
    return await apiGet('/me', meSchema, options);
  } catch (error) {
    if (error instanceof ApiRequestError && error.status === 401) return null;
    throw error;
  }
}

export function meQueryOptions() {
  return queryOptions({
    queryKey: personalQueryKeys.me(),
    queryFn: ({ signal }) => getMe({ signal }),
  });
}

/** The signed-in person: `data` is null when signed out, undefined while loading. */
export function useMe() {
  return useQuery(meQueryOptions());
}

/** The person's membership of one event, if any. */
export function findMembership(me: Me | null | undefined, eventSlug: string): Membership | undefined {
  return me?.memberships.find((membership) => membership.eventSlug === eventSlug);
}

/**
 * After a sign-in or sign-out: stores who is signed in now and resets every query that depended on the
 * previous person (tickets, access, organiser data), so nothing of theirs is shown to the next.
 */
export async function replaceSignedInPerson(queryClient: QueryClient, me: Me | null): Promise<void> {
  queryClient.setQueryData(personalQueryKeys.me(), me);
  await queryClient.resetQueries({
    queryKey: personalQueryKeys.all(),
    predicate: (query) => query.queryKey.length > personalQueryKeys.me().length,
  });
}
