import { z } from 'zod';
import { emailSchema } from './access';
import {
  entityIdSchema,
  eventDetailSchema,
  eventFormatSchema,
  eventSlugSchema,
  eventStatusSchema,
  eventSummarySchema,
  localDateTimeSchema,
  partnerTierSchema,
  roomVideoModeSchema,
  sessionKindSchema,
  sessionSchema,
  sessionVisibilitySchema,
  speakerRoleSchema,
  speakerSchema,
} from './programme';

// The writable programme (issue #12): what the organiser console and the schedule import send, and what they read
// back. Every text has a maximum length; Markdown fields are stored as source and rendered (inert) by the server.
// Updates are partial (`PATCH`: only the fields sent change) and carry `If-Match: "<version>"` (see docs/api.md).

const maxMessage = (max: number): string => `must be at most ${max} characters`;
/** Required text: trimmed, not empty. */
const text = (max: number) => z.string().trim().min(1, 'is required').max(max, maxMessage(max));
/** Optional text: trimmed; empty means none (null). */
const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, maxMessage(max))
    .nullable()
    .transform((value) => (value === '' ? null : value));
/** Text that may be empty (a venue of an online event). */
const plainText = (max: number) => z.string().trim().max(max, maxMessage(max));
/** Markdown source; empty means none. */
const markdown = (max: number) => optionalText(max);
const httpUrl = z
  .string()
  .trim()
  .max(2048, maxMessage(2048))
  .pipe(z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }));
const httpsUrl = z
  .string()
  .trim()
  .max(2048, maxMessage(2048))
  .pipe(z.url({ protocol: /^https$/, error: 'must be an https URL' }));
const order = z.number().int().min(0).max(100_000);

/**
 * An IANA time zone (`Europe/Vienna`), as the runtime's time-zone database knows it; answered in its canonical
 * spelling. Offsets (`+01:00`) and unknown zones are refused.
 */
export const timeZoneSchema = z
  .string()
  .trim()
  .max(64, maxMessage(64))
  .transform((zone, ctx) => {
    if (/^[A-Za-z][A-Za-z0-9_+-]*(?:\/[A-Za-z0-9_+-]+)*$/.test(zone)) {
      try {
        return new Intl.DateTimeFormat('en-US', { timeZone: zone }).resolvedOptions().timeZone;
      } catch {
        // Unknown to the time-zone database: reported below.
      }
    }
    ctx.addIssue({ code: 'custom', message: 'must be an IANA time zone such as Europe/Vienna' });
    return z.NEVER;
  });

/** A BCP 47 language tag (`en`, `de-AT`), answered in canonical form. */
export const languageTagSchema = z
  .string()
  .trim()
  .max(35, maxMessage(35))
  .transform((tag, ctx) => {
    try {
      const [canonical] = Intl.getCanonicalLocales(tag);
      if (canonical) return canonical;
    } catch {
      // Not a well-formed tag: reported below.
    }
    ctx.addIssue({ code: 'custom', message: 'must be a BCP 47 language tag such as en or de-AT' });
    return z.NEVER;
  });

