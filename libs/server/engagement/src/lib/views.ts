import {
  PUBLIC_QUESTION_STATUSES,
  type EngagementSettings,
  type PollResults,
  type PollView,
  type QuestionStatus,
  type QuestionView,
} from '@plenary/contracts';
import type { PollRecord, QuestionRecord } from './engagement.repository';

/** Whether everyone in the session sees a question with this status. */
export const isPublicQuestion = (status: QuestionStatus): boolean =>
  PUBLIC_QUESTION_STATUSES.includes(status);

/**
 * The asker's name as anyone may see it: never for anonymous questions, never in a confidential session (not even
 * for moderators or in exports), never for questions a moderator entered.
 */
export function visibleAskerName(record: QuestionRecord, settings: EngagementSettings): string | null {
  if (record.anonymous || settings.confidential || record.personId === null) return null;
  return record.askerName;
}

export function toQuestionView(
  record: QuestionRecord,
  settings: EngagementSettings,
  mine: boolean,
): QuestionView {
  return {
    id: record.id,
    sessionId: record.sessionId,
    text: record.text,
    askerName: visibleAskerName(record, settings),
    anonymous: record.anonymous,
    source: record.source,
    status: record.status,
    votes: record.votes,
    highlighted: record.highlighted,
    mine,
    createdAt: record.createdAt.toISOString(),
    editedByModerator: record.editedByModerator,
  };
}

/** Whether a viewer may see a poll's counts: moderators always, others per the poll's visibility. */
export function resultsVisible(poll: PollRecord, viewer: { moderator: boolean; voted: boolean }): boolean {
  if (viewer.moderator || poll.state === 'closed') return true;
  if (poll.state === 'draft') return false;
  switch (poll.visibility) {
    case 'live':
      return true;
    case 'after_vote':
      return viewer.voted;
    case 'after_close':
      return false;
  }
}

export function toPollView(poll: PollRecord, results: PollResults | null, myVote: string[] | null): PollView {
  return {
    id: poll.id,
    sessionId: poll.sessionId,
    question: poll.question,
    kind: poll.kind,
    options: poll.options,
    state: poll.state,
    visibility: poll.visibility,
    allowChange: poll.allowChange,
    results,
    myVote,
  };
}
