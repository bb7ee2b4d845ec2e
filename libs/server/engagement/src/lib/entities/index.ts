import { LiveNodeEntity } from './live-node.entity';
import { OnlinePresenceEntity } from './online-presence.entity';
import { PollBallotEntity } from './poll-ballot.entity';
import { PollEntity } from './poll.entity';
import { QuestionVoteEntity } from './question-vote.entity';
import { QuestionEntity } from './question.entity';
import { SessionEngagementEntity } from './session-engagement.entity';

export {
  LiveNodeEntity,
  OnlinePresenceEntity,
  PollBallotEntity,
  PollEntity,
  QuestionEntity,
  QuestionVoteEntity,
  SessionEngagementEntity,
};

/** Entities owned by the engagement context (Q&A, polls and online presence). */
export const ENGAGEMENT_ENTITIES = [
  SessionEngagementEntity,
  QuestionEntity,
  QuestionVoteEntity,
  PollEntity,
  PollBallotEntity,
  LiveNodeEntity,
  OnlinePresenceEntity,
];
