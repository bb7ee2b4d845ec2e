import { toValidationIssues, type Ack } from '@plenary/contracts';
import { isAppException, toErrorResponse, type FailureLog } from '@plenary/server-core';
import type { z } from 'zod';

/**
 * Runs one socket event: validates the payload with its contract schema and turns the outcome — data or any
 * error — into an ack. A handler can never leave a client without an answer, nor crash the process. A dependency
 * outage (PostgreSQL, Redis) is the nack `core/unavailable` with `retryAfterSeconds`, logged once per kind per
 * interval by `failures`; any other unknown error is `internal/unexpected`, logged with its stack.
 */
export async function handleSocketEvent<S extends z.ZodType, T>(
  schema: S,
  payload: unknown,
  handler: (input: z.output<S>) => Promise<T> | T,
  failures: FailureLog,
  event = 'socket event',
): Promise<Ack<T>> {
  const parsed = schema.safeParse(payload);
  if (!parsed.success) {
    return {
      ok: false,
      error: {
        code: 'core/validation-failed',
        message: 'The payload is not valid.',
        details: toValidationIssues(parsed.error),
      },
    };
  }
  try {
    return { ok: true, data: await handler(parsed.data) };
  } catch (error) {
    if (isAppException(error)) {
      return { ok: false, error: { code: error.code, message: error.message, details: error.details } };
    }
    const { body, headers } = toErrorResponse(error, 'socket');
    failures.record(error, event);
    const retryAfter = headers['retry-after'];
    return {
      ok: false,
      error: {
        code: body.error.code,
        message: body.error.message,
        ...(retryAfter ? { details: { retryAfterSeconds: Number(retryAfter) } } : {}),
      },
    };
  }
}
