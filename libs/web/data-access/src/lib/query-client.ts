import { QueryClient } from '@tanstack/react-query';
import { ApiContractError, ApiRequestError } from './api-client';

const MAX_RETRIES = 2;

/** Retry only what may succeed next time: network failures and 5xx, never 4xx or a contract mismatch. */
export function shouldRetryQuery(failureCount: number, error: unknown): boolean {
  if (error instanceof ApiRequestError && error.isClientError) return false;
  if (error instanceof ApiContractError) return false;
  return failureCount < MAX_RETRIES;
}

/** The app's QueryClient: programme data stays fresh for a minute, 4xx answers are final. */
export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        staleTime: 60_000,
        gcTime: 10 * 60_000,
        retry: shouldRetryQuery,
      },
    },
  });
}
