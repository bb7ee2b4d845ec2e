import { z } from 'zod';
import { registrationStatusSchema } from './access';
import { myHandSchema, stageStateSchema } from './media';
import { entityIdSchema } from './programme';

// Domain events: facts the api commits that live nodes must act on (ADR 0013). The api sends them with PostgreSQL
// `NOTIFY` on `DOMAIN_EVENTS_CHANNEL` inside the transaction that made them true, so they go out on commit and never
// on rollback; every live node `LISTEN`s and acts on its own sockets only, so nothing is delivered twice. Every api and
// live process also drops what its access caches hold about the person or session an event names (ADR 0015).

/** PostgreSQL channel of the platform's domain events. */
export const DOMAIN_EVENTS_CHANNEL = 'plenary_events';

/** PostgreSQL refuses NOTIFY payloads of 8,000 bytes or more; events stay far below. */
export const DOMAIN_EVENT_MAX_BYTES = 7_900;

/** A person was admitted at the door (or the admission was undone) for one event day. */
export const checkinDomainEventSchema = z.object({
  type: z.enum(['checkin.admitted', 'checkin.undone']),
  eventId: entityIdSchema,
  personId: entityIdSchema,
  day: z.iso.date(),
});
export type CheckinDomainEvent = z.infer<typeof checkinDomainEventSchema>;

/**
 * Sign-in sessions ended: one (`sessionId`: sign out, a revoked check-in device) or all of a person's (sign out
 * everywhere, an organiser ending them, a ban, erasure). Their sockets are disconnected.
 */
export const sessionsRevokedEventSchema = z.object({
  type: z.literal('access.sessions-revoked'),
  personId: entityIdSchema,
  sessionId: entityIdSchema.optional(),
});
export type SessionsRevokedEvent = z.infer<typeof sessionsRevokedEventSchema>;

/** A registration left (or entered) the approved state: live access to the event's sessions changes with it. */
export const registrationChangedEventSchema = z.object({
  type: z.literal('access.registration-changed'),
  eventId: entityIdSchema,
  personId: entityIdSchema,
  status: registrationStatusSchema,
});
export type RegistrationChangedEvent = z.infer<typeof registrationChangedEventSchema>;

/**
 * An organiser reissued a person's ticket: the old QR code no longer works. Open "My ticket" pages of the person
 * fetch the new one (live service → `account:registration-changed`).
 */
export const ticketReissuedEventSchema = z.object({
  type: z.literal('access.ticket-reissued'),
  eventId: entityIdSchema,
  personId: entityIdSchema,
});
export type TicketReissuedEvent = z.infer<typeof ticketReissuedEventSchema>;

/**
 * A person gained a role for an event (an invitation accepted, a registration): what they may do in its sessions
 * changes with it (publishing on stage, the moderator console).
 */
export const rolesChangedEventSchema = z.object({
  type: z.literal('access.roles-changed'),
  eventId: entityIdSchema,
  personId: entityIdSchema,
});
export type RolesChangedEvent = z.infer<typeof rolesChangedEventSchema>;

/** A person was banned from an event's video rooms, or the ban was lifted. */
export const banChangedEventSchema = z.object({
  type: z.literal('media.ban-changed'),
  eventId: entityIdSchema,
  personId: entityIdSchema,
  banned: z.boolean(),
});
export type BanChangedEvent = z.infer<typeof banChangedEventSchema>;

/**
 * A session's stage changed: backstage opened, live, ended, recording started or stopped. Carries the new
 * `StageState` (a few flags, nothing personal): live nodes push it to the session's sockets as `stage:changed`.
 */
export const stageChangedEventSchema = z.object({
  type: z.literal('media.stage-changed'),
  eventId: entityIdSchema,
  sessionId: entityIdSchema,
  stage: stageStateSchema,
});
export type StageChangedEvent = z.infer<typeof stageChangedEventSchema>;

/**
 * A person's hand in a session changed (raised, invited, on stage, lowered, demoted, removed): the moderators'
 * queue is refetched (`stage:hands-changed`) and the person's own clients learn their status (`stage:my-hand`).
 */
export const handChangedEventSchema = z.object({
  type: z.literal('media.hand-changed'),
  eventId: entityIdSchema,
  sessionId: entityIdSchema,
  personId: entityIdSchema,
  status: myHandSchema.shape.status,
});
export type HandChangedEvent = z.infer<typeof handChangedEventSchema>;

/** Most session ids one `programme.changed` names; beyond it the event says `scope: 'event'` with none. */
export const PROGRAMME_CHANGED_MAX_SESSIONS = 100;

/**
 * Something in an event's programme changed and was committed: the event's own fields (`event`), sessions, speakers
 * or rooms. `sessionIds` names the sessions whose public view changed (empty with `scope: 'event'`: re-read the whole
 * programme). `programmeVersion` is the event's version after the change (the event page's ETag).
 */
export const programmeChangedEventSchema = z.object({
  type: z.literal('programme.changed'),
  eventId: entityIdSchema,
  sessionIds: z.array(entityIdSchema).max(PROGRAMME_CHANGED_MAX_SESSIONS),
  scope: z.enum(['event', 'sessions', 'speakers', 'rooms']),
  programmeVersion: z.number().int(),
});
export type ProgrammeChangedEvent = z.infer<typeof programmeChangedEventSchema>;

/**
 * A session was cancelled: its open polls were closed and it takes no more questions, votes or polls (issue #12).
 * Live nodes tell the session's sockets to rejoin (`session:resync`), so they read the closed state.
 */
export const sessionClosedEventSchema = z.object({
  type: z.literal('engagement.session-closed'),
  eventId: entityIdSchema,
  sessionId: entityIdSchema,
});
export type SessionClosedEvent = z.infer<typeof sessionClosedEventSchema>;

/** Every domain event the platform sends. Unknown types are ignored (newer api, older live node). */
export const domainEventSchema = z.union([
  checkinDomainEventSchema,
  sessionsRevokedEventSchema,
  registrationChangedEventSchema,
  ticketReissuedEventSchema,
  rolesChangedEventSchema,
  stageChangedEventSchema,
  handChangedEventSchema,
  banChangedEventSchema,
  programmeChangedEventSchema,
  sessionClosedEventSchema,
]);
export type DomainEvent = z.infer<typeof domainEventSchema>;
