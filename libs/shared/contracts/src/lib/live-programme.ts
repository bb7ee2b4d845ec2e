import { z } from 'zod';
import type { Ack } from './live';
import { entityIdSchema } from './programme';

// Programme updates over the live service (issue #12, "Changes reach people"). They travel on their own socket.io
// namespace, which — unlike the default one — accepts visitors who are not signed in: a public programme page is
// public, and so is the fact that it changed. Nothing personal and no content travels: a client that hears of a
// change re-reads the programme over HTTP, where every access rule applies.

/** socket.io namespace of programme updates (same path and origin as the default namespace). */
export const LIVE_PROGRAMME_NAMESPACE = '/programme';

/** Most events one socket may watch at once. */
export const PROGRAMME_WATCH_MAX_EVENTS = 10;

/** `programme:watch` / `programme:unwatch`: an open page of an event (its home, programme, a session, an agenda). */
export const programmeWatchSchema = z.object({ eventId: entityIdSchema });
export type ProgrammeWatch = z.infer<typeof programmeWatchSchema>;

/** The ack of `programme:watch`: `team` when the socket also hears of changes while the event is a draft. */
export interface ProgrammeWatching {
  eventId: string;
  team: boolean;
}

/**
 * `programme:changed`: something in the event's programme was committed. `sessionIds` names the sessions whose view
 * changed (empty with `scope: 'event'`: re-read everything of the event); `programmeVersion` is the event page's
 * version after the change — a client whose copy is at that version or newer may skip the re-read.
 */
export const programmeChangedMessageSchema = z.object({
  eventId: entityIdSchema,
  sessionIds: z.array(entityIdSchema),
  scope: z.enum(['event', 'sessions', 'speakers', 'rooms']),
  programmeVersion: z.number().int(),
});
export type ProgrammeChangedMessage = z.infer<typeof programmeChangedMessageSchema>;

type ClientEvent<P, T> = (payload: P, ack: (response: Ack<T>) => void) => void;

/** Events a client sends on the programme namespace. */
export interface ProgrammeClientToServerEvents {
  'programme:watch': ClientEvent<ProgrammeWatch, ProgrammeWatching>;
  'programme:unwatch': ClientEvent<ProgrammeWatch, ProgrammeWatch>;
}

/** Events the live service pushes on the programme namespace. */
export interface ProgrammeServerToClientEvents {
  'programme:changed': (payload: ProgrammeChangedMessage) => void;
}

/** Zod schema of every client event's payload on the programme namespace. */
export const programmeClientEventSchemas = {
  'programme:watch': programmeWatchSchema,
  'programme:unwatch': programmeWatchSchema,
} as const satisfies Record<keyof ProgrammeClientToServerEvents, z.ZodType>;
