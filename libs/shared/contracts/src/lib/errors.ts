import { z } from 'zod';

/**
 * Every error code the platform can answer with, grouped by bounded context (`context/reason`).
 * The server maps each code to an HTTP status with an exhaustive switch; clients switch on the code.
 */
export const ERROR_CODES = [
  'core/validation-failed',
  'core/bad-request',
  'core/unauthenticated',
  'core/forbidden',
  'core/not-found',
  'core/method-not-allowed',
  'core/unsupported-media-type',
  'core/payload-too-large',
  'core/rate-limited',
  'core/unavailable',
  'internal/unexpected',
  'programme/event-not-found',
  'programme/session-not-found',
  'programme/room-not-found',
  'programme/speaker-not-found',
  'programme/event-moved',
  'programme/slug-taken',
  'programme/room-name-taken',
  'programme/external-id-taken',
  'programme/outside-event',
  'programme/invalid-transition',
  'programme/session-has-activity',
  'programme/precondition-required',
  'programme/version-conflict',
  'programme/photo-too-large',
  'programme/photo-unsupported-type',
  'programme/photo-unreadable',
  'identity/unauthenticated',
  'identity/link-invalid',
  'identity/code-invalid',
  'identity/forbidden-origin',
  'identity/forbidden-role',
  'identity/role-not-held',
  'registration/not-registered',
  'registration/not-approved',
  'registration/not-found',
  'registration/invalid-transition',
  'registration/ticket-not-found',
  'registration/import-not-found',
  'live/unknown-event',
  'media/not-approved',
  'media/session-not-open',
  'media/banned',
  'media/invalid-transition',
  'media/not-in-queue',
  'media/not-invited',
  'media/participant-not-found',
  'media/participant-not-connected',
  'media/protected-participant',
  'media/livekit-unavailable',
  'media/recording-unavailable',
  'media/recording-refused',
  'media/webhook-unauthorized',
  'checkin/device-not-found',
  'checkin/device-revoked',
  'checkin/checkin-not-found',
  'checkin/undo-not-allowed',
  'checkin/undo-window-passed',
  'engagement/question-not-found',
  'engagement/poll-not-found',
  'engagement/invalid-transition',
  'engagement/not-author',
  'engagement/own-question',
  'engagement/not-pending',
  'engagement/anonymous-not-allowed',
  'engagement/poll-not-open',
  'engagement/poll-closed',
  'engagement/already-voted',
  'engagement/invalid-option',
  'engagement/id-conflict',
  'engagement/session-cancelled',
] as const;

export const errorCodeSchema = z.enum(ERROR_CODES);
export type ErrorCode = z.infer<typeof errorCodeSchema>;

export const apiErrorSchema = z.object({
  code: errorCodeSchema,
  message: z.string(),
  details: z.unknown().optional(),
  requestId: z.string(),
});
export type ApiError = z.infer<typeof apiErrorSchema>;

/** The one error envelope every REST endpoint answers with on failure. */
export const errorEnvelopeSchema = z.object({ error: apiErrorSchema });
export type ErrorEnvelope = z.infer<typeof errorEnvelopeSchema>;

/** One issue in `details` of a `core/validation-failed` error. */
export interface ValidationIssue {
  path: string;
  message: string;
}

/** Turns zod issues into the `details` carried by `core/validation-failed`. */
export function toValidationIssues(error: z.ZodError): ValidationIssue[] {
  return error.issues.map((issue) => ({
    path: issue.path.map(String).join('.'),
    message: issue.message,
  }));
}
