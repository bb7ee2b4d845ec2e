import { z } from 'zod';
import { nextPathSchema } from './next-path';
import { entityIdSchema, eventSlugSchema } from './programme';
import { humanText, personNameSchema } from './text';

/** Roles a person can hold for an event; a person may hold several. */
export const ROLES = ['attendee', 'speaker', 'moderator', 'staff', 'organiser'] as const;
export const roleSchema = z.enum(ROLES);
export type Role = z.infer<typeof roleSchema>;

export const ATTENDANCE_MODES = ['in_person', 'remote'] as const;
export const attendanceSchema = z.enum(ATTENDANCE_MODES);
export type Attendance = z.infer<typeof attendanceSchema>;

/** pending → approved | waitlisted | rejected; any → cancelled. Waitlisted in-person registrations move up on a free seat. */
export const REGISTRATION_STATUSES = ['pending', 'approved', 'waitlisted', 'rejected', 'cancelled'] as const;
export const registrationStatusSchema = z.enum(REGISTRATION_STATUSES);
export type RegistrationStatus = z.infer<typeof registrationStatusSchema>;

export const APPROVAL_MODES = ['auto', 'manual'] as const;
export const approvalModeSchema = z.enum(APPROVAL_MODES);
export type ApprovalMode = z.infer<typeof approvalModeSchema>;

/** Header every state-changing request from the web client carries (with the Origin check, the CSRF defence). */
export const CSRF_HEADER = 'x-plenary-csrf';

export const emailSchema = z
  .string()
  .trim()
  .max(254)
  .pipe(z.email('must be an e-mail address'))
  .transform((email) => email.toLowerCase());
/** ISO 3166-1 alpha-2 country code; the client shows the localised name. */
export const countryCodeSchema = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[A-Z]{2}$/, 'must be a two-letter country code');

// ---------------------------------------------------------------------------------------------------------------
// Registration (public form)

export const registrationRequestSchema = z.object({
  name: personNameSchema,
  email: emailSchema,
  organisation: humanText(200),
  jobTitle: humanText(200),
  country: countryCodeSchema,
  attendance: attendanceSchema,
  accessibilityNeeds: z.string().trim().max(1000).optional(),
  consents: z.object({
    privacyNotice: z.literal(true, 'must be accepted to register'),
    photoRecording: z.boolean(),
  }),
});
export type RegistrationRequest = z.input<typeof registrationRequestSchema>;

/**
 * The signed-in person's own registration (`PUT /api/events/:slug/my/registration`): the public form without the
 * address, which is the signed-in person's. Creates the registration when there is none, otherwise changes it.
 */
export const myRegistrationRequestSchema = registrationRequestSchema.omit({ email: true });
export type MyRegistrationRequest = z.input<typeof myRegistrationRequestSchema>;

/** What the signed-in person sees and edits of their registration. */
export const myRegistrationSchema = z.object({
  id: entityIdSchema,
  status: registrationStatusSchema,
  name: z.string(),
  email: z.string(),
  organisation: z.string(),
  jobTitle: z.string(),
  country: z.string(),
  attendance: attendanceSchema,
  accessibilityNeeds: z.string().nullable(),
  consents: z.object({
    privacyAcceptedAt: z.iso.datetime({ offset: true }),
    photoRecording: z.boolean(),
  }),
  createdAt: z.iso.datetime({ offset: true }),
  updatedAt: z.iso.datetime({ offset: true }),
});
export type MyRegistration = z.infer<typeof myRegistrationSchema>;

// ---------------------------------------------------------------------------------------------------------------
// Consent log: who gave or withdrew which consent, when and how

export const CONSENT_KINDS = ['privacy_notice', 'photo_recording'] as const;
export const consentKindSchema = z.enum(CONSENT_KINDS);
export type ConsentKind = z.infer<typeof consentKindSchema>;

/** `public_form`: the form without signing in (an unverified address); `own_account`: signed in as the person. */
export const CONSENT_SOURCES = ['public_form', 'own_account'] as const;
export const consentSourceSchema = z.enum(CONSENT_SOURCES);
export type ConsentSource = z.infer<typeof consentSourceSchema>;

