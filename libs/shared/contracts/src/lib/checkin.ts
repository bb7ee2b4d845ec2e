import { z } from 'zod';
import { attendanceSchema, registrationStatusSchema, roleSchema, ticketKeySchema } from './access';
import { entityIdSchema, eventSlugSchema } from './programme';
import { humanText } from './text';

const isoDateTime = z.iso.datetime({ offset: true });
const isoDate = z.iso.date();
/** Short free text a person typed (device name, gate, search): the shared one-line rule. */
const label = humanText;

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
  /**
   * People who followed the session online: joined its video, or had its page open (stream, Q&A, polls). Null
   * while neither the media nor the presence source is wired.
   */
  online: z.number().int().nullable(),
  /** In the room that day and online in the session: counted once, as both. */
  both: z.number().int().nullable(),
  /** Minutes online, summed over people (per person the longer of video and page time). */
  onlineMinutes: z.number().int().nullable(),
  /** People with the session open now, on any live node (null until the live service reports presence). */
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
  /** Today in the event's time zone (look it up in `checkedIn` for "checked in today"). */
  today: isoDate,
  /** People with any session of the event open now, on any live node (null until presence is wired). */
  onlineNow: z.number().int().nullable(),
  /** Distinct people who joined any session's video (null until the media source is wired). */
  joinedVideo: z.number().int().nullable(),
  sessions: z.array(sessionAttendanceSchema),
  sources: z.object({ door: z.literal(true), media: z.boolean(), presence: z.boolean() }),
});
export type AttendanceSummary = z.infer<typeof attendanceSummarySchema>;

/** How a person attended a session: in the room (door check-in that day), online, or both. */
export const SESSION_ATTENDANCE_MODES = ['room', 'online', 'both'] as const;
export const attendanceModeSchema = z.enum(SESSION_ATTENDANCE_MODES);
export type AttendanceMode = z.infer<typeof attendanceModeSchema>;

/** One person in one session, across the room and online. */
export const attendanceRecordSchema = z.object({
  sessionId: entityIdSchema,
  sessionTitle: z.string(),
  day: isoDate,
  personId: entityIdSchema,
  /** Null once the person was erased (their attendance stays as a pseudonymous count). */
  name: z.string().nullable(),
  organisation: z.string().nullable(),
  /** How they registered (null without a registration, e.g. staff or speakers). */
  registered: attendanceSchema.nullable(),
  mode: attendanceModeSchema,
  /** Minutes in the session's video (null until the media source is wired). */
  videoMinutes: z.number().int().nullable(),
  /** Minutes with the session's page open (null until presence is wired). */
  pageMinutes: z.number().int().nullable(),
  /** Minutes online: the longer of the two (they mostly overlap); 0 for the room only. */
  minutes: z.number().int(),
});
export type AttendanceRecord = z.infer<typeof attendanceRecordSchema>;

export const attendanceRecordsQuerySchema = z.object({
  sessionId: entityIdSchema.optional(),
  mode: attendanceModeSchema.optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
});
export type AttendanceRecordsQuery = z.input<typeof attendanceRecordsQuerySchema>;
export type AttendanceRecordsFilter = z.output<typeof attendanceRecordsQuerySchema>;

export const attendanceRecordListSchema = z.object({
  items: z.array(attendanceRecordSchema),
  total: z.number().int(),
  limit: z.number().int(),
  offset: z.number().int(),
});
export type AttendanceRecordList = z.infer<typeof attendanceRecordListSchema>;

export const attendanceTimelineQuerySchema = z.object({ day: isoDate.optional() });
export type AttendanceTimelineQuery = z.input<typeof attendanceTimelineQuerySchema>;

/** Attendance over one event day, in 5-minute steps. */
export const attendanceTimelineSchema = z.object({
  day: isoDate,
  /** The event's days, to choose another. */
  days: z.array(isoDate),
  bucketMinutes: z.number().int(),
  points: z.array(
    z.object({
      at: isoDateTime,
      /** People admitted at the door that day by then (standing admissions). */
      inRoom: z.number().int(),
      /** People with a session of the event open at that instant (null until presence is wired). */
      online: z.number().int().nullable(),
    }),
  ),
});
export type AttendanceTimeline = z.infer<typeof attendanceTimelineSchema>;

/** The signed-in person's hybrid mode: admitted at the door today (event time zone) or not. */
export const myPresenceSchema = z.object({
  eventId: entityIdSchema,
  day: isoDate,
  inRoomToday: z.boolean(),
});
export type MyPresence = z.infer<typeof myPresenceSchema>;

// Domain events of check-in: see `domain-events.ts` (`checkinDomainEventSchema`).
