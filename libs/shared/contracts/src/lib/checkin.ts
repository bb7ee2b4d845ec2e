import { z } from 'zod';
import { attendanceSchema, registrationStatusSchema, roleSchema, ticketKeySchema } from './access';
import { entityIdSchema, eventSlugSchema } from './programme';

const isoDateTime = z.iso.datetime({ offset: true });
const isoDate = z.iso.date();
/** Short free text a person typed (device name, gate): no control characters. */
const label = (max: number) =>
  z
    .string()
    .trim()
    .min(1, 'is required')
    .max(max, `must be at most ${max} characters`)
    .refine(
      (value) => [...value].every((char) => char.charCodeAt(0) > 0x1f && char.charCodeAt(0) !== 0x7f),
      'must not contain control characters',
    );

// ---------------------------------------------------------------------------------------------------------------
// Verdicts and scans

/**
 * What the door shows: green `admitted`; yellow `already_checked_in` (with the first admission's time and gate);
 * red `invalid` (unreadable, forged or unknown), `revoked` (cancelled or reissued ticket), `not_approved`
 * (registration not approved) and `wrong_event` (a genuine ticket of another event).
 */
export const CHECKIN_VERDICTS = [
  'admitted',
  'already_checked_in',
  'invalid',
  'revoked',
  'not_approved',
  'wrong_event',
] as const;
export const checkinVerdictSchema = z.enum(CHECKIN_VERDICTS);
export type CheckinVerdict = z.infer<typeof checkinVerdictSchema>;

/** Why a scan is `invalid`. The payload's length is checked before anything is decoded. */
export const INVALID_REASONS = [
  'malformed',
  'oversized',
  'bad-signature',
  'unknown-ticket',
  'unknown-registration',
] as const;
export const invalidReasonSchema = z.enum(INVALID_REASONS);
export type InvalidReason = z.infer<typeof invalidReasonSchema>;

/** `online`: decided by the server as it happens. `offline`: decided on the device, uploaded later from its queue. */
export const SCAN_MODES = ['online', 'offline'] as const;
export const scanModeSchema = z.enum(SCAN_MODES);
export type ScanMode = z.infer<typeof scanModeSchema>;

/** `qr`: a scanned ticket. `manual`: staff found the person by search and admitted the registration. */
export const SCAN_METHODS = ['qr', 'manual'] as const;
export const scanMethodSchema = z.enum(SCAN_METHODS);
export type ScanMethod = z.infer<typeof scanMethodSchema>;

/** Most scans in one batch upload. */
export const CHECKIN_BATCH_MAX = 500;
/** Longest scanned text accepted on the wire. Anything past `TICKET_PAYLOAD_MAX` is `invalid` (oversized), unparsed. */
export const SCAN_INPUT_MAX = 16_384;
/** An admission can be undone by the device that made it for this long after the server received it. */
export const CHECKIN_UNDO_WINDOW_SECONDS = 120;

const scanFields = {
  /** Client-generated id of this scan: a retry with the same nonce returns the first verdict and records nothing. */
  nonce: z.uuid(),
  gate: label(40),
  /** Device clock at the scan. The server records its own receive time as well. */
  scannedAt: isoDateTime,
  mode: scanModeSchema,
  /** The scanned QR text (`PL1.…`). Exactly one of `payload` and `registrationId`. */
  payload: z.string().max(SCAN_INPUT_MAX).optional(),
  /** A manual admission of a registration found by search. */
  registrationId: entityIdSchema.optional(),
  /** Offline scans: what the device showed at the time (feeds the conflict report). */
  localVerdict: checkinVerdictSchema.optional(),
};

const oneTarget = (scan: { payload?: string | undefined; registrationId?: string | undefined }): boolean =>
  (scan.payload === undefined) !== (scan.registrationId === undefined);
const oneTargetMessage = { message: 'give exactly one of payload and registrationId', path: ['payload'] };

/** One scan inside a batch (the device is named once, by the batch). */
export const checkinScanSchema = z.object(scanFields).refine(oneTarget, oneTargetMessage);
export type CheckinScan = z.input<typeof checkinScanSchema>;

/** Body of `POST /events/:slug/checkins`: one scan. */
export const checkinRequestSchema = z
  .object({ deviceId: entityIdSchema, ...scanFields })
  .refine(oneTarget, oneTargetMessage);
export type CheckinRequest = z.input<typeof checkinRequestSchema>;

/** Body of `POST /events/:slug/checkins/batch`: a device's queue (offline uploads), answered scan by scan. */
export const checkinBatchRequestSchema = z.object({
  deviceId: entityIdSchema,
  scans: z.array(checkinScanSchema).min(1).max(CHECKIN_BATCH_MAX),
});
export type CheckinBatchRequest = z.input<typeof checkinBatchRequestSchema>;

