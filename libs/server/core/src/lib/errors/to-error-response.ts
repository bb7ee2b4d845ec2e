import { HttpException } from '@nestjs/common';
import type { ApiError, ErrorEnvelope } from '@plenary/contracts';
import { isAppException } from './app.exception';
import type { CoreErrorCode } from './core.exception';

export interface ErrorResponse {
  status: number;
  body: ErrorEnvelope;
  /** True when the error is ours to investigate (5xx): log it with its stack. */
  unexpected: boolean;
  /** Extra response headers, e.g. `Retry-After` for `core/rate-limited`. */
  headers: Record<string, string>;
}

function codeForStatus(status: number): CoreErrorCode {
  if (status === 400) return 'core/bad-request';
  if (status === 401) return 'core/unauthenticated';
  if (status === 403) return 'core/forbidden';
  if (status === 404) return 'core/not-found';
  if (status === 405) return 'core/method-not-allowed';
  if (status === 413) return 'core/payload-too-large';
  if (status === 415) return 'core/unsupported-media-type';
  if (status === 429) return 'core/rate-limited';
  if (status === 503) return 'core/unavailable';
  if (status >= 400 && status < 500) return 'core/bad-request';
  return 'internal/unexpected';
}

const SAFE_MESSAGES: Record<CoreErrorCode, string> = {
  'core/validation-failed': 'The request is not valid.',
  'core/bad-request': 'The request could not be understood.',
  'core/unauthenticated': 'Sign in to continue.',
  'core/forbidden': 'You are not allowed to do this.',
  'core/not-found': 'Nothing was found at this address.',
  'core/method-not-allowed': 'This method is not allowed here.',
  'core/payload-too-large': 'The request body is too large.',
  'core/unsupported-media-type': 'Send the request body as application/json.',
  'core/rate-limited': 'Too many requests. Try again shortly.',
  'core/unavailable': 'The service is temporarily unavailable.',
  'internal/unexpected': 'Something went wrong on our side. Quote the request id if you contact support.',
};

/** Status code of a framework error (Nest `HttpException` or a Fastify error with `statusCode`). */
function frameworkStatus(exception: unknown): number | undefined {
  if (exception instanceof HttpException) return exception.getStatus();
  if (typeof exception === 'object' && exception !== null && 'statusCode' in exception) {
    const status = exception.statusCode;
    if (typeof status === 'number' && status >= 400 && status < 600) return status;
  }
  return undefined;
}

/** Renders any thrown value as the project's error envelope. Unknown errors never leak their message. */
export function toErrorResponse(exception: unknown, requestId: string): ErrorResponse {
  if (isAppException(exception)) {
    const known = exception;
    const error: ApiError = { code: known.code, message: known.message, requestId };
    if (known.details !== undefined) error.details = known.details;
    const headers: Record<string, string> = { ...known.headers };
    const retryAfter = (known.details as { retryAfterSeconds?: unknown } | undefined)?.retryAfterSeconds;
    if (known.code === 'core/rate-limited' && typeof retryAfter === 'number')
      headers['retry-after'] = String(retryAfter);
    return { status: known.httpStatus, body: { error }, unexpected: known.httpStatus >= 500, headers };
  }
  const status = frameworkStatus(exception) ?? 500;
  const code = codeForStatus(status);
  return {
    status,
    body: { error: { code, message: SAFE_MESSAGES[code], requestId } },
    unexpected: status >= 500,
    headers: {},
  };
}
