import type {
  EngagementSettings,
  PollChangedEvent,
  PollResults,
  PollTallyEvent,
  PollView,
  QuestionChangedEvent,
  QuestionsRankedEvent,
  QuestionView,
  SessionSeqEvent,
  SessionSnapshot,
  SettingsChangedEvent,
} from '@plenary/contracts';
import type { QueryClient } from '@tanstack/react-query';

/**
 * Query keys of the live sessions. Under `me`: what a snapshot holds depends on who is signed in (own questions,
 * own votes), so a sign-in or sign-out resets it with the other personal data.
 */
export const liveQueryKeys = {
  all: () => ['me', 'live'] as const,
  session: (sessionId: string) => ['me', 'live', 'sessions', sessionId] as const,
};

/** A pushed event of one session, tagged with its name. */
export type LiveSessionEvent =
  | { type: 'question:changed'; payload: QuestionChangedEvent }
  | { type: 'questions:ranked'; payload: QuestionsRankedEvent }
  | { type: 'poll:changed'; payload: PollChangedEvent }
  | { type: 'poll:tally'; payload: PollTallyEvent }
  | { type: 'session:settings-changed'; payload: SettingsChangedEvent }
  | { type: 'session:seq'; payload: SessionSeqEvent };

/** Whether the event took a sequence number of its own (ranked lists and tallies only carry the current one). */
export function takesSeq(event: LiveSessionEvent): boolean {
  switch (event.type) {
    case 'question:changed':
    case 'poll:changed':
    case 'session:settings-changed':
      return true;
    case 'questions:ranked':
    case 'poll:tally':
    case 'session:seq':
      return false;
  }
}

/**
 * The snapshot with one pushed event applied. Sequenced events also advance `seq`; the caller checks the order
 * first (see `LiveSessionSync`). Never mutates its input.
 */
export function applyLiveEvent(snapshot: SessionSnapshot, event: LiveSessionEvent): SessionSnapshot {
  switch (event.type) {
    case 'question:changed': {
      const { questionId, question, seq } = event.payload;
      const next =
        question === null || question.status === 'withdrawn'
          ? removeQuestion(snapshot, questionId)
          : putQuestion(snapshot, question);
      return { ...next, seq };
    }
    case 'questions:ranked': {
      const votes = new Map(event.payload.votes.map(({ id, votes: count }) => [id, count]));
      if (!snapshot.questions.some((question) => votes.has(question.id))) return snapshot;
      return {
        ...snapshot,
        questions: snapshot.questions.map((question) => {
          const count = votes.get(question.id);
          return count === undefined || count === question.votes ? question : { ...question, votes: count };
        }),
      };
    }
    case 'poll:changed': {
      const { pollId, poll, seq } = event.payload;
      const next = poll === null ? removePoll(snapshot, pollId) : putPoll(snapshot, poll);
      return { ...next, seq };
    }
    case 'poll:tally': {
      const { pollId, results } = event.payload;
      return setPollResults(snapshot, pollId, results);
    }
    case 'session:settings-changed':
      return { ...snapshot, settings: event.payload.settings, seq: event.payload.seq };
    case 'session:seq':
      // Only its number counts: above the last applied one, `LiveSessionSync` waits for the gap to close or rejoins.
      return snapshot;
  }
}

function removeQuestion(snapshot: SessionSnapshot, questionId: string): SessionSnapshot {
  if (!snapshot.questions.some((question) => question.id === questionId)) return snapshot;
  return {
    ...snapshot,
    questions: snapshot.questions.filter((question) => question.id !== questionId),
    myUpvotes: snapshot.myUpvotes.filter((id) => id !== questionId),
  };
}

/** Inserts or replaces a question. Broadcasts say `mine: false` to others, so a question once mine stays mine. */
function putQuestion(snapshot: SessionSnapshot, question: QuestionView): SessionSnapshot {
  const index = snapshot.questions.findIndex((candidate) => candidate.id === question.id);
  if (index === -1) return { ...snapshot, questions: [...snapshot.questions, question] };
  const previous = snapshot.questions[index];
  const questions = [...snapshot.questions];
  questions[index] = previous?.mine && !question.mine ? { ...question, mine: true } : question;
  return { ...snapshot, questions };
}

