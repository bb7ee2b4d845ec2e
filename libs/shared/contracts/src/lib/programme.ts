import { z } from 'zod';
import { speakerPhotoSchema } from './speaker-photo';

export const SESSION_KINDS = [
  'opening',
  'keynote',
  'panel',
  'talk',
  'workshop',
  'break',
  'closing',
  'other',
] as const;
export const SESSION_STATES = ['scheduled', 'live', 'ended'] as const;
export const SPEAKER_ROLES = ['chair', 'moderator', 'panelist', 'keynote', 'speaker', 'interpreter'] as const;
export const EVENT_FORMATS = ['hybrid', 'in_person', 'online'] as const;
/** draft → published → archived; archived → published; published → draft only while nobody is registered. */
export const EVENT_STATUSES = ['draft', 'published', 'archived'] as const;
/** How a room is seen online: a LiveKit stage, an external stream (URL behind the embed consent), or not at all. */
export const ROOM_VIDEO_MODES = ['livekit', 'external', 'in_room'] as const;
/** `registered`: listed publicly (title, time, room, speakers) but the abstract only for registered people. */
export const SESSION_VISIBILITIES = ['public', 'registered'] as const;
export const PARTNER_TIERS = ['supporter', 'partner', 'media'] as const;

export const sessionKindSchema = z.enum(SESSION_KINDS);
export const sessionStateSchema = z.enum(SESSION_STATES);
export const speakerRoleSchema = z.enum(SPEAKER_ROLES);
export const eventFormatSchema = z.enum(EVENT_FORMATS);
export const eventStatusSchema = z.enum(EVENT_STATUSES);
export const roomVideoModeSchema = z.enum(ROOM_VIDEO_MODES);
export const sessionVisibilitySchema = z.enum(SESSION_VISIBILITIES);
export const partnerTierSchema = z.enum(PARTNER_TIERS);
export type SessionKind = z.infer<typeof sessionKindSchema>;
export type SessionState = z.infer<typeof sessionStateSchema>;
export type SpeakerRole = z.infer<typeof speakerRoleSchema>;
export type EventFormat = z.infer<typeof eventFormatSchema>;
export type EventStatus = z.infer<typeof eventStatusSchema>;
export type RoomVideoMode = z.infer<typeof roomVideoModeSchema>;
export type SessionVisibility = z.infer<typeof sessionVisibilitySchema>;
export type PartnerTier = z.infer<typeof partnerTierSchema>;

/** URL slug of an event: lowercase letters, digits and inner hyphens, at most 64 characters. */
export const eventSlugSchema = z
  .string()
  .max(64)
  .regex(/^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/, 'must be a lowercase slug (letters, digits, hyphens)');
export const entityIdSchema = z.uuid();

const isoDate = z.iso.date();
const isoDateTime = z.iso.datetime({ offset: true });
/** Wall-clock time in the event's time zone, to the minute: `YYYY-MM-DDTHH:mm`. */
export const localDateTimeSchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/, 'must be a local date and time (YYYY-MM-DDTHH:mm)')
  .refine((value) => {
    const [date = '', time = ''] = value.split('T');
    const [y, m, d] = date.split('-').map(Number) as [number, number, number];
    const [hh, mm] = time.split(':').map(Number) as [number, number];
    const utc = new Date(Date.UTC(y, m - 1, d, hh, mm));
    return (
      utc.getUTCFullYear() === y &&
      utc.getUTCMonth() === m - 1 &&
      utc.getUTCDate() === d &&
      utc.getUTCHours() === hh &&
      utc.getUTCMinutes() === mm
    );
  }, 'is not a real date and time');

export const eventSlugParamsSchema = z.object({ slug: eventSlugSchema });
export const sessionParamsSchema = z.object({ slug: eventSlugSchema, sessionId: entityIdSchema });

/** `GET /api/events?when=upcoming|past`: by the event's end date in its own time zone. */
export const eventListQuerySchema = z.object({ when: z.enum(['upcoming', 'past']).optional() });
export type EventListQuery = z.infer<typeof eventListQuerySchema>;

export const venueSchema = z.object({
  name: z.string(),
  /** Street address (shown under the map, which stays behind the embed consent). */
  address: z.string().nullable(),
  city: z.string(),
  country: z.string(),
});
export type Venue = z.infer<typeof venueSchema>;

export const organiserSchema = z.object({
  name: z.string(),
  url: z.string().nullable(),
});

export const speakerSchema = z.object({
  id: entityIdSchema,
  name: z.string(),
  honorific: z.string().nullable(),
  title: z.string(),
  organisation: z.string().nullable(),
  country: z.string().nullable(),
  /** Biography, Markdown source. */
  bio: z.string().nullable(),
  /** The biography rendered to HTML on the server (raw HTML and `javascript:` links are inert). */
  bioHtml: z.string().nullable(),
  /**
   * The image to show: the uploaded photo's 256 px version when there is one (`/api/media/…`), else an external
   * image URL the speaker was given (an import), else null (show initials).
   */
  photoUrl: z.string().nullable(),
  /** The uploaded photo in every size (null: none uploaded). */
  photo: speakerPhotoSchema.nullable(),
});
export type Speaker = z.infer<typeof speakerSchema>;

