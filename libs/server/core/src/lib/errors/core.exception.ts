import type { ErrorCode } from '@plenary/contracts';
import { AppException } from './app.exception';
import { UNAVAILABLE_RETRY_AFTER_SECONDS } from './infrastructure-failure';

export type CoreErrorCode = Extract<ErrorCode, `core/${string}` | `internal/${string}`>;

/** Errors of the platform itself: validation, routing, limits, availability. */
export class CoreException extends AppException<CoreErrorCode> {
  get httpStatus(): number {
    return coreErrorStatus(this.code);
  }
}

export function coreErrorStatus(code: CoreErrorCode): number {
  switch (code) {
    case 'core/validation-failed':
    case 'core/bad-request':
      return 400;
    case 'core/unauthenticated':
      return 401;
    case 'core/forbidden':
      return 403;
    case 'core/not-found':
      return 404;
    case 'core/method-not-allowed':
      return 405;
    case 'core/payload-too-large':
      return 413;
    case 'core/unsupported-media-type':
      return 415;
    case 'core/rate-limited':
      return 429;
    case 'core/unavailable':
      return 503;
    case 'internal/unexpected':
      return 500;
  }
}

/** `core/unavailable` raised on purpose (a write PostgreSQL did not take): 503 with `Retry-After`. */
export class ServiceUnavailableException extends CoreException {
  constructor(message: string, retryAfterSeconds = UNAVAILABLE_RETRY_AFTER_SECONDS) {
    super('core/unavailable', message, { retryAfterSeconds });
  }
}
