import type { ErrorCode } from '@plenary/contracts';
import { AppException } from '@plenary/server-core';

export type AccessErrorCode = Extract<ErrorCode, `identity/${string}` | `registration/${string}`>;

/** Errors of the access context: identity (sign-in, sessions, roles) and registration (registrations, tickets). */
export class AccessException extends AppException<AccessErrorCode> {
  get httpStatus(): number {
    return accessErrorStatus(this.code);
  }
}

export function accessErrorStatus(code: AccessErrorCode): number {
  switch (code) {
    case 'identity/link-invalid':
    case 'identity/code-invalid':
    case 'registration/invalid-transition':
      return 400;
    case 'identity/unauthenticated':
      return 401;
    case 'identity/forbidden-origin':
    case 'identity/forbidden-role':
    case 'registration/not-approved':
      return 403;
    case 'identity/role-not-held':
    case 'registration/not-registered':
    case 'registration/not-found':
    case 'registration/ticket-not-found':
    case 'registration/import-not-found':
      return 404;
  }
}

export const unauthenticated = (): AccessException =>
  new AccessException('identity/unauthenticated', 'Sign in to continue.');
export const forbiddenRole = (): AccessException =>
  new AccessException('identity/forbidden-role', 'Your role for this event does not allow this.');
