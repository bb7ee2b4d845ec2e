import { outboxListSchema } from '@plenary/contracts';
import type { OutboxList } from '@plenary/contracts';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiGet } from './api-client';
import type { ApiRequestOptions } from './api-client';
import { accessQueryKeys } from './query-keys';

/** GET /api/dev/outbox (development only; 404 in production): the mails the platform would have sent. */
export function getOutbox(options: ApiRequestOptions = {}): Promise<OutboxList> {
  return apiGet('/dev/outbox', outboxListSchema, options);
}

export function outboxQueryOptions() {
  return queryOptions({
    queryKey: accessQueryKeys.outbox(),
    queryFn: ({ signal }) => getOutbox({ signal }),
    staleTime: 0,
  });
}

/** The outbox; polls while `poll` is set so new mails appear on their own. */
export function useOutbox({ poll = false }: { poll?: boolean } = {}) {
  return useQuery({ ...outboxQueryOptions(), refetchInterval: poll ? 3_000 : false });
}

/** Whether this server has a development outbox (answers 200): decides whether to link to the mailbox. */
export function useOutboxAvailable(): boolean {
  const query = useQuery({ ...outboxQueryOptions(), staleTime: 5 * 60_000, select: () => true });
  return query.data === true;
}
