import { z } from 'zod';
import { hasVisibleCharacter } from './text';
import { entityIdSchema } from './programme';

// Live Q&A and polls: payloads of the socket events (see live.ts for the event maps), the views and the snapshot.

export const QUESTION_SOURCES = ['remote', 'room', 'floor'] as const;
export const QUESTION_STATUSES = [
  'pending',
  'approved',
  'rejected',
  'answered',
  'archived',
  'withdrawn',
] as const;
export const QA_MODES = ['pre_moderated', 'open'] as const;
export const POLL_KINDS = ['single', 'multiple'] as const;
export const POLL_STATES = ['draft', 'open', 'closed'] as const;
export const RESULT_VISIBILITIES = ['live', 'after_vote', 'after_close'] as const;
export const MODERATION_ACTIONS = [
  'approve',
  'reject',
  'highlight',
  'unhighlight',
  'answer',
  'archive',
] as const;

export const questionSourceSchema = z.enum(QUESTION_SOURCES);
export const questionStatusSchema = z.enum(QUESTION_STATUSES);
export const qaModeSchema = z.enum(QA_MODES);
export const pollKindSchema = z.enum(POLL_KINDS);
export const pollStateSchema = z.enum(POLL_STATES);
export const resultVisibilitySchema = z.enum(RESULT_VISIBILITIES);
export const moderationActionSchema = z.enum(MODERATION_ACTIONS);
export type QuestionSource = z.infer<typeof questionSourceSchema>;
export type QuestionStatus = z.infer<typeof questionStatusSchema>;
export type QaMode = z.infer<typeof qaModeSchema>;
export type PollKind = z.infer<typeof pollKindSchema>;
export type PollState = z.infer<typeof pollStateSchema>;
export type ResultVisibility = z.infer<typeof resultVisibilitySchema>;
export type ModerationAction = z.infer<typeof moderationActionSchema>;

/** Statuses everyone in the session sees; the others only moderators and the asker. */
export const PUBLIC_QUESTION_STATUSES: readonly QuestionStatus[] = ['approved', 'answered'];

export const QUESTION_MAX_LENGTH = 500;
export const POLL_MAX_OPTIONS = 10;

/**
 * Control characters (except tab and newline), bidirectional overrides and isolates, zero-width marks: stripped from
 * every text people type, so a question cannot reorder or hide what a moderator reads.
 */
/* eslint-disable no-control-regex -- matching control characters is the point */
const UNSAFE_CHARACTERS =
  /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u200B-\u200F\u202A-\u202E\u2060-\u206F\uFEFF]/g;
/* eslint-enable no-control-regex */

/** NFC-normalises, unifies line breaks, strips unsafe characters and trims; the result is stored raw (never HTML). */
export function cleanText(value: string): string {
  return value.normalize('NFC').replace(/\r\n?/g, '\n').replace(UNSAFE_CHARACTERS, '').trim();
}

/** A text field: cleaned first, then measured. */
const text = (min: number, max: number) =>
  z
    .string()
    .max(max * 4)
    .transform(cleanText)
    .pipe(
      z
        .string()
        .min(min, 'is too short')
        .max(max, `must be at most ${max} characters`)
        .refine(hasVisibleCharacter, 'must contain a visible character'),
    );

const questionText = text(3, QUESTION_MAX_LENGTH);

/** Every write carries a client-generated id: retrying it is harmless. */
export const clientIdSchema = z.uuid();

export const sessionJoinSchema = z.object({ sessionId: entityIdSchema });
export const sessionLeaveSchema = z.object({ sessionId: entityIdSchema });
export const questionAskSchema = z.object({
  clientId: clientIdSchema,
  sessionId: entityIdSchema,
  text: questionText,
  anonymous: z.boolean().default(false),
  /** Where the asker is: online (`remote`) or in the room, typing on a phone (`room`). */
  source: z.enum(['remote', 'room']).default('remote'),
});
/** Moderators enter questions asked from the floor (microphone) or handed in in the room. */
export const questionFloorSchema = z.object({
  clientId: clientIdSchema,
  sessionId: entityIdSchema,
  text: questionText,
  source: z.enum(['floor', 'room']).default('floor'),
});
export const questionEditSchema = z.object({ questionId: entityIdSchema, text: questionText });
export const questionRefSchema = z.object({ questionId: entityIdSchema });
export const questionUpvoteSchema = z.object({ questionId: entityIdSchema, up: z.boolean() });
export const questionModerateSchema = z.object({
  questionId: entityIdSchema,
  action: moderationActionSchema,
});

export const pollOptionInputSchema = text(1, 120);
export const pollCreateSchema = z.object({
  clientId: clientIdSchema,
  sessionId: entityIdSchema,
  question: text(3, 300),
  kind: pollKindSchema,
  options: z.array(pollOptionInputSchema).min(2).max(POLL_MAX_OPTIONS),
  visibility: resultVisibilitySchema.default('live'),
  allowChange: z.boolean().default(false),
});
export const pollRefSchema = z.object({ pollId: entityIdSchema });
/** Option ids are `o1` … `o10`, in the order the options were given. */
export const pollOptionIdSchema = z.string().regex(/^o([1-9]|10)$/);
export const pollVoteSchema = z.object({
  pollId: entityIdSchema,
  optionIds: z
    .array(pollOptionIdSchema)
    .min(1)
    .max(POLL_MAX_OPTIONS)
    .refine((ids) => new Set(ids).size === ids.length, 'must not repeat an option'),
});
export const sessionSettingsSchema = z.object({
  sessionId: entityIdSchema,
  qaMode: qaModeSchema.optional(),
  anonymousAllowed: z.boolean().optional(),
  confidential: z.boolean().optional(),
});

