import type { ErrorCode } from '@plenary/contracts';
import { AppException } from '@plenary/server-core';
import { LiveKitNotFound, LiveKitUnavailable } from './livekit/with-retries';

export type MediaErrorCode = Extract<ErrorCode, `media/${string}`>;

/** Errors of the media context: tokens, stage management, recording, LiveKit webhooks. */
export class MediaException extends AppException<MediaErrorCode> {
  get httpStatus(): number {
    return mediaErrorStatus(this.code);
  }
}

export function mediaErrorStatus(code: MediaErrorCode): number {
  switch (code) {
    case 'media/webhook-unauthorized':
      return 401;
    case 'media/not-approved':
    case 'media/session-not-open':
    case 'media/banned':
      return 403;
    case 'media/participant-not-found':
      return 404;
    case 'media/invalid-transition':
    case 'media/not-in-queue':
    case 'media/not-invited':
    case 'media/participant-not-connected':
    case 'media/protected-participant':
    case 'media/recording-unavailable':
    case 'media/recording-refused':
      return 409;
    case 'media/livekit-unavailable':
      return 502;
  }
}

/**
 * The coded error for a failed LiveKit call: `media/participant-not-connected` when LiveKit has no such
 * participant or track, `media/livekit-unavailable` (with the operation and attempts) when it kept failing.
 * Anything else is rethrown as is.
 */
export function liveKitFailure(error: unknown, details: Record<string, unknown> = {}): unknown {
  if (error instanceof LiveKitNotFound) {
    return new MediaException(
      'media/participant-not-connected',
      'This participant (or track) is not in the room right now.',
      { operation: error.operation, ...details },
    );
  }
  if (error instanceof LiveKitUnavailable) {
    return new MediaException(
      'media/livekit-unavailable',
      'The video server did not respond. Try again in a moment.',
      { operation: error.operation, attempts: error.attempts, ...details },
    );
  }
  return error;
}
