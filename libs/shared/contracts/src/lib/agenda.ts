import { z } from 'zod';
import { entityIdSchema, eventSlugSchema, sessionSchema } from './programme';

/** `PUT|DELETE /api/events/:slug/sessions/:sessionId/star`: the star of one session in my agenda. */
export const sessionStarSchema = z.object({
  sessionId: entityIdSchema,
  starred: z.boolean(),
});
export type SessionStar = z.infer<typeof sessionStarSchema>;

/** The private calendar feed of my agenda, as the agenda page shows it (the address itself only when created). */
export const agendaFeedStatusSchema = z.object({
  createdAt: z.iso.datetime({ offset: true }),
});
export type AgendaFeedStatus = z.infer<typeof agendaFeedStatusSchema>;

/** `GET /api/events/:slug/my/agenda`: the sessions I starred, in start order, and whether my feed is on. */
export const myAgendaSchema = z.object({
  eventSlug: eventSlugSchema,
  sessions: z.array(sessionSchema),
  feed: agendaFeedStatusSchema.nullable(),
});
export type MyAgenda = z.infer<typeof myAgendaSchema>;

/**
 * `POST /api/events/:slug/my/agenda/feed`: a new secret feed address (any previous one stops working). The address
 * is shown once: only a hash of its token is kept.
 */
export const agendaFeedSchema = agendaFeedStatusSchema.extend({
  url: z.string(),
});
export type AgendaFeed = z.infer<typeof agendaFeedSchema>;

/** The token of a feed address: 43 base64url characters (256 random bits). */
export const agendaFeedTokenParamsSchema = z.object({
  token: z.string().regex(/^[A-Za-z0-9_-]{43}\.ics$/, 'is not a feed address'),
});
