import { parkedMailsSchema } from '@plenary/contracts';
import type { ParkedMails } from '@plenary/contracts';
import { useQuery } from '@tanstack/react-query';
import { apiGet } from './api-client';
import { personalQueryKeys } from './query-keys';

/** GET /api/events/:slug/mail/parked (organisers): mails about the event that could not be delivered. */
export function getParkedMails(slug: string, signal?: AbortSignal): Promise<ParkedMails> {
  return apiGet(`/events/${encodeURIComponent(slug)}/mail/parked`, parkedMailsSchema, { signal });
}

export function useParkedMails(slug: string) {
  return useQuery({
    queryKey: personalQueryKeys.parkedMails(slug),
    queryFn: ({ signal }) => getParkedMails(slug, signal),
    refetchInterval: 60_000,
  });
}