export const sessionSpeakerSchema = z.object({
  role: speakerRoleSchema,
  speaker: speakerSchema,
});
export type SessionSpeaker = z.infer<typeof sessionSpeakerSchema>;

/** How long a session shows that it was moved (and never once it started). */
export const SESSION_CHANGE_VISIBLE_HOURS = 24;

/**
 * A published session was moved in time or to another room: what it was before (the "changed" badge). Kept through
 * further moves within a day (it shows what people knew), dropped when the session is moved back.
 */
export const sessionChangeSchema = z.object({
  previousStartsAt: isoDateTime,
  /** The previous start as a wall-clock time in the event's time zone. */
  previousStartsLocal: localDateTimeSchema,
  previousRoom: z.string().nullable(),
  previousRoomId: entityIdSchema.nullable(),
  timeChanged: z.boolean(),
  roomChanged: z.boolean(),
  /** The latest move. Clients show the badge until `changedAt` + 24 h or the session's start, whichever is first. */
  changedAt: isoDateTime,
});
export type SessionChange = z.infer<typeof sessionChangeSchema>;

/** Whether a session's change should still be shown at `now` (ms epoch). */
export function isSessionChangeVisible(
  session: { startsAt: string; change?: SessionChange | null },
  now: number,
): boolean {
  const change = session.change;
  if (!change || (!change.timeChanged && !change.roomChanged)) return false;
  return (
    now < Date.parse(session.startsAt) &&
    now < Date.parse(change.changedAt) + SESSION_CHANGE_VISIBLE_HOURS * 3_600_000
  );
}

export const sessionSchema = z.object({
  id: entityIdSchema,
  eventSlug: eventSlugSchema,
  kind: sessionKindSchema,
  title: z.string(),
  /** Markdown source; null for a `registered` session unless the reader is registered (or of the team). */
  abstract: z.string().nullable(),
  abstractHtml: z.string().nullable(),
  /** Instant with offset (UTC); clients render it in the event's and the viewer's time zone. */
  startsAt: isoDateTime,
  endsAt: isoDateTime,
  /** The same instants as wall-clock times in the event's time zone (what the organisers entered). */
  startsLocal: localDateTimeSchema,
  endsLocal: localDateTimeSchema,
  /** Calendar day of the session in the event's time zone. */
  day: isoDate,
  /** The room's name (null: no room). */
  room: z.string().nullable(),
  roomId: entityIdSchema.nullable(),
  state: sessionStateSchema,
  visibility: sessionVisibilitySchema,
  /** A cancelled session stays listed with this flag. */
  cancelled: z.boolean(),
  /** Moved after publication (time or room): what it was before; null (or absent) otherwise. */
  change: sessionChangeSchema.nullable().optional(),
  qaEnabled: z.boolean(),
  pollsEnabled: z.boolean(),
  /** In their order. */
  speakers: z.array(sessionSpeakerSchema),
});
export type Session = z.infer<typeof sessionSchema>;

export const eventSummarySchema = z.object({
  id: entityIdSchema,
  slug: eventSlugSchema,
  name: z.string(),
  shortName: z.string().nullable(),
  tagline: z.string().nullable(),
  status: eventStatusSchema,
  timeZone: z.string(),
  startDate: isoDate,
  endDate: isoDate,
  format: eventFormatSchema,
  venue: venueSchema,
  /** BCP 47 codes; the first is the default. */
  languages: z.array(z.string()),
  logoUrl: z.string().nullable(),
  /** `#rrggbb` */
  accentColor: z.string().nullable(),
});
export type EventSummary = z.infer<typeof eventSummarySchema>;

export const programmeDaySchema = z.object({
  date: isoDate,
  sessions: z.array(sessionSchema),
});
export type ProgrammeDay = z.infer<typeof programmeDaySchema>;

/** A supporter or partner shown on the event page ("made possible with the support of"), in order. */
export const partnerSchema = z.object({
  name: z.string(),
  url: z.string().nullable(),
  logoUrl: z.string().nullable(),
  tier: partnerTierSchema,
});
export type Partner = z.infer<typeof partnerSchema>;

/** A free text block of the event page (an inclusion statement…), in order. */
export const eventBlockSchema = z.object({
  title: z.string(),
  /** Markdown source. */
  body: z.string(),
  bodyHtml: z.string(),
});
export type EventBlock = z.infer<typeof eventBlockSchema>;

/** A room as the public sees it. */
export const roomSchema = z.object({
  id: entityIdSchema,
  name: z.string(),
  videoMode: roomVideoModeSchema,
});
export type Room = z.infer<typeof roomSchema>;

export const eventDetailSchema = eventSummarySchema.extend({
  /** Markdown source. */
  description: z.string().nullable(),
  descriptionHtml: z.string().nullable(),
  organiser: organiserSchema,
  contactEmail: z.string().nullable(),
  contactAddress: z.string().nullable(),
  partners: z.array(partnerSchema),
  blocks: z.array(eventBlockSchema),
  rooms: z.array(roomSchema),
  days: z.array(programmeDaySchema),
  speakers: z.array(speakerSchema),
});
export type EventDetail = z.infer<typeof eventDetailSchema>;

export const eventListSchema = z.object({ events: z.array(eventSummarySchema) });
export type EventList = z.infer<typeof eventListSchema>;
