import type { ErrorCode, ValidationIssue } from '@plenary/contracts';
import { AppException } from '@plenary/server-core';

export type ProgrammeErrorCode = Extract<ErrorCode, `programme/${string}`>;

export class ProgrammeException extends AppException<ProgrammeErrorCode> {
  get httpStatus(): number {
    return programmeErrorStatus(this.code);
  }

  override get headers(): Record<string, string> {
    const location = (this.details as { location?: unknown } | undefined)?.location;
    return this.code === 'programme/event-moved' && typeof location === 'string' ? { location } : {};
  }

  static eventNotFound(slug: string): ProgrammeException {
    return new ProgrammeException('programme/event-not-found', `No event has the slug "${slug}".`);
  }

  /** A read by a slug the event had before: `308` to `location` (the same path with the current slug). */
  static eventMoved(slug: string, location: string): ProgrammeException {
    return new ProgrammeException('programme/event-moved', `This event's address is now "${slug}".`, {
      slug,
      location,
    });
  }

  static sessionNotFound(): ProgrammeException {
    return new ProgrammeException('programme/session-not-found', 'This event has no such session.');
  }

  static roomNotFound(): ProgrammeException {
    return new ProgrammeException('programme/room-not-found', 'This event has no such room.');
  }

  static speakerNotFound(): ProgrammeException {
    return new ProgrammeException('programme/speaker-not-found', 'This event has no such speaker.');
  }

  static slugTaken(slug: string): ProgrammeException {
    return new ProgrammeException('programme/slug-taken', `The slug "${slug}" is taken by another event.`, {
      slug,
    });
  }

  static roomNameTaken(name: string): ProgrammeException {
    return new ProgrammeException('programme/room-name-taken', `This event already has a room "${name}".`, {
      name,
    });
  }

  static externalIdTaken(externalId: string): ProgrammeException {
    return new ProgrammeException(
      'programme/external-id-taken',
      `Another item of this event has the external id "${externalId}".`,
      { externalId },
    );
  }

  static outsideEvent(issues: ValidationIssue[]): ProgrammeException {
    return new ProgrammeException(
      'programme/outside-event',
      'The session must take place within the event’s dates.',
      issues,
    );
  }

  static invalidTransition(message: string, details?: unknown): ProgrammeException {
    return new ProgrammeException('programme/invalid-transition', message, details);
  }

  static preconditionRequired(): ProgrammeException {
    return new ProgrammeException(
      'programme/precondition-required',
      'Send If-Match with the version you edited (the ETag you read) so that no change is overwritten unseen.',
    );
  }

  /** Someone saved first: `details.current` is the resource as it is now. */
  static versionConflict(current: unknown): ProgrammeException {
    return new ProgrammeException(
      'programme/version-conflict',
      'Someone else changed this in the meantime. Review their version and apply your change again.',
      { current },
    );
  }

  static photoTooLarge(maxBytes: number): ProgrammeException {
    return new ProgrammeException(
      'programme/photo-too-large',
      `The photo is larger than ${Math.round(maxBytes / (1024 * 1024))} MB.`,
      { maxBytes },
    );
  }

  static photoUnsupportedType(): ProgrammeException {
    return new ProgrammeException(
      'programme/photo-unsupported-type',
      'The file is not a JPEG, PNG or WebP image.',
      { accepted: ['image/jpeg', 'image/png', 'image/webp'] },
    );
  }

  /** An image that cannot be used: corrupt, too small, or with more pixels than may be decoded (a bomb). */
  static photoUnreadable(message: string, details?: unknown): ProgrammeException {
    return new ProgrammeException('programme/photo-unreadable', message, details);
  }

  static sessionHasActivity(): ProgrammeException {
    return new ProgrammeException(
      'programme/session-has-activity',
      'This session has questions, polls or attendance: cancel it instead of deleting it.',
    );
  }
}

export function programmeErrorStatus(code: ProgrammeErrorCode): number {
  switch (code) {
    case 'programme/event-moved':
      return 308;
    case 'programme/outside-event':
      return 400;
    case 'programme/event-not-found':
    case 'programme/session-not-found':
    case 'programme/room-not-found':
    case 'programme/speaker-not-found':
      return 404;
    case 'programme/slug-taken':
    case 'programme/room-name-taken':
    case 'programme/external-id-taken':
    case 'programme/invalid-transition':
    case 'programme/session-has-activity':
      return 409;
    case 'programme/version-conflict':
      return 412;
    case 'programme/precondition-required':
      return 428;
    case 'programme/photo-too-large':
      return 413;
    case 'programme/photo-unsupported-type':
      return 415;
    case 'programme/photo-unreadable':
      return 422;
  }
}
