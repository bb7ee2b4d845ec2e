import { QueryClient } from '@tanstack/react-query';
import { ApiContractError, ApiNetworkError, ApiRequestError } from './api-client';
import { jitteredBackoff } from './backoff';
import { LiveAckError } from './live-socket';

const MAX_RETRIES = 2;
/** The longest wait between two attempts while the API is away. */
export const MAX_RETRY_DELAY_MS = 30_000;
/** Attempts of an idempotent mutation while the API is away, after the first. */
const IDEMPOTENT_MUTATION_RETRIES = 3;

/**
 * The API or the way to it is away for a while: no answer at all, `core/unavailable` (503 with `Retry-After`, or the
 * live service's nack), or a gateway's 502/504. Worth waiting for calmly and retrying; not an error to show.
 */
export function isOutageError(error: unknown): error is ApiNetworkError | ApiRequestError | LiveAckError {
  if (error instanceof ApiNetworkError) return true;
  if (error instanceof LiveAckError) return error.code === 'core/unavailable';
  return (
    error instanceof ApiRequestError &&
    (error.code === 'core/unavailable' ||
      error.status === 502 ||
      error.status === 503 ||
      error.status === 504)
  );
}

/**
 * Retry only what may succeed next time: an outage until it ends (TanStack Query pauses retries while the page is
 * hidden or the browser offline), other network failures and 5xx twice, never 4xx or a contract mismatch.
 */
export function shouldRetryQuery(failureCount: number, error: unknown): boolean {
  if (isOutageError(error)) return true;
  if (error instanceof ApiRequestError && error.isClientError) return false;
  if (error instanceof ApiContractError) return false;
  return failureCount < MAX_RETRIES;
}

/**
 * The wait before attempt `failureCount + 1`: exponential from 1 s with jitter, never sooner than the server's
 * `Retry-After` (spread by up to half of it, so waiting clients do not return together), at most 30 s.
 */
export function retryDelay(failureCount: number, error: unknown, random: () => number = Math.random): number {
  const backoff = jitteredBackoff(failureCount, { baseMs: 1000, maxMs: MAX_RETRY_DELAY_MS, random });
  const retryAfterSeconds = error instanceof ApiRequestError ? error.retryAfterSeconds : null;
  const retryAfterMs = retryAfterSeconds ? retryAfterSeconds * 1000 * (1 + 0.5 * random()) : 0;
  return Math.round(Math.min(MAX_RETRY_DELAY_MS, Math.max(backoff, retryAfterMs)));
}

/**
 * Retry options for a mutation that may safely run twice (PUT, DELETE, sign-out): a few attempts through an outage.
 * Other mutations are never retried on their own: the person sees the answer and decides.
 */
export const idempotentMutationRetry = {
  retry: (failureCount: number, error: Error): boolean =>
    isOutageError(error) && failureCount < IDEMPOTENT_MUTATION_RETRIES,
  retryDelay: (failureCount: number, error: Error): number => retryDelay(failureCount, error),
};

/**
 * The app's QueryClient: programme data stays fresh for a minute, 4xx answers are final, an outage is waited out
 * with backoff (see `useCatchingUp`), and mutations are not retried unless they opt in.
 */
export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        staleTime: 60_000,
        gcTime: 10 * 60_000,
        retry: shouldRetryQuery,
        retryDelay,
      },
      mutations: { retry: false },
    },
  });
}
