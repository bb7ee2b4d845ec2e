import type { QuestionView, SessionSnapshot, SessionState } from '@plenary/contracts';
import {
  LiveAckError,
  useAskQuestion,
  useHybridMode,
  useLiveSession,
  useUpvoteQuestion,
} from '@plenary/web-data-access';
import { Button, LoadingState, Notice, Skeleton } from '@plenary/web-ui';
import { AskQuestionForm } from './ask-question-form';
import { ConnectionIndicator } from './connection-indicator';
import { describeLiveError } from './describe-live-error';
import { useLiveTranslation } from './live-i18n';
import { MyQuestionItem } from './my-question-item';
import { PollBallot } from './poll-ballot';
import { QuestionText, byVotesThenTime, isPublicQuestion, useAskerLabel } from './question-parts';

/** What the session page hands the panel (see the programme feature's `SessionPanelContext`). */
export interface LivePanelProps {
  eventSlug: string;
  sessionId: string;
  sessionState: SessionState;
  /** The id of the panel's h2, which labels the page's complementary region. */
  headingId: string;
}

/**
 * The participant's live Q&A and polls beside the stage: ask, own questions and their status, the approved
 * questions ranked by votes with upvotes, the highlighted one on top, polls with votes and results, and how the
 * connection is doing. Works in every session state; the server decides what may be done.
 */
export function LivePanel({ eventSlug, sessionId, sessionState, headingId }: LivePanelProps) {
  const { t } = useLiveTranslation();
  const { snapshot, query, connection } = useLiveSession(sessionId);

  return (
    <div className="lv-panel">
      <header className="lv-panel__head">
        <h2 id={headingId} className="lv-panel__title">
          {t('panel.title')}
        </h2>
        <ConnectionIndicator state={connection} />
      </header>
      {sessionState === 'ended' && <p className="lv-panel__note">{t('panel.ended')}</p>}
      {snapshot ? (
        <PanelBody snapshot={snapshot} sessionId={sessionId} eventSlug={eventSlug} />
      ) : query.isError ? (
        <Notice
          tone="error"
          headingLevel={3}
          title={t('errors.joinTitle')}
          role="alert"
          actions={
            !(query.error instanceof LiveAckError) || query.error.code === 'core/unavailable' ? (
              <Button variant="secondary" onClick={() => void query.refetch()}>
                {t('errors.retry')}
              </Button>
            ) : undefined
          }
        >
          <p>{describeLiveError(query.error, t)}</p>
        </Notice>
      ) : (
        <LoadingState label={t('panel.loading')}>
          <div className="lv-skeleton-stack">
            <Skeleton width="60%" />
            <Skeleton shape="block" width="100%" height="6rem" />
            <Skeleton shape="block" width="100%" height="4rem" />
          </div>
        </LoadingState>
      )}
    </div>
  );
}