/**
 * Answer to a registration or a sign-in request. Identical whether the e-mail address was known or not, so the
 * response reveals nothing about who registered.
 */
export const acceptedResponseSchema = z.object({ status: z.literal('accepted'), message: z.string() });
export type AcceptedResponse = z.infer<typeof acceptedResponseSchema>;

// ---------------------------------------------------------------------------------------------------------------
// Sign-in

export const signInRequestSchema = z.object({
  email: emailSchema,
  eventSlug: eventSlugSchema.optional(),
  /** Where the sign-in link leads once used: a path on this site (`safeNextPath`), else refused. */
  next: nextPathSchema.optional(),
});
export type SignInRequest = z.input<typeof signInRequestSchema>;

/** Magic-link token: 32 random bytes, base64url. Only its hash is stored. */
export const magicTokenSchema = z.string().regex(/^[A-Za-z0-9_-]{43}$/, 'is not a valid sign-in link');
export const redeemMagicLinkSchema = z.object({ token: magicTokenSchema });
export type RedeemMagicLink = z.infer<typeof redeemMagicLinkSchema>;

export const accessCodeSchema = z
  .string()
  .trim()
  .regex(/^\d{6}$/, 'must be the 6-digit code from the e-mail');
export const redeemAccessCodeSchema = z.object({ email: emailSchema, code: accessCodeSchema });
export type RedeemAccessCode = z.input<typeof redeemAccessCodeSchema>;

export const membershipSchema = z.object({
  eventSlug: eventSlugSchema,
  roles: z.array(roleSchema),
  registration: z
    .object({ id: entityIdSchema, status: registrationStatusSchema, attendance: attendanceSchema })
    .nullable(),
});
export type Membership = z.infer<typeof membershipSchema>;

export const meSchema = z.object({
  person: z.object({ id: entityIdSchema, name: z.string(), email: z.string() }),
  /** An instance administrator: creates events and appoints their organisers; may act on every event. */
  isAdmin: z.boolean(),
  memberships: z.array(membershipSchema),
});
export type Me = z.infer<typeof meSchema>;

/** Answer of `GET /api/events/:slug/sessions/:sessionId/access`. */
export const sessionAccessSchema = z.object({ granted: z.literal(true), roles: z.array(roleSchema) });
export type SessionAccess = z.infer<typeof sessionAccessSchema>;

// ---------------------------------------------------------------------------------------------------------------
// Tickets

/** QR payload: `PL1.` + base64url(16-byte event id ‖ 16-byte ticket id ‖ 64-byte Ed25519 signature of the 32 bytes). */
export const TICKET_PREFIX = 'PL1.';
export const TICKET_PAYLOAD_MAX = 256;

export const ticketSchema = z.object({
  id: entityIdSchema,
  eventSlug: eventSlugSchema,
  qrPayload: z.string(),
  holder: z.object({ name: z.string(), organisation: z.string() }),
  attendance: attendanceSchema,
  roles: z.array(roleSchema),
  issuedAt: z.iso.datetime({ offset: true }),
});
export type Ticket = z.infer<typeof ticketSchema>;

export const ticketKeySchema = z.object({
  eventSlug: eventSlugSchema,
  algorithm: z.literal('Ed25519'),
  /** Raw 32-byte public key, base64url. */
  publicKey: z.string(),
});
export type TicketKey = z.infer<typeof ticketKeySchema>;

// ---------------------------------------------------------------------------------------------------------------
// Organiser console

export const registrationRowSchema = z.object({
  id: entityIdSchema,
  personId: entityIdSchema,
  name: z.string(),
  email: z.string(),
  organisation: z.string(),
  jobTitle: z.string(),
  country: z.string(),
  attendance: attendanceSchema,
  status: registrationStatusSchema,
  roles: z.array(roleSchema),
  accessibilityNeeds: z.string().nullable(),
  photoRecordingConsent: z.boolean(),
  createdAt: z.iso.datetime({ offset: true }),
  updatedAt: z.iso.datetime({ offset: true }),
});
export type RegistrationRow = z.infer<typeof registrationRowSchema>;

