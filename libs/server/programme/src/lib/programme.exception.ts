import type { ErrorCode } from '@plenary/contracts';
import { AppException } from '@plenary/server-core';

export type ProgrammeErrorCode = Extract<ErrorCode, `programme/${string}`>;

export class ProgrammeException extends AppException<ProgrammeErrorCode> {
  get httpStatus(): number {
    return programmeErrorStatus(this.code);
  }

  static eventNotFound(slug: string): ProgrammeException {
    return new ProgrammeException('programme/event-not-found', `No event has the slug "${slug}".`);
  }

  static sessionNotFound(): ProgrammeException {
    return new ProgrammeException('programme/session-not-found', 'This event has no such session.');
  }
}

export function programmeErrorStatus(code: ProgrammeErrorCode): number {
  switch (code) {
    case 'programme/event-not-found':
    case 'programme/session-not-found':
      return 404;
  }
}