export type SessionJoin = z.input<typeof sessionJoinSchema>;
export type SessionLeave = z.input<typeof sessionLeaveSchema>;
export type QuestionAsk = z.input<typeof questionAskSchema>;
export type QuestionFloor = z.input<typeof questionFloorSchema>;
export type QuestionEdit = z.input<typeof questionEditSchema>;
export type QuestionRef = z.input<typeof questionRefSchema>;
export type QuestionUpvote = z.input<typeof questionUpvoteSchema>;
export type QuestionModerate = z.input<typeof questionModerateSchema>;
export type PollCreate = z.input<typeof pollCreateSchema>;
export type PollRef = z.input<typeof pollRefSchema>;
export type PollVote = z.input<typeof pollVoteSchema>;
export type SessionSettingsUpdate = z.input<typeof sessionSettingsSchema>;

export interface QuestionView {
  id: string;
  sessionId: string;
  /** As typed (cleaned of control characters): render it as text, never as HTML. */
  text: string;
  /** Null when the question is anonymous, when the session is confidential, or for floor questions. */
  askerName: string | null;
  anonymous: boolean;
  source: QuestionSource;
  status: QuestionStatus;
  votes: number;
  highlighted: boolean;
  /** True only in what the asker receives (their ack, snapshot and personal events). */
  mine: boolean;
  createdAt: string;
  editedByModerator: boolean;
}

export interface PollOption {
  id: string;
  label: string;
}

export interface PollResults {
  /** Number of ballots naming each option id. */
  counts: Record<string, number>;
  /** Number of people who voted. */
  voters: number;
}

export interface PollView {
  id: string;
  sessionId: string;
  question: string;
  kind: PollKind;
  options: PollOption[];
  state: PollState;
  visibility: ResultVisibility;
  allowChange: boolean;
  /** Counts, when this viewer may see them (moderators always; others per `visibility`). */
  results: PollResults | null;
  /** The viewer's own choice: only in the snapshot and acks, null in broadcasts. */
  myVote: string[] | null;
}

export interface EngagementSettings {
  qaMode: QaMode;
  anonymousAllowed: boolean;
  confidential: boolean;
}

/** What `session:join` answers: everything the role may see, and the sequence number it is current at. */
export interface SessionSnapshot {
  sessionId: string;
  seq: number;
  canModerate: boolean;
  settings: EngagementSettings;
  questions: QuestionView[];
  polls: PollView[];
  myUpvotes: string[];
  /** Sockets joined to the session on the node that answered (see docs/live-protocol.md). */
  online: number;
}

/** Pushed to a session's room; `seq` increases by one per discrete event, so a client seeing a gap resyncs. */
export interface SessionEventBase {
  sessionId: string;
  seq: number;
}

/** A question was asked or changed. `question` is null when the receiver may not (or no longer) see it. */
export interface QuestionChangedEvent extends SessionEventBase {
  questionId: string;
  question: QuestionView | null;
}

/** Vote counts of the questions whose votes changed since the previous tick, most votes first. Does not bump seq. */
export interface QuestionsRankedEvent extends SessionEventBase {
  votes: Array<{ id: string; votes: number }>;
}

/** A poll was created, opened or closed. `poll` is null when the receiver may not see it (drafts). */
export interface PollChangedEvent extends SessionEventBase {
  pollId: string;
  poll: PollView | null;
}

/** Current counts of a poll, to those who may see them; coalesced (at most 4 per second per poll). No seq bump. */
export interface PollTallyEvent extends SessionEventBase {
  pollId: string;
  results: PollResults;
}

export interface SettingsChangedEvent extends SessionEventBase {
  settings: EngagementSettings;
}

/**
 * The session's current sequence number, sent by the live node a client is connected to (not through Redis): when a
 * session's number moved since the node last said it, every 2 s, and to every session at once after the node's Redis
 * connection comes back. A client whose last applied event is older knows it missed one (a broadcast lost in a Redis
 * restart or a failed stream append) and rejoins if the gap does not close within a second. Does not bump seq.
 */
export type SessionSeqEvent = SessionEventBase;

/** Rejoin the session (after a random delay of up to 2 s): what you hold can no longer be patched. */
export interface ResyncEvent {
  sessionId: string;
  /** `access`: the person's registration or roles changed; rejoining checks them again. */
  reason: 'settings' | 'server' | 'access';
}

export interface UpvoteResult {
  questionId: string;
  up: boolean;
}

export interface PollVoteResult {
  pollId: string;
  myVote: string[];
}

export interface SessionLeft {
  sessionId: string;
}

/** JSON export of a session's Q&A and poll results (askers' names omitted when anonymous or confidential). */
export interface EngagementExport {
  sessionId: string;
  exportedAt: string;
  confidential: boolean;
  questions: Array<Omit<QuestionView, 'mine' | 'sessionId'>>;
  polls: Array<Omit<PollView, 'myVote' | 'sessionId' | 'results'> & { results: PollResults }>;
}
