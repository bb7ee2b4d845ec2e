import type { ErrorCode } from '@plenary/contracts';
import { AppException } from '@plenary/server-core';

export type EngagementErrorCode = Extract<ErrorCode, `engagement/${string}`>;

/** Errors of the engagement context (Q&A and polls); socket acks carry them as they are. */
export class EngagementException extends AppException<EngagementErrorCode> {
  get httpStatus(): number {
    return engagementErrorStatus(this.code);
  }

  static questionNotFound(): EngagementException {
    return new EngagementException('engagement/question-not-found', 'No such question in this session.');
  }

  static pollNotFound(): EngagementException {
    return new EngagementException('engagement/poll-not-found', 'No such poll.');
  }

  static invalidTransition(from: string, action: string): EngagementException {
    return new EngagementException('engagement/invalid-transition', `Cannot ${action} when ${from}.`, {
      from,
      action,
    });
  }

  static ownQuestion(): EngagementException {
    return new EngagementException(
      'engagement/own-question',
      'You cannot upvote your own question: upvotes show what others want asked.',
    );
  }

  static idConflict(): EngagementException {
    return new EngagementException(
      'engagement/id-conflict',
      'This client id is already used by something else; generate a new one.',
    );
  }
}

export function engagementErrorStatus(code: EngagementErrorCode): number {
  switch (code) {
    case 'engagement/invalid-option':
    case 'engagement/anonymous-not-allowed':
      return 400;
    case 'engagement/not-author':
    case 'engagement/own-question':
      return 403;
    case 'engagement/question-not-found':
    case 'engagement/poll-not-found':
      return 404;
    case 'engagement/invalid-transition':
    case 'engagement/not-pending':
    case 'engagement/poll-not-open':
    case 'engagement/poll-closed':
    case 'engagement/already-voted':
    case 'engagement/id-conflict':
    case 'engagement/session-cancelled':
      return 409;
  }
}
