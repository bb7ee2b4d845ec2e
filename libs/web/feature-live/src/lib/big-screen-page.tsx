import type { PollView, QuestionView, SessionSnapshot } from '@plenary/contracts';
import { useEvent, useLiveSession, useSession } from '@plenary/web-data-access';
import type { LiveConnectionState } from '@plenary/web-data-access';
import { LinkButton, classNames, useDocumentTitle } from '@plenary/web-ui';
import { useParams } from 'react-router';
import { ConnectionIndicator } from './connection-indicator';
import { describeLiveError } from './describe-live-error';
import { JoinQrCode } from './join-qr-code';
import { useLiveTranslation } from './live-i18n';
import { resultsPublic } from './poll-results';
import { PollResultsChart } from './poll-results-chart';
import { byVotesThenTime, useAskerLabel } from './question-parts';
import { useEventRoles } from './use-event-roles';

const TOP_QUESTIONS = 3;

/**
 * `/e/:slug/sessions/:sessionId/screen`: the room projector. The highlighted question very large, the top
 * questions, the open poll's results, and a QR code to the session page; one screen, no scrolling, updated live.
 * It runs in a signed-in moderator's or staff member's browser (the socket needs a sign-in), but shows only what
 * the whole room may see.
 */
export function BigScreenPage() {
  const { slug = '', sessionId = '' } = useParams();
  const { t } = useLiveTranslation();
  const roles = useEventRoles(slug);
  const session = useSession(slug, sessionId).data;
  const event = useEvent(slug).data;
  useDocumentTitle(t('documentTitle', { page: t('screen.documentTitle'), session: session?.title ?? '' }));
  const screenPath = `/e/${slug}/sessions/${sessionId}/screen`;

  return (
    <main className="lv-screen pl-on-dark">
      <header className="lv-screen__top">
        <div>
          {event && <p className="lv-screen__event">{event.tagline ?? event.name}</p>}
          <h1 className="lv-screen__title">{session?.title ?? ''}</h1>
        </div>
      </header>
      {roles.status === 'loading' ? (
        <p className="lv-screen__message" role="status">
          {t('screen.loading')}
        </p>
      ) : roles.status === 'signed-out' || !roles.canShowScreen ? (
        <div className="lv-screen__gate">
          <h2 className="lv-screen__gate-title">
            {roles.status === 'signed-out' ? t('screen.signedOutTitle') : t('screen.forbiddenTitle')}
          </h2>
          <p className="lv-screen__message">
            {roles.status === 'signed-out' ? t('screen.signedOutMessage') : t('screen.forbiddenMessage')}
          </p>
          <LinkButton to={`/e/${slug}/access?next=${encodeURIComponent(screenPath)}`} size="lg">
            {t('screen.signIn')}
          </LinkButton>
        </div>
      ) : (
        <ScreenBody slug={slug} sessionId={sessionId} />
      )}
    </main>
  );
}

function ScreenBody({ slug, sessionId }: { slug: string; sessionId: string }) {
  const { t } = useLiveTranslation();
  const { snapshot, query, connection } = useLiveSession(sessionId);
  if (snapshot) return <Screen snapshot={snapshot} slug={slug} connection={connection} />;
  return (
    <p className="lv-screen__message" role={query.isError ? 'alert' : 'status'}>
      {query.isError ? describeLiveError(query.error, t) : t('screen.loading')}
    </p>
  );
}

/** Shorter questions get bigger type; every one fits the screen. */
function highlightSize(text: string): 'xl' | 'lg' | 'md' {
  if (text.length <= 140) return 'xl';
  if (text.length <= 280) return 'lg';
  return 'md';
}