function removePoll(snapshot: SessionSnapshot, pollId: string): SessionSnapshot {
  if (!snapshot.polls.some((poll) => poll.id === pollId)) return snapshot;
  return { ...snapshot, polls: snapshot.polls.filter((poll) => poll.id !== pollId) };
}

/**
 * Inserts or replaces a poll. Broadcasts carry no personal state: the viewer's own vote stays, and results the
 * viewer already sees (e.g. after voting) stay until newer ones arrive.
 */
function putPoll(snapshot: SessionSnapshot, poll: PollView): SessionSnapshot {
  const index = snapshot.polls.findIndex((candidate) => candidate.id === poll.id);
  if (index === -1) return { ...snapshot, polls: [...snapshot.polls, poll] };
  const previous = snapshot.polls[index];
  const polls = [...snapshot.polls];
  polls[index] = {
    ...poll,
    myVote: poll.myVote ?? previous?.myVote ?? null,
    results: poll.results ?? previous?.results ?? null,
  };
  return { ...snapshot, polls };
}

function setPollResults(snapshot: SessionSnapshot, pollId: string, results: PollResults): SessionSnapshot {
  if (!snapshot.polls.some((poll) => poll.id === pollId)) return snapshot;
  return {
    ...snapshot,
    polls: snapshot.polls.map((poll) => (poll.id === pollId ? { ...poll, results } : poll)),
  };
}

// ---------------------------------------------------------------------------------------------------------------
// What acknowledgements add. Shared state arrives as sequenced events; acks only add what no event carries (the
// viewer's own upvotes and votes) or show a new item before its event, never overwriting what an event brought.

/** A question the viewer just asked or entered, shown before its event arrives (no-op when already there). */
export function addQuestionIfAbsent(snapshot: SessionSnapshot, question: QuestionView): SessionSnapshot {
  if (snapshot.questions.some((candidate) => candidate.id === question.id)) return snapshot;
  if (question.status === 'withdrawn') return snapshot;
  return { ...snapshot, questions: [...snapshot.questions, question] };
}

/** A poll the moderator just created, shown before its event arrives (no-op when already there). */
export function addPollIfAbsent(snapshot: SessionSnapshot, poll: PollView): SessionSnapshot {
  if (snapshot.polls.some((candidate) => candidate.id === poll.id)) return snapshot;
  return { ...snapshot, polls: [...snapshot.polls, poll] };
}

/** Records the viewer's own upvote (or its removal). */
export function setMyUpvote(snapshot: SessionSnapshot, questionId: string, up: boolean): SessionSnapshot {
  const has = snapshot.myUpvotes.includes(questionId);
  if (has === up) return snapshot;
  return {
    ...snapshot,
    myUpvotes: up
      ? [...snapshot.myUpvotes, questionId]
      : snapshot.myUpvotes.filter((id) => id !== questionId),
  };
}

/** Records the viewer's own ballot in a poll. */
export function setMyVote(snapshot: SessionSnapshot, pollId: string, myVote: string[]): SessionSnapshot {
  if (!snapshot.polls.some((poll) => poll.id === pollId)) return snapshot;
  return {
    ...snapshot,
    polls: snapshot.polls.map((poll) => (poll.id === pollId ? { ...poll, myVote } : poll)),
  };
}

/** Settings the moderator just saved (their event follows with the same values). */
export function setSettings(snapshot: SessionSnapshot, settings: EngagementSettings): SessionSnapshot {
  return { ...snapshot, settings };
}

/** Applies `update` to the cached snapshot of a session, if there is one. */
export function updateLiveSession(
  queryClient: QueryClient,
  sessionId: string,
  update: (snapshot: SessionSnapshot) => SessionSnapshot,
): void {
  queryClient.setQueryData<SessionSnapshot>(liveQueryKeys.session(sessionId), (current) =>
    current ? update(current) : current,
  );
}
