import { ticketKeySchema } from '@plenary/contracts';
import type { TicketKey } from '@plenary/contracts';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiGet } from './api-client';
import type { ApiRequestOptions } from './api-client';
import { accessQueryKeys } from './query-keys';

/** GET /api/events/:slug/ticket-key: the public key that verifies the event's ticket QR codes (public). */
export function getTicketKey(slug: string, options: ApiRequestOptions = {}): Promise<TicketKey> {
  return apiGet(`/events/${encodeURIComponent(slug)}/ticket-key`, ticketKeySchema, options);
}

export function ticketKeyQueryOptions(slug: string) {
  return queryOptions({
    queryKey: accessQueryKeys.ticketKey(slug),
    queryFn: ({ signal }) => getTicketKey(slug, { signal }),
    staleTime: Infinity,
  });
}

export function useTicketKey(slug: string) {
  return useQuery(ticketKeyQueryOptions(slug));
}
