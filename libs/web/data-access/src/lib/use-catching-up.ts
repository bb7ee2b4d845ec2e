import { useQueryClient, type Query, type QueryClient } from '@tanstack/react-query';
import { useCallback, useSyncExternalStore } from 'react';
import { isOutageError } from './query-client';

/** Whether someone on the page waits for a query that failed for an outage and is being retried. */
function waitingOutOutage(query: Query): boolean {
  return (
    query.getObserversCount() > 0 &&
    query.state.fetchFailureCount > 0 &&
    isOutageError(query.state.fetchFailureReason)
  );
}

/** True while any query the page shows is being retried through an outage (see `shouldRetryQuery`). */
export function isCatchingUp(queryClient: QueryClient): boolean {
  return queryClient.getQueryCache().getAll().some(waitingOutOutage);
}

/**
 * True while the page waits out an API outage (503, no answer): the app shows a calm "catching up" notice instead
 * of error pages, and the queries retry with backoff until the API answers again.
 */
export function useCatchingUp(): boolean {
  const queryClient = useQueryClient();
  const subscribe = useCallback(
    (onChange: () => void) => queryClient.getQueryCache().subscribe(onChange),
    [queryClient],
  );
  return useSyncExternalStore(subscribe, () => isCatchingUp(queryClient));
}
