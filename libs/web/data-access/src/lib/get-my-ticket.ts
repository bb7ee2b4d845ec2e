import { ticketSchema } from '@plenary/contracts';
import type { Ticket } from '@plenary/contracts';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiGet } from './api-client';
import type { ApiRequestOptions } from './api-client';
import { personalQueryKeys } from './query-keys';

/**
 * GET /api/events/:slug/my/ticket: the signed-in person's ticket. Fails with 401 (signed out), 403
 * `registration/not-approved` or 404 `registration/not-registered`.
 */
export function getMyTicket(slug: string, options: ApiRequestOptions = {}): Promise<Ticket> {
  return apiGet(`/events/${encodeURIComponent(slug)}/my/ticket`, ticketSchema, options);
}

export function myTicketQueryOptions(slug: string) {
  return queryOptions({
    queryKey: personalQueryKeys.ticket(slug),
    queryFn: ({ signal }) => getMyTicket(slug, { signal }),
  });
}

/** The ticket; pass `enabled: false` while nobody is signed in. */
export function useMyTicket(slug: string, { enabled = true }: { enabled?: boolean } = {}) {
  return useQuery({ ...myTicketQueryOptions(slug), enabled });
}
