import type { ErrorCode } from '@plenary/contracts';
import { AppException } from '@plenary/server-core';

export type CheckinErrorCode = Extract<ErrorCode, `checkin/${string}`>;

/** Errors of the check-in context. Verdicts (invalid, revoked, …) are answers, not errors. */
export class CheckinException extends AppException<CheckinErrorCode> {
  get httpStatus(): number {
    return checkinErrorStatus(this.code);
  }

  static deviceNotFound(): CheckinException {
    return new CheckinException(
      'checkin/device-not-found',
      'This device is not registered to you for this event. Register it again.',
    );
  }

  static deviceRevoked(): CheckinException {
    return new CheckinException('checkin/device-revoked', 'An organiser revoked this device.');
  }

  static checkinNotFound(): CheckinException {
    return new CheckinException('checkin/checkin-not-found', 'No such check-in at this event.');
  }
}

export function checkinErrorStatus(code: CheckinErrorCode): number {
  switch (code) {
    case 'checkin/device-revoked':
    case 'checkin/undo-not-allowed':
      return 403;
    case 'checkin/device-not-found':
    case 'checkin/checkin-not-found':
      return 404;
    case 'checkin/undo-window-passed':
      return 409;
  }
}