/** The person behind a scanned ticket or a manual admission, as the verdict screen and the badge need them. */
export const checkinAttendeeSchema = z.object({
  registrationId: entityIdSchema,
  name: z.string(),
  organisation: z.string(),
  attendance: attendanceSchema,
  status: registrationStatusSchema,
  roles: z.array(roleSchema),
});
export type CheckinAttendee = z.infer<typeof checkinAttendeeSchema>;

/** The admission an `already_checked_in` verdict points at ("already checked in at 09:12 at gate B"). */
export const firstCheckinSchema = z.object({
  checkinId: entityIdSchema,
  at: isoDateTime,
  gate: z.string(),
  deviceName: z.string(),
});
export type FirstCheckin = z.infer<typeof firstCheckinSchema>;

export const checkinResultSchema = z.object({
  checkinId: entityIdSchema,
  nonce: z.uuid(),
  verdict: checkinVerdictSchema,
  reason: invalidReasonSchema.nullable(),
  /** True when this nonce had been recorded before: the verdict is the first one and nothing new was written. */
  replayed: z.boolean(),
  mode: scanModeSchema,
  method: scanMethodSchema,
  gate: z.string(),
  scannedAt: isoDateTime,
  receivedAt: isoDateTime,
  /** When the scan counts as having happened: the receive time online, the (never future) device time offline. */
  occurredAt: isoDateTime,
  /** Day of the event (its time zone) the scan counts for; admissions are one per registration and day. */
  day: isoDate,
  attendee: checkinAttendeeSchema.nullable(),
  firstCheckin: firstCheckinSchema.nullable(),
  /** Admissions only: until when the scanning device may undo it. */
  undoableUntil: isoDateTime.nullable(),
  undoneAt: isoDateTime.nullable(),
});
export type CheckinResult = z.infer<typeof checkinResultSchema>;

export const checkinBatchResultSchema = z.object({
  /** One result per scan, in the order of the request. */
  results: z.array(checkinResultSchema),
});
export type CheckinBatchResult = z.infer<typeof checkinBatchResultSchema>;

export const checkinParamsSchema = z.object({ slug: eventSlugSchema, checkinId: entityIdSchema });
export const undoCheckinRequestSchema = z.object({ deviceId: entityIdSchema });
export type UndoCheckinRequest = z.infer<typeof undoCheckinRequestSchema>;

// ---------------------------------------------------------------------------------------------------------------
// Devices

export const registerDeviceRequestSchema = z.object({ name: label(80) });
export type RegisterDeviceRequest = z.input<typeof registerDeviceRequestSchema>;

export const checkinDeviceSchema = z.object({
  id: entityIdSchema,
  name: z.string(),
  /** Staff member who registered it (null once that person's data was erased). */
  ownerName: z.string().nullable(),
  createdAt: isoDateTime,
  lastSeenAt: isoDateTime,
  revokedAt: isoDateTime.nullable(),
  scans: z.number().int(),
});
export type CheckinDevice = z.infer<typeof checkinDeviceSchema>;

export const checkinDeviceListSchema = z.object({ devices: z.array(checkinDeviceSchema) });
export type CheckinDeviceList = z.infer<typeof checkinDeviceListSchema>;

export const deviceParamsSchema = z.object({ slug: eventSlugSchema, deviceId: entityIdSchema });

// ---------------------------------------------------------------------------------------------------------------
// Search (staff, online)

export const checkinSearchQuerySchema = z.object({
  deviceId: entityIdSchema,
  /** Prefix of a name (any word), an organisation or an e-mail address; wildcards are taken literally. */
  q: label(100).pipe(z.string().min(3, 'must be at least 3 characters')),
  limit: z.coerce.number().int().min(1).max(50).default(20),
});
export type CheckinSearchQuery = z.input<typeof checkinSearchQuerySchema>;

export const checkinCandidateSchema = checkinAttendeeSchema.extend({
  /** `jo…@example.org`: enough to tell two namesakes apart without showing the address. */
  emailHint: z.string(),
  hasTicket: z.boolean(),
  /** Today's admission (event time zone), if any. */
  checkedIn: z.object({ checkinId: entityIdSchema, at: isoDateTime, gate: z.string() }).nullable(),
});
export type CheckinCandidate = z.infer<typeof checkinCandidateSchema>;

export const checkinSearchResultSchema = z.object({ candidates: z.array(checkinCandidateSchema) });
export type CheckinSearchResult = z.infer<typeof checkinSearchResultSchema>;

// ---------------------------------------------------------------------------------------------------------------
// Snapshot for offline devices

/** Opaque position in the event's changes; pass it back as `since` for an incremental refresh. */
export const snapshotCursorSchema = z.string().regex(/^v1\.\d{1,16}$/, 'is not a snapshot cursor');

export const snapshotQuerySchema = z.object({
  deviceId: entityIdSchema,
  since: snapshotCursorSchema.optional(),
});
export type SnapshotQuery = z.input<typeof snapshotQuerySchema>;

