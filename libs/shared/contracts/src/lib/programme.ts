import { z } from 'zod';

export const SESSION_KINDS = ['opening', 'keynote', 'panel', 'closing', 'other'] as const;
export const SESSION_STATES = ['scheduled', 'live', 'ended'] as const;
export const SPEAKER_ROLES = ['chair', 'moderator', 'panelist', 'keynote'] as const;
export const EVENT_FORMATS = ['hybrid', 'in_person', 'online'] as const;

export const sessionKindSchema = z.enum(SESSION_KINDS);
export const sessionStateSchema = z.enum(SESSION_STATES);
export const speakerRoleSchema = z.enum(SPEAKER_ROLES);
export const eventFormatSchema = z.enum(EVENT_FORMATS);
export type SessionKind = z.infer<typeof sessionKindSchema>;
export type SessionState = z.infer<typeof sessionStateSchema>;
export type SpeakerRole = z.infer<typeof speakerRoleSchema>;
export type EventFormat = z.infer<typeof eventFormatSchema>;

/** URL slug of an event: lowercase letters, digits and inner hyphens, at most 64 characters. */
export const eventSlugSchema = z
  .string()
  .max(64)
  .regex(/^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/, 'must be a lowercase slug (letters, digits, hyphens)');
export const entityIdSchema = z.uuid();

const isoDate = z.iso.date();
const isoDateTime = z.iso.datetime({ offset: true });

export const eventSlugParamsSchema = z.object({ slug: eventSlugSchema });
export const sessionParamsSchema = z.object({ slug: eventSlugSchema, sessionId: entityIdSchema });

export const venueSchema = z.object({
  name: z.string(),
  city: z.string(),
  country: z.string(),
});

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
  bio: z.string().nullable(),
  photoUrl: z.string().nullable(),
});
export type Speaker = z.infer<typeof speakerSchema>;

export const sessionSpeakerSchema = z.object({
  role: speakerRoleSchema,
  speaker: speakerSchema,
});
export type SessionSpeaker = z.infer<typeof sessionSpeakerSchema>;

export const sessionSchema = z.object({
  id: entityIdSchema,
  eventSlug: eventSlugSchema,
  kind: sessionKindSchema,
  title: z.string(),
  abstract: z.string().nullable(),
  /** Instant with offset (UTC); clients render it in the event's and the viewer's time zone. */
  startsAt: isoDateTime,
  endsAt: isoDateTime,
  /** Calendar day of the session in the event's time zone. */
  day: isoDate,
  room: z.string().nullable(),
  state: sessionStateSchema,
  speakers: z.array(sessionSpeakerSchema),
});
export type Session = z.infer<typeof sessionSchema>;

export const eventSummarySchema = z.object({
  id: entityIdSchema,
  slug: eventSlugSchema,
  name: z.string(),
  tagline: z.string().nullable(),
  timeZone: z.string(),
  startDate: isoDate,
  endDate: isoDate,
  format: eventFormatSchema,
  venue: venueSchema,
});
export type EventSummary = z.infer<typeof eventSummarySchema>;

export const programmeDaySchema = z.object({
  date: isoDate,
  sessions: z.array(sessionSchema),
});
export type ProgrammeDay = z.infer<typeof programmeDaySchema>;

export const eventDetailSchema = eventSummarySchema.extend({
  description: z.string().nullable(),
  organiser: organiserSchema,
  contactEmail: z.string().nullable(),
  days: z.array(programmeDaySchema),
  speakers: z.array(speakerSchema),
});
export type EventDetail = z.infer<typeof eventDetailSchema>;

export const eventListSchema = z.object({ events: z.array(eventSummarySchema) });
export type EventList = z.infer<typeof eventListSchema>;