export const registrationListQuerySchema = z.object({
  q: z.string().trim().max(200).optional(),
  status: registrationStatusSchema.optional(),
  attendance: attendanceSchema.optional(),
  organisation: z.string().trim().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
});
export type RegistrationListQuery = z.input<typeof registrationListQuerySchema>;

export const registrationListSchema = z.object({
  items: z.array(registrationRowSchema),
  total: z.number().int(),
  counts: z.record(registrationStatusSchema, z.number().int()),
});
export type RegistrationList = z.infer<typeof registrationListSchema>;

export const DECISIONS = ['approve', 'reject', 'cancel'] as const;
export const decisionSchema = z.enum(DECISIONS);
export type Decision = z.infer<typeof decisionSchema>;

export const bulkDecisionRequestSchema = z.object({
  registrationIds: z.array(entityIdSchema).min(1).max(500),
  decision: decisionSchema,
});
export type BulkDecisionRequest = z.infer<typeof bulkDecisionRequestSchema>;

export const bulkDecisionResultSchema = z.object({
  results: z.array(z.object({ id: entityIdSchema, status: registrationStatusSchema })),
});
export type BulkDecisionResult = z.infer<typeof bulkDecisionResultSchema>;

export const updateRegistrationSchema = z.object({ attendance: attendanceSchema });

export const eventSettingsSchema = z.object({
  approvalMode: approvalModeSchema,
  /** Seats for in-person attendees; null means no limit. Past it, in-person registrations go to the waiting list. */
  inPersonCapacity: z.number().int().min(0).max(1_000_000).nullable(),
  /** Days after the event's end when its personal data is purged; omitted on update keeps the current value. */
  retentionDays: z.number().int().min(1).max(3650).optional(),
});
export type EventSettings = z.infer<typeof eventSettingsSchema>;

export const registrationParamsSchema = z.object({ slug: eventSlugSchema, registrationId: entityIdSchema });

// ---------------------------------------------------------------------------------------------------------------
// Development outbox (only outside production)

export const outboxMessageSchema = z.object({
  id: entityIdSchema,
  to: z.string(),
  subject: z.string(),
  text: z.string(),
  html: z.string(),
  createdAt: z.iso.datetime({ offset: true }),
});
export type OutboxMessage = z.infer<typeof outboxMessageSchema>;
export const outboxListSchema = z.object({ messages: z.array(outboxMessageSchema) });
export type OutboxList = z.infer<typeof outboxListSchema>;

// ---------------------------------------------------------------------------------------------------------------
// Invitations (organiser): speakers, moderators, staff, co-organisers and invited attendees

export const invitationSchema = z.object({
  email: emailSchema,
  name: personNameSchema,
  role: roleSchema,
});
export type Invitation = z.input<typeof invitationSchema>;

export const invitationsRequestSchema = z.object({ invitations: z.array(invitationSchema).min(1).max(1000) });
export type InvitationsRequest = z.input<typeof invitationsRequestSchema>;

export const invitationsResultSchema = z.object({
  invited: z.number().int(),
  /** Rows of a CSV import that could not be used, with the reason; nothing is written when any row fails. */
  errors: z.array(z.object({ row: z.number().int(), message: z.string() })),
});
export type InvitationsResult = z.infer<typeof invitationsResultSchema>;

// ---------------------------------------------------------------------------------------------------------------
// Personal data (GDPR): export and erasure by the person; retention purge after the event

export const personalDataExportSchema = z.object({
  exportedAt: z.iso.datetime({ offset: true }),
  person: z.object({ id: entityIdSchema, name: z.string(), email: z.string(), createdAt: z.string() }),
  registrations: z.array(z.record(z.string(), z.unknown())),
  /** The consent log: every consent given or withdrawn, when, and how (the public form, or signed in). */
  consents: z.array(
    z.object({
      eventSlug: eventSlugSchema,
      kind: consentKindSchema,
      granted: z.boolean(),
      source: consentSourceSchema,
      at: z.iso.datetime({ offset: true }),
    }),
  ),
  roles: z.array(z.object({ eventSlug: eventSlugSchema, role: roleSchema })),
  tickets: z.array(z.record(z.string(), z.unknown())),
  sessions: z.array(
    z.object({ createdAt: z.string(), lastSeenAt: z.string(), revokedAt: z.string().nullable() }),
  ),
  mails: z.array(z.object({ subject: z.string(), createdAt: z.string() })),
  /** Rows of the other contexts by section: questions, upvotes, poll ballots, video attendance, check-ins… */
  activity: z.record(z.string(), z.array(z.record(z.string(), z.unknown()))),
});
export type PersonalDataExport = z.infer<typeof personalDataExportSchema>;