export const snapshotRegistrationSchema = checkinAttendeeSchema.extend({
  /** Active (unrevoked) tickets; a signed QR whose ticket id is neither here nor revoked is `invalid`. */
  ticketIds: z.array(entityIdSchema),
  /** Standing admissions (not undone), one per day. */
  admissions: z.array(z.object({ day: isoDate, at: isoDateTime, gate: z.string() })),
});
export type SnapshotRegistration = z.infer<typeof snapshotRegistrationSchema>;

export const checkinSnapshotSchema = z.object({
  eventId: entityIdSchema,
  eventSlug: eventSlugSchema,
  timeZone: z.string(),
  /** True: replace everything held. False: upsert `registrations`, delete `removedRegistrationIds`. */
  full: z.boolean(),
  cursor: snapshotCursorSchema,
  generatedAt: isoDateTime,
  ticketKey: ticketKeySchema,
  registrations: z.array(snapshotRegistrationSchema),
  removedRegistrationIds: z.array(entityIdSchema),
  /** Revoked tickets (all of them when full, those revoked since the cursor otherwise). */
  revokedTickets: z.array(
    z.object({ ticketId: entityIdSchema, registrationId: entityIdSchema, revokedAt: isoDateTime }),
  ),
});
export type CheckinSnapshot = z.infer<typeof checkinSnapshotSchema>;

// ---------------------------------------------------------------------------------------------------------------
// Conflict report (organiser)

/**
 * `duplicate_entry`: one registration let in on one day by two devices, at least one of them offline.
 * `revoked_before_scan`: an offline device let in a ticket that had been revoked before the scan.
 */
export const CONFLICT_KINDS = ['duplicate_entry', 'revoked_before_scan'] as const;
export const conflictKindSchema = z.enum(CONFLICT_KINDS);
export type ConflictKind = z.infer<typeof conflictKindSchema>;

export const conflictScanSchema = z.object({
  checkinId: entityIdSchema,
  deviceId: entityIdSchema,
  deviceName: z.string(),
  gate: z.string(),
  mode: scanModeSchema,
  verdict: checkinVerdictSchema,
  localVerdict: checkinVerdictSchema.nullable(),
  scannedAt: isoDateTime,
  receivedAt: isoDateTime,
});
export type ConflictScan = z.infer<typeof conflictScanSchema>;

export const checkinConflictSchema = z.object({
  kind: conflictKindSchema,
  day: isoDate,
  registrationId: entityIdSchema.nullable(),
  name: z.string().nullable(),
  organisation: z.string().nullable(),
  ticketId: entityIdSchema.nullable(),
  revokedAt: isoDateTime.nullable(),
  scans: z.array(conflictScanSchema),
});
export type CheckinConflict = z.infer<typeof checkinConflictSchema>;

export const conflictReportSchema = z.object({
  generatedAt: isoDateTime,
  conflicts: z.array(checkinConflictSchema),
});
export type ConflictReport = z.infer<typeof conflictReportSchema>;

// ---------------------------------------------------------------------------------------------------------------
// Attendance (organiser)

export const sessionAttendanceSchema = z.object({
  sessionId: entityIdSchema,
  title: z.string(),
  day: isoDate,
  startsAt: isoDateTime,
  endsAt: isoDateTime,
  room: z.string().nullable(),
  /** People checked in at the door on the session's day. */
  inRoom: z.number().int(),
  /** People who joined the session's video (null until a media source is wired). */
  online: z.number().int().nullable(),
  /** In the room that day and in the video: counted once, as both. */
  both: z.number().int().nullable(),
  /** Minutes watched online, summed over people (null until a media source is wired). */
  onlineMinutes: z.number().int().nullable(),
  /** Sockets open on the session now (null until the live service reports presence). */
  onlineNow: z.number().int().nullable(),
});
export type SessionAttendance = z.infer<typeof sessionAttendanceSchema>;

export const attendanceSummarySchema = z.object({
  eventId: entityIdSchema,
  generatedAt: isoDateTime,
  /** Approved registrations by attendance mode. */
  registered: z.object({ inPerson: z.number().int(), remote: z.number().int(), total: z.number().int() }),
  /** People admitted at the door, per event day; `remote` counts people registered remote who came anyway. */
  checkedIn: z.array(
    z.object({
      day: isoDate,
      total: z.number().int(),
      inPerson: z.number().int(),
      remote: z.number().int(),
    }),
  ),
  /** Distinct people admitted on any day. */
  checkedInPeople: z.number().int(),
  /** People connected to the event now (null until the live service reports presence). */
  onlineNow: z.number().int().nullable(),
  sessions: z.array(sessionAttendanceSchema),
  sources: z.object({ door: z.literal(true), media: z.boolean(), presence: z.boolean() }),
});
export type AttendanceSummary = z.infer<typeof attendanceSummarySchema>;

// Domain events of check-in: see `domain-events.ts` (`checkinDomainEventSchema`).