function Screen({
  snapshot,
  slug,
  connection,
}: {
  snapshot: SessionSnapshot;
  slug: string;
  connection: LiveConnectionState;
}) {
  const { t } = useLiveTranslation();
  const askerLabel = useAskerLabel();
  const highlighted = snapshot.questions.find(
    (question) => question.highlighted && question.status === 'approved',
  );
  const top = snapshot.questions
    .filter((question) => question.status === 'approved' && !question.highlighted)
    .sort(byVotesThenTime)
    .slice(0, TOP_QUESTIONS);
  const poll = [...snapshot.polls].reverse().find((candidate) => candidate.state === 'open');
  const joinUrl = `${window.location.origin}/e/${slug}/sessions/${snapshot.sessionId}`;

  return (
    <div className={classNames('lv-screen__grid', poll && 'lv-screen__grid--poll')}>
      <section className="lv-screen__now" aria-labelledby="lv-screen-now">
        <h2 id="lv-screen-now" className="lv-screen__label">
          {t('screen.highlighted')}
        </h2>
        {highlighted ? (
          <>
            <p
              className={classNames(
                'lv-screen__highlight',
                `lv-screen__highlight--${highlightSize(highlighted.text)}`,
              )}
            >
              {highlighted.text}
            </p>
            <p className="lv-screen__asker">{askerLabel(highlighted)}</p>
          </>
        ) : (
          <p className="lv-screen__placeholder">{t('screen.noHighlight')}</p>
        )}
      </section>

      <section className="lv-screen__top-questions" aria-labelledby="lv-screen-top">
        <h2 id="lv-screen-top" className="lv-screen__label">
          {t('screen.topQuestions')}
        </h2>
        {top.length > 0 ? (
          <ol className="lv-screen__list">
            {top.map((question) => (
              <TopQuestion key={question.id} question={question} />
            ))}
          </ol>
        ) : (
          <p className="lv-screen__empty">{t('screen.noTopQuestions')}</p>
        )}
      </section>

      <aside className="lv-screen__side">
        {poll && <ScreenPoll poll={poll} />}
        <section className="lv-screen__join" aria-labelledby="lv-screen-join">
          <JoinQrCode
            url={joinUrl}
            alt={t('screen.qrAlt', { url: joinUrl })}
            failureLabel={t('screen.qrFailed')}
            className="lv-screen__qr"
          />
          <div>
            <h2 id="lv-screen-join" className="lv-screen__join-title">
              {t('screen.join')}
            </h2>
            <p className="lv-screen__join-hint">{t('screen.joinHint')}</p>
            <p className="lv-screen__url">{joinUrl.replace(/^https?:\/\//, '')}</p>
          </div>
        </section>
        <ConnectionIndicator state={connection} className="lv-screen__connection" />
      </aside>
    </div>
  );
}

function TopQuestion({ question }: { question: QuestionView }) {
  const { t } = useLiveTranslation();
  return (
    <li className="lv-screen__question">
      <span className="lv-screen__votes">
        <svg className="lv-screen__votes-icon" viewBox="0 0 16 16" aria-hidden="true" focusable="false">
          <path d="M8 3 2.5 10h11z" fill="currentColor" />
        </svg>
        <span>{question.votes}</span>
        <span className="pl-visually-hidden"> {t('question.votesWord', { count: question.votes })}</span>
      </span>
      <p className="lv-screen__question-text">{question.text}</p>
    </li>
  );
}

function ScreenPoll({ poll }: { poll: PollView }) {
  const { t } = useLiveTranslation();
  const visible = resultsPublic(poll) && poll.results;
  return (
    <section className="lv-screen__poll" aria-labelledby="lv-screen-poll">
      <h2 id="lv-screen-poll" className="lv-screen__poll-question">
        {poll.question}
      </h2>
      {visible && poll.results ? (
        <PollResultsChart poll={poll} results={poll.results} size="large" labelledBy="lv-screen-poll" />
      ) : (
        <>
          <ul className="lv-screen__poll-options">
            {poll.options.map((option) => (
              <li key={option.id}>{option.label}</li>
            ))}
          </ul>
          <p className="lv-screen__poll-note">
            {t('screen.pollResultsHidden')}
            {poll.results && <> {t('screen.votersSoFar', { count: poll.results.voters })}</>}
          </p>
        </>
      )}
    </section>
  );
}