function PanelBody({
  snapshot,
  sessionId,
  eventSlug,
}: {
  snapshot: SessionSnapshot;
  sessionId: string;
  eventSlug: string;
}) {
  // Admitted at the door today: questions are "from the room" unless the person unticks it.
  const { inRoom } = useHybridMode(eventSlug);
  const { t } = useLiveTranslation();
  const ask = useAskQuestion(sessionId);
  const askerLabel = useAskerLabel();
  // A moderator's snapshot also holds others' pending questions and drafts: the panel shows the public view.
  const highlighted = snapshot.questions.find(
    (question) => question.highlighted && isPublicQuestion(question),
  );
  const ranked = snapshot.questions
    .filter((question) => question.status === 'approved' && !question.highlighted)
    .sort(byVotesThenTime);
  const answered = snapshot.questions.filter((question) => question.status === 'answered');
  const mine = snapshot.questions
    .filter((question) => question.mine)
    .sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  const openPolls = snapshot.polls.filter((poll) => poll.state === 'open');
  const closedPolls = snapshot.polls.filter((poll) => poll.state === 'closed').reverse();

  return (
    <div className="lv-panel__body">
      {highlighted && (
        <section className="lv-panel__section lv-highlight" aria-labelledby="lv-highlight-title">
          <h3 id="lv-highlight-title" className="lv-highlight__title">
            {t('panel.highlighted')}
          </h3>
          <QuestionText text={highlighted.text} className="lv-highlight__text" />
          <p className="lv-question__meta">{askerLabel(highlighted)}</p>
        </section>
      )}

      {openPolls.length > 0 && (
        <section className="lv-panel__section" aria-labelledby="lv-polls-title">
          <h3 id="lv-polls-title" className="lv-panel__subtitle">
            {t('panel.pollsTitle')}
          </h3>
          {openPolls.map((poll) => (
            <PollBallot key={poll.id} sessionId={sessionId} poll={poll} />
          ))}
        </section>
      )}

      <section className="lv-panel__section" aria-labelledby="lv-ask-title">
        <h3 id="lv-ask-title" className="lv-panel__subtitle">
          {t('ask.title')}
        </h3>
        <AskQuestionForm
          settings={snapshot.settings}
          inRoomByDefault={inRoom}
          onAsk={(input) => ask.mutateAsync(input)}
        />
      </section>

      {mine.length > 0 && (
        <section className="lv-panel__section" aria-labelledby="lv-mine-title">
          <h3 id="lv-mine-title" className="lv-panel__subtitle">
            {t('panel.mineTitle')}
          </h3>
          <ul className="lv-question-list">
            {mine.map((question) => (
              <MyQuestionItem key={question.id} question={question} />
            ))}
          </ul>
        </section>
      )}

      <section className="lv-panel__section" aria-labelledby="lv-questions-title">
        <h3 id="lv-questions-title" className="lv-panel__subtitle">
          {t('panel.questionsTitle')}
        </h3>
        {ranked.length > 0 ? (
          <ol className="lv-question-list">
            {ranked.map((question) => (
              <RankedQuestion
                key={question.id}
                question={question}
                sessionId={sessionId}
                up={snapshot.myUpvotes.includes(question.id)}
                asker={askerLabel(question)}
              />
            ))}
          </ol>
        ) : (
          <p className="lv-panel__empty">
            {highlighted ? t('panel.questionsEmptyOthers') : t('panel.questionsEmpty')}
          </p>
        )}
      </section>

      {answered.length > 0 && (
        <section className="lv-panel__section" aria-labelledby="lv-answered-title">
          <h3 id="lv-answered-title" className="lv-panel__subtitle">
            {t('panel.answeredTitle')}
          </h3>
          <ul className="lv-question-list lv-question-list--quiet">
            {answered.map((question) => (
              <li key={question.id} className="lv-question">
                <QuestionText text={question.text} />
                <p className="lv-question__meta">
                  {askerLabel(question)} · {t('question.votes', { count: question.votes })}
                </p>
              </li>
            ))}
          </ul>
        </section>
      )}

      {closedPolls.length > 0 && (
        <section className="lv-panel__section" aria-labelledby="lv-results-title">
          <h3 id="lv-results-title" className="lv-panel__subtitle">
            {t('panel.resultsTitle')}
          </h3>
          {closedPolls.map((poll) => (
            <PollBallot key={poll.id} sessionId={sessionId} poll={poll} />
          ))}
        </section>
      )}
    </div>
  );
}

interface RankedQuestionProps {
  question: QuestionView;
  sessionId: string;
  up: boolean;
  asker: string;
}

/** An approved question with its votes and the viewer's upvote toggle (pressed = upvoted). */
function RankedQuestion({ question, sessionId, up, asker }: RankedQuestionProps) {
  const { t } = useLiveTranslation();
  const upvote = useUpvoteQuestion(sessionId);
  const textId = `lv-q-${question.id}`;
  const reasonId = `lv-q-${question.id}-own`;
  return (
    <li className="lv-question lv-question--ranked">
      {question.mine ? (
        // No upvote on one's own question (the live service refuses it too): the count, and why there is no button.
        <p className="lv-upvote lv-upvote--own" aria-describedby={reasonId}>
          <svg className="lv-upvote__icon" viewBox="0 0 16 16" aria-hidden="true" focusable="false">
            <path d="M8 3 2.5 10h11z" fill="currentColor" />
          </svg>
          <span className="pl-visually-hidden">{t('question.ownVotes')}: </span>
          <span className="lv-upvote__count">{question.votes}</span>
        </p>
      ) : (
        <button
          type="button"
          className="lv-upvote"
          aria-pressed={up}
          aria-describedby={textId}
          onClick={() => upvote.mutate({ questionId: question.id, up: !up })}
        >
          <svg className="lv-upvote__icon" viewBox="0 0 16 16" aria-hidden="true" focusable="false">
            <path d="M8 3 2.5 10h11z" fill="currentColor" />
          </svg>
          <span className="pl-visually-hidden">{t('question.upvote')}, </span>
          <span className="lv-upvote__count">{question.votes}</span>
          <span className="pl-visually-hidden"> {t('question.votesWord', { count: question.votes })}</span>
        </button>
      )}
      <div className="lv-question__body">
        <QuestionText id={textId} text={question.text} />
        <p className="lv-question__meta">{question.mine ? t('question.you') : asker}</p>
        {question.mine && (
          <p id={reasonId} className="lv-question__meta lv-question__own">
            {t('question.ownNoUpvote')}
          </p>
        )}
      </div>
    </li>
  );
}
