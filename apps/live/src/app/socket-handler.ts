import { toValidationIssues, type Ack } from '@plenary/contracts';
import { isAppException, toErrorResponse } from '@plenary/server-core';
import type { z } from 'zod';

/**
 * Runs one socket event: validates the payload with its contract schema and turns the outcome — data or any
 * error — into an ack. A handler can never leave a client without an answer, nor crash the process.
 */
export async function handleSocketEvent<S extends z.ZodType, T>(
  schema: S,
  payload: unknown,
  handler: (input: z.output<S>) => Promise<T> | T,
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
    const { body } = toErrorResponse(error, 'socket');
    return { ok: false, error: { code: body.error.code, message: body.error.message } };
  }
}
