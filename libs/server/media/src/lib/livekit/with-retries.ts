import { ServerError } from 'livekit-server-sdk';

export interface RetryPolicy {
  /** Attempts in all, the first included. */
  attempts: number;
  /** Wait before the second attempt; doubled before each further one. */
  baseDelayMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = { attempts: 3, baseDelayMs: 150 };

/** LiveKit answered, and the participant, track, room or egress it was asked about does not exist. */
export class LiveKitNotFound extends Error {
  constructor(readonly operation: string) {
    super(`${operation}: not found`);
    this.name = 'LiveKitNotFound';
  }
}

/** LiveKit could not be reached or kept failing after the retries (or refused our credentials). */
export class LiveKitUnavailable extends Error {
  constructor(
    readonly operation: string,
    readonly attempts: number,
    readonly status: number | null,
    cause: unknown,
  ) {
    super(`${operation} failed after ${attempts} attempt(s)${status ? ` (HTTP ${status})` : ''}`, { cause });
    this.name = 'LiveKitUnavailable';
  }
}

const statusOf = (error: unknown): number | null => (error instanceof ServerError ? error.status : null);

/** Transport errors, timeouts, 5xx and 429 are worth another attempt; other answers are final. */
export function isRetryable(error: unknown): boolean {
  const status = statusOf(error);
  return status === null || status >= 500 || status === 429;
}

function isNotFound(error: unknown): boolean {
  return error instanceof ServerError && (error.status === 404 || error.code === 'not_found');
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Runs a LiveKit call with bounded retries and exponential backoff. Resolves with its result, or rejects with
 * `LiveKitNotFound` (a definite "no such thing") or `LiveKitUnavailable` (never a raw SDK error).
 */
export async function withRetries<T>(
  operation: string,
  call: () => Promise<T>,
  policy: RetryPolicy = DEFAULT_RETRY_POLICY,
  onFailure: (attempt: number, error: unknown) => void = () => undefined,
): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await call();
    } catch (error) {
      if (isNotFound(error)) throw new LiveKitNotFound(operation);
      onFailure(attempt, error);
      if (!isRetryable(error) || attempt >= policy.attempts) {
        throw new LiveKitUnavailable(operation, attempt, statusOf(error), error);
      }
      await sleep(policy.baseDelayMs * 2 ** (attempt - 1));
    }
  }
}