export const accentColorSchema = z
  .string()
  .regex(/^#[0-9a-fA-F]{6}$/, 'must be a colour as #rrggbb')
  .transform((value) => value.toLowerCase());

const languagesSchema = z
  .array(languageTagSchema)
  .min(1, 'needs at least one language')
  .max(20)
  .refine((tags) => new Set(tags).size === tags.length, 'lists a language twice');

// ---------------------------------------------------------------------------------------------------------------
// Events

export const partnerInputSchema = z.strictObject({
  name: text(200),
  url: httpUrl.nullable().default(null),
  logoUrl: httpUrl.nullable().default(null),
  tier: partnerTierSchema.default('supporter'),
});
export type PartnerInput = z.input<typeof partnerInputSchema>;

export const eventBlockInputSchema = z.strictObject({
  title: text(200),
  body: text(20_000),
});
export type EventBlockInput = z.input<typeof eventBlockInputSchema>;

export const venueInputSchema = z.strictObject({
  name: plainText(200),
  address: optionalText(500).default(null),
  city: plainText(100),
  country: plainText(100),
});

export const organiserInputSchema = z.strictObject({
  name: plainText(200),
  url: httpUrl.nullable().default(null),
});

/** Every editable field of an event. `partners` and `blocks` replace the whole ordered list when sent. */
const eventFields = {
  slug: eventSlugSchema,
  name: text(200),
  shortName: optionalText(60),
  tagline: optionalText(300),
  description: markdown(20_000),
  startDate: z.iso.date(),
  endDate: z.iso.date(),
  timeZone: timeZoneSchema,
  venue: venueInputSchema,
  format: eventFormatSchema,
  languages: languagesSchema,
  organiser: organiserInputSchema,
  logoUrl: httpUrl.nullable(),
  accentColor: accentColorSchema.nullable(),
  contactEmail: emailSchema.nullable(),
  contactAddress: optionalText(1000),
  partners: z.array(partnerInputSchema).max(100),
  blocks: z.array(eventBlockInputSchema).max(30),
};

const datesInOrder = (value: { startDate?: string; endDate?: string }): boolean =>
  value.startDate === undefined || value.endDate === undefined || value.endDate >= value.startDate;
const datesIssue = { message: 'must not be before the start date', path: ['endDate'] };

/** `POST /api/events` (instance administrators): a new event, created as a draft. */
export const createEventRequestSchema = z
  .strictObject({
    ...eventFields,
    shortName: eventFields.shortName.optional(),
    tagline: eventFields.tagline.optional(),
    description: eventFields.description.optional(),
    venue: eventFields.venue.optional(),
    format: eventFields.format.optional(),
    languages: eventFields.languages.optional(),
    organiser: eventFields.organiser.optional(),
    logoUrl: eventFields.logoUrl.optional(),
    accentColor: eventFields.accentColor.optional(),
    contactEmail: eventFields.contactEmail.optional(),
    contactAddress: eventFields.contactAddress.optional(),
    partners: eventFields.partners.optional(),
    blocks: eventFields.blocks.optional(),
  })
  .refine(datesInOrder, datesIssue);
export type CreateEventRequest = z.input<typeof createEventRequestSchema>;

/** `PATCH /api/events/:slug` with `If-Match`: the fields sent change; a new slug keeps the old one redirecting. */
export const updateEventRequestSchema = z
  .strictObject(eventFields)
  .partial()
  .refine((value) => Object.keys(value).length > 0, 'changes nothing')
  .refine(datesInOrder, datesIssue);
export type UpdateEventRequest = z.input<typeof updateEventRequestSchema>;

/** `POST /api/events/:slug/status`. */
export const eventStatusChangeSchema = z.strictObject({ status: eventStatusSchema });
export type EventStatusChange = z.infer<typeof eventStatusChangeSchema>;

/** `POST /api/events/:slug/duplicate`: a new draft edition, its programme shifted by whole days. */
export const duplicateEventRequestSchema = z.strictObject({
  slug: eventSlugSchema,
  name: text(200),
  startDate: z.iso.date(),
});
export type DuplicateEventRequest = z.infer<typeof duplicateEventRequestSchema>;

/** An event as its team edits it: every field, the status and the versions. */
export const managedEventSchema = eventDetailSchema.omit({ days: true, speakers: true, rooms: true }).extend({
  /** Bumped by every change to the event's own fields (its ETag for `PATCH`). */
  version: z.number().int(),
  /** Bumped by every change to the event or anything in its programme (the event page's ETag). */
  programmeVersion: z.number().int(),
  createdAt: z.iso.datetime({ offset: true }),
  updatedAt: z.iso.datetime({ offset: true }),
});
export type ManagedEvent = z.infer<typeof managedEventSchema>;

export const managedEventSummarySchema = eventSummarySchema.extend({
  version: z.number().int(),
  programmeVersion: z.number().int(),
});
export type ManagedEventSummary = z.infer<typeof managedEventSummarySchema>;

/** `GET /api/manage/events`: every event for administrators, their own for organisers, drafts included. */
export const managedEventListSchema = z.object({ events: z.array(managedEventSummarySchema) });
export type ManagedEventList = z.infer<typeof managedEventListSchema>;

// ---------------------------------------------------------------------------------------------------------------
// Organisers (appointed by instance administrators)

export const appointOrganiserRequestSchema = z.strictObject({
  email: emailSchema,
  /** Used when the address is new to the platform; defaults to the part before the @. */
  name: text(200).optional(),
});
export type AppointOrganiserRequest = z.input<typeof appointOrganiserRequestSchema>;

export const organiserParamsSchema = z.object({ slug: eventSlugSchema, personId: entityIdSchema });

export const eventOrganiserSchema = z.object({
  personId: entityIdSchema,
  name: z.string(),
  email: z.string(),
  appointedAt: z.iso.datetime({ offset: true }),
});
export type EventOrganiser = z.infer<typeof eventOrganiserSchema>;
export const eventOrganiserListSchema = z.object({ organisers: z.array(eventOrganiserSchema) });
export type EventOrganiserList = z.infer<typeof eventOrganiserListSchema>;

// ---------------------------------------------------------------------------------------------------------------
// Rooms

const roomFields = {
  name: text(100),
  /** In-person seats; null: not limited (or not known). */
  capacity: z.number().int().min(0).max(1_000_000).nullable(),
  videoMode: roomVideoModeSchema,
  /** Required for `external`: the stream's https address (embedded behind the consent). */
  externalStreamUrl: httpsUrl.nullable(),
  order,
};
const externalNeedsUrl = (value: { videoMode?: string; externalStreamUrl?: string | null }): boolean =>
  value.videoMode !== 'external' || (value.externalStreamUrl ?? null) !== null;
const externalIssue = { message: 'is required for an external stream', path: ['externalStreamUrl'] };

export const createRoomRequestSchema = z
  .strictObject({
    ...roomFields,
    capacity: roomFields.capacity.default(null),
    videoMode: roomFields.videoMode.default('livekit'),
    externalStreamUrl: roomFields.externalStreamUrl.default(null),
    order: roomFields.order.optional(),
  })
  .refine(externalNeedsUrl, externalIssue);
export type CreateRoomRequest = z.input<typeof createRoomRequestSchema>;

export const updateRoomRequestSchema = z
  .strictObject(roomFields)
  .partial()
  .refine((value) => Object.keys(value).length > 0, 'changes nothing');
export type UpdateRoomRequest = z.input<typeof updateRoomRequestSchema>;

export const managedRoomSchema = z.object({
  id: entityIdSchema,
  name: z.string(),
  capacity: z.number().int().nullable(),
  videoMode: roomVideoModeSchema,
  externalStreamUrl: z.string().nullable(),
  order: z.number().int(),
  version: z.number().int(),
});
export type ManagedRoom = z.infer<typeof managedRoomSchema>;
export const managedRoomListSchema = z.object({ rooms: z.array(managedRoomSchema) });
export type ManagedRoomList = z.infer<typeof managedRoomListSchema>;

export const roomParamsSchema = z.object({ slug: eventSlugSchema, roomId: entityIdSchema });

// ---------------------------------------------------------------------------------------------------------------
// Speakers

const speakerFields = {
  honorific: optionalText(50),
  name: text(200),
  title: plainText(300),
  organisation: optionalText(200),
  country: optionalText(100),
  /** Markdown. */
  bio: markdown(10_000),
  /**
   * An external image (an import's avatar). Uploaded photos go through `PUT …/speakers/:id/photo`; sending back the
   * `/api/media/…` address a speaker was read with changes nothing.
   */
  photoUrl: httpUrl
    .or(z.string().regex(/^\/api\/media\/[a-z0-9._/-]{1,300}$/, 'must be an http(s) URL'))
    .nullable(),
  /** Key of an imported schedule (pretalx code, CSV id): unique per event; re-imports update by it. */
  externalId: optionalText(200),
  order,
};

export const createSpeakerRequestSchema = z.strictObject({
  ...speakerFields,
  honorific: speakerFields.honorific.default(null),
  title: speakerFields.title.default(''),
  organisation: speakerFields.organisation.default(null),
  country: speakerFields.country.default(null),
  bio: speakerFields.bio.default(null),
  photoUrl: speakerFields.photoUrl.default(null),
  externalId: speakerFields.externalId.default(null),
  order: speakerFields.order.optional(),
});
export type CreateSpeakerRequest = z.input<typeof createSpeakerRequestSchema>;

export const updateSpeakerRequestSchema = z
  .strictObject(speakerFields)
  .partial()
  .refine((value) => Object.keys(value).length > 0, 'changes nothing');
export type UpdateSpeakerRequest = z.input<typeof updateSpeakerRequestSchema>;

export const managedSpeakerSchema = speakerSchema.extend({
  externalId: z.string().nullable(),
  order: z.number().int(),
  version: z.number().int(),
});
export type ManagedSpeaker = z.infer<typeof managedSpeakerSchema>;
export const managedSpeakerListSchema = z.object({ speakers: z.array(managedSpeakerSchema) });
export type ManagedSpeakerList = z.infer<typeof managedSpeakerListSchema>;

export const speakerParamsSchema = z.object({ slug: eventSlugSchema, speakerId: entityIdSchema });

// ---------------------------------------------------------------------------------------------------------------
// Sessions

export const sessionSpeakerInputSchema = z.strictObject({
  speakerId: entityIdSchema,
  role: speakerRoleSchema.default('speaker'),
});
export type SessionSpeakerInput = z.input<typeof sessionSpeakerInputSchema>;

const sessionFields = {
  kind: sessionKindSchema,
  title: text(300),
  /** Markdown. */
  abstract: markdown(20_000),
  /** Wall-clock start in the event's time zone; the server converts it to an instant. */
  startsLocal: localDateTimeSchema,
  endsLocal: localDateTimeSchema,
  roomId: entityIdSchema.nullable(),
  /** In their order; replaces the session's whole line-up when sent. */
  speakers: z
    .array(sessionSpeakerInputSchema)
    .max(50)
    .refine(
      (links) => new Set(links.map((link) => link.speakerId)).size === links.length,
      'lists a speaker twice',
    ),
  qaEnabled: z.boolean(),
  pollsEnabled: z.boolean(),
  confidential: z.boolean(),
  visibility: sessionVisibilitySchema,
  cancelled: z.boolean(),
  externalId: optionalText(200),
};
const timesInOrder = (value: { startsLocal?: string; endsLocal?: string }): boolean =>
  value.startsLocal === undefined || value.endsLocal === undefined || value.endsLocal > value.startsLocal;
const timesIssue = { message: 'must be after the start', path: ['endsLocal'] };

export const createSessionRequestSchema = z
  .strictObject({
    ...sessionFields,
    kind: sessionFields.kind.default('talk'),
    abstract: sessionFields.abstract.default(null),
    roomId: sessionFields.roomId.default(null),
    speakers: sessionFields.speakers.default([]),
    qaEnabled: sessionFields.qaEnabled.default(true),
    pollsEnabled: sessionFields.pollsEnabled.default(true),
    confidential: sessionFields.confidential.default(false),
    visibility: sessionFields.visibility.default('public'),
    cancelled: sessionFields.cancelled.default(false),
    externalId: sessionFields.externalId.default(null),
  })
  .refine(timesInOrder, timesIssue);
export type CreateSessionRequest = z.input<typeof createSessionRequestSchema>;

export const updateSessionRequestSchema = z
  .strictObject(sessionFields)
  .partial()
  .refine((value) => Object.keys(value).length > 0, 'changes nothing')
  .refine(timesInOrder, timesIssue);
export type UpdateSessionRequest = z.input<typeof updateSessionRequestSchema>;

/** A session as its editors see it: the full abstract, confidentiality, the import key and the version. */
export const managedSessionSchema = sessionSchema.extend({
  confidential: z.boolean(),
  externalId: z.string().nullable(),
  version: z.number().int(),
});
export type ManagedSession = z.infer<typeof managedSessionSchema>;
export const managedSessionListSchema = z.object({ sessions: z.array(managedSessionSchema) });
export type ManagedSessionList = z.infer<typeof managedSessionListSchema>;

/** Checks that help rather than block: shown in the editor, never refused. */
export const PROGRAMME_WARNING_CODES = [
  'room-double-booked',
  'speaker-double-booked',
  'outside-event',
] as const;
export const programmeWarningSchema = z.object({
  code: z.enum(PROGRAMME_WARNING_CODES),
  message: z.string(),
  /** The sessions concerned (two for a double booking, one outside the event's dates). */
  sessionIds: z.array(entityIdSchema),
  roomId: entityIdSchema.nullable(),
  speakerId: entityIdSchema.nullable(),
});
export type ProgrammeWarning = z.infer<typeof programmeWarningSchema>;
export const programmeWarningListSchema = z.object({ warnings: z.array(programmeWarningSchema) });
export type ProgrammeWarningList = z.infer<typeof programmeWarningListSchema>;

/** Answer of every session write: the session as stored and the warnings that concern it. */
export const sessionWriteResultSchema = z.object({
  session: managedSessionSchema,
  warnings: z.array(programmeWarningSchema),
});
export type SessionWriteResult = z.infer<typeof sessionWriteResultSchema>;

/** `GET /api/events/:slug/programme`: everything the editor shows, in one answer. */
export const programmeEditorViewSchema = z.object({
  event: managedEventSchema,
  rooms: z.array(managedRoomSchema),
  sessions: z.array(managedSessionSchema),
  speakers: z.array(managedSpeakerSchema),
  warnings: z.array(programmeWarningSchema),
});
export type ProgrammeEditorView = z.infer<typeof programmeEditorViewSchema>;

/** `details` of `programme/version-conflict` (412): the resource as it is now, with its version. */
export const versionConflictDetailsSchema = z.object({ current: z.unknown() });
