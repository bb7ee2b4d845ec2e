import { HttpException } from '@nestjs/common';
import type { ApiError, ErrorEnvelope } from '@plenary/contracts';
import { isAppException } from './app.exception';
import type { CoreErrorCode } from './core.exception';
import {
  classifyInfrastructureFailure,
  UNAVAILABLE_RETRY_AFTER_SECONDS,
  type InfrastructureFailure,
} from './infrastructure-failure';

export interface ErrorResponse {
  status: number;
  body: ErrorEnvelope;
  /** True when the error is ours to investigate (5xx): log it with its stack. */
  unexpected: boolean;
  /** Extra response headers: `Retry-After` for `core/rate-limited` and `core/unavailable`. */
  headers: Record<string, string>;
  /** Set when a dependency was unavailable (PostgreSQL, Redis): a 503 to log as an outage, not as a bug. */
  failure?: InfrastructureFailure;
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
  'core/unavailable': 'Plenary is catching up. Try again in a few seconds.',
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

/** `Retry-After` for the codes that promise one: the seconds in `details.retryAfterSeconds`, else the default. */
function retryAfterHeader(code: string, details: unknown): Record<string, string> {
  const given = (details as { retryAfterSeconds?: unknown } | undefined)?.retryAfterSeconds;
  const seconds = typeof given === 'number' && given > 0 ? Math.ceil(given) : undefined;
  if (code === 'core/rate-limited' && seconds !== undefined) return { 'retry-after': String(seconds) };
  if (code === 'core/unavailable')
    return { 'retry-after': String(seconds ?? UNAVAILABLE_RETRY_AFTER_SECONDS) };
  return {};
}

/**
 * Renders any thrown value as the project's error envelope. Unknown errors never leak their message; a dependency
 * outage (PostgreSQL unreachable, restarting, overloaded, a statement timeout, Redis down) is `503 core/unavailable`
 * with `Retry-After`, never `500 internal/unexpected`.
 */
export function toErrorResponse(exception: unknown, requestId: string): ErrorResponse {
  if (isAppException(exception)) {
    const known = exception;
    const error: ApiError = { code: known.code, message: known.message, requestId };
    if (known.details !== undefined) error.details = known.details;
    return {
      status: known.httpStatus,
      body: { error },
      unexpected: known.httpStatus >= 500 && known.code !== 'core/unavailable',
      headers: { ...known.headers, ...retryAfterHeader(known.code, known.details) },
    };
  }
  const failure = classifyInfrastructureFailure(exception);
  if (failure) {
    return {
      status: 503,
      body: { error: { code: 'core/unavailable', message: SAFE_MESSAGES['core/unavailable'], requestId } },
      unexpected: false,
      headers: retryAfterHeader('core/unavailable', undefined),
      failure,
    };
  }
  const status = frameworkStatus(exception) ?? 500;
  const code = codeForStatus(status);
  return {
    status,
    body: { error: { code, message: SAFE_MESSAGES[code], requestId } },
    unexpected: status >= 500 && code !== 'core/unavailable',
    headers: retryAfterHeader(code, undefined),
  };
}
