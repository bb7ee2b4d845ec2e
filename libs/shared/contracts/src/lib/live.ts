import { z } from 'zod';
import {
  pollCreateSchema,
  pollRefSchema,
  pollVoteSchema,
  questionAskSchema,
  questionEditSchema,
  questionFloorSchema,
  questionModerateSchema,
  questionRefSchema,
  questionUpvoteSchema,
  sessionJoinSchema,
  sessionLeaveSchema,
  sessionSettingsSchema,
  type EngagementSettings,
  type PollChangedEvent,
  type PollCreate,
  type PollRef,
  type PollTallyEvent,
  type PollView,
  type PollVote,
  type PollVoteResult,
  type QuestionAsk,
  type QuestionChangedEvent,
  type QuestionEdit,
  type QuestionFloor,
  type QuestionModerate,
  type QuestionRef,
  type QuestionsRankedEvent,
  type QuestionUpvote,
  type QuestionView,
  type ResyncEvent,
  type SessionSeqEvent,
  type SessionJoin,
  type SessionLeave,
  type SessionLeft,
  type SessionSettingsUpdate,
  type SessionSnapshot,
  type SettingsChangedEvent,
  type UpvoteResult,
} from './engagement';
import type { ErrorCode } from './errors';
import type { HandsChangedEvent, MyHandChangedEvent, StageState } from './media';

/** Path the live service serves socket.io on (behind the same origin as the web app). */
export const LIVE_SOCKET_PATH = '/live/socket.io';

/** Error carried inside a negative socket acknowledgement. */
export interface AckError {
  code: ErrorCode;
  message: string;
  details?: unknown;
}

/** Every client event is answered with exactly one of these. */
export type Ack<T> = { ok: true; data: T } | { ok: false; error: AckError };

export const systemPingSchema = z.object({ sentAt: z.number().int().nonnegative() });
export type SystemPing = z.infer<typeof systemPingSchema>;

export interface SystemPong {
  sentAt: number;
  serverTime: number;
  node: string;
}

type ClientEvent<P, T> = (payload: P, ack: (response: Ack<T>) => void) => void;

/** Events a client sends; payloads are objects and every event takes an ack callback. */
export interface ClientToServerEvents {
  'system:ping': ClientEvent<SystemPing, SystemPong>;
  'session:join': ClientEvent<SessionJoin, SessionSnapshot>;
  'session:leave': ClientEvent<SessionLeave, SessionLeft>;
  'session:settings': ClientEvent<SessionSettingsUpdate, EngagementSettings>;
  'question:ask': ClientEvent<QuestionAsk, QuestionView>;
  'question:floor': ClientEvent<QuestionFloor, QuestionView>;
  'question:edit': ClientEvent<QuestionEdit, QuestionView>;
  'question:withdraw': ClientEvent<QuestionRef, QuestionView>;
  'question:upvote': ClientEvent<QuestionUpvote, UpvoteResult>;
  'question:moderate': ClientEvent<QuestionModerate, QuestionView>;
  'poll:create': ClientEvent<PollCreate, PollView>;
  'poll:open': ClientEvent<PollRef, PollView>;
  'poll:close': ClientEvent<PollRef, PollView>;
  'poll:vote': ClientEvent<PollVote, PollVoteResult>;
}

/** Sent just before the service disconnects the sockets of a sign-in session that ended. */
export interface SignedOutEvent {
  reason: 'session-ended';
}

/**
 * The person was admitted at the door (`inRoom: true`) or the admission was undone, for one event day: an open
 * client switches between in-room mode (no stream autoplay; Q&A and polls) and online mode.
 */
export interface PresenceChangedEvent {
  eventId: string;
  day: string;
  inRoom: boolean;
}

/**
 * The person's registration for an event changed (approved, waitlisted, rejected, cancelled, edited) or its ticket
 * was reissued: open pages showing the registration or the ticket read them again.
 */
export interface RegistrationChangedPush {
  eventId: string;
  reason: 'status' | 'ticket';
}

/** Events the live service pushes to clients. */
export interface ServerToClientEvents {
  'system:notice': (payload: { message: string }) => void;
  'account:signed-out': (payload: SignedOutEvent) => void;
  'attendance:presence': (payload: PresenceChangedEvent) => void;
  'account:registration-changed': (payload: RegistrationChangedPush) => void;
  'question:changed': (payload: QuestionChangedEvent) => void;
  'questions:ranked': (payload: QuestionsRankedEvent) => void;
  'poll:changed': (payload: PollChangedEvent) => void;
  'poll:tally': (payload: PollTallyEvent) => void;
  'session:settings-changed': (payload: SettingsChangedEvent) => void;
  'session:resync': (payload: ResyncEvent) => void;
  'session:seq': (payload: SessionSeqEvent) => void;
  'stage:changed': (payload: StageState) => void;
  'stage:hands-changed': (payload: HandsChangedEvent) => void;
  'stage:my-hand': (payload: MyHandChangedEvent) => void;
}

/** Zod schema of every client event's payload, checked before any handler runs. */
export const clientEventSchemas = {
  'system:ping': systemPingSchema,
  'session:join': sessionJoinSchema,
  'session:leave': sessionLeaveSchema,
  'session:settings': sessionSettingsSchema,
  'question:ask': questionAskSchema,
  'question:floor': questionFloorSchema,
  'question:edit': questionEditSchema,
  'question:withdraw': questionRefSchema,
  'question:upvote': questionUpvoteSchema,
  'question:moderate': questionModerateSchema,
  'poll:create': pollCreateSchema,
  'poll:open': pollRefSchema,
  'poll:close': pollRefSchema,
  'poll:vote': pollVoteSchema,
} as const satisfies Record<keyof ClientToServerEvents, z.ZodType>;