// ---------------------------------------------------------------------------------------------------------------
// Imports (organiser): a CSV uploaded as `text/csv`, processed in batches by a background job

/** Largest CSV import: rows after the header, and bytes of the file. */
export const IMPORT_MAX_ROWS = 100_000;
export const IMPORT_MAX_BYTES = 20 * 1024 * 1024;
/** Issues (refused or merged rows) an import's progress lists, first lines first; the counts cover all of them. */
export const IMPORT_ISSUES_LISTED = 500;

export const IMPORT_STATUSES = ['queued', 'running', 'completed', 'failed'] as const;
export const importStatusSchema = z.enum(IMPORT_STATUSES);
export type ImportStatus = z.infer<typeof importStatusSchema>;

/** A row that could not be used (`error`), or whose address an earlier row had (`duplicate`, merged into it). */
export const importIssueSchema = z.object({
  line: z.number().int(),
  kind: z.enum(['error', 'duplicate']),
  message: z.string(),
});
export type ImportIssue = z.infer<typeof importIssueSchema>;

export const importSummarySchema = z.object({
  id: entityIdSchema,
  kind: z.literal('invitations'),
  fileName: z.string(),
  status: importStatusSchema,
  /** Rows after the header. */
  totalRows: z.number().int(),
  /** Rows done so far: invited + duplicates + errorRows. */
  processedRows: z.number().int(),
  /** Distinct addresses invited (one mail each). */
  invited: z.number().int(),
  /** People who did not exist before. */
  peopleCreated: z.number().int(),
  /** Rows merged into an earlier row with the same address. */
  duplicates: z.number().int(),
  errorRows: z.number().int(),
  /** Why a failed import stopped. */
  failure: z.string().nullable(),
  createdAt: z.iso.datetime({ offset: true }),
  finishedAt: z.iso.datetime({ offset: true }).nullable(),
});
export type ImportSummary = z.infer<typeof importSummarySchema>;

/** `GET /api/events/:slug/imports/:importId` (and the 202 of an upload): progress with the first issues. */
export const importProgressSchema = importSummarySchema.extend({
  issues: z.array(importIssueSchema),
  /** More issues exist than `issues` lists. */
  issuesTruncated: z.boolean(),
});
export type ImportProgress = z.infer<typeof importProgressSchema>;

export const importListSchema = z.object({ imports: z.array(importSummarySchema) });
export type ImportList = z.infer<typeof importListSchema>;

export const importParamsSchema = z.object({ slug: eventSlugSchema, importId: entityIdSchema });

/** Query of the upload: the file's name, shown in the console. */
export const importUploadQuerySchema = z.object({
  fileName: z.string().trim().min(1).max(200).default('import.csv'),
});

// ---------------------------------------------------------------------------------------------------------------
// Mail that could not be delivered (organiser console)

export const parkedMailSchema = z.object({
  id: entityIdSchema,
  to: z.string(),
  subject: z.string(),
  attempts: z.number().int(),
  lastError: z.string().nullable(),
  parkedAt: z.iso.datetime({ offset: true }),
});
export const parkedMailsSchema = z.object({
  /** All parked mails about the event; `mails` lists the latest 50. */
  count: z.number().int(),
  mails: z.array(parkedMailSchema),
});
export type ParkedMails = z.infer<typeof parkedMailsSchema>;

export const eraseRequestSchema = z.object({ confirm: z.literal('ERASE', 'type ERASE to confirm') });

/** Answer of `DELETE /api/events/:slug/people/:personId/sessions`: how many sign-in sessions were still open. */
export const endedSessionsSchema = z.object({ ended: z.number().int().min(0) });
export type EndedSessions = z.infer<typeof endedSessionsSchema>;

export const personParamsSchema = z.object({ slug: eventSlugSchema, personId: entityIdSchema });
