import type { SessionSnapshot } from '@plenary/contracts';
import { LiveAckError, useLiveSession, useSession } from '@plenary/web-data-access';
import type { LiveConnectionState } from '@plenary/web-data-access';
import {
  BackLink,
  Button,
  LinkButton,
  LoadingState,
  Notice,
  PageHeader,
  Skeleton,
  useDocumentTitle,
} from '@plenary/web-ui';
import { useParams } from 'react-router';
import { ConnectionIndicator } from './connection-indicator';
import { useMaybeConsoleStageContext } from './console-stage-context';
import { describeLiveError } from './describe-live-error';
import { EngagementExportCard } from './engagement-export-card';
import { FloorQuestionForm } from './floor-question-form';
import { useLiveTranslation } from './live-i18n';
import { LiveSettingsForm } from './live-settings-form';
import { ModerationQueue } from './moderation-queue';
import { PollBuilder } from './poll-builder';
import { PollLauncher } from './poll-launcher';
import { ShortcutHelp } from './shortcut-help';
import { useEventRoles } from './use-event-roles';

/**
 * `/e/:slug/sessions/:sessionId/moderate`: the moderators' console (moderators and organisers of the event). On a
 * laptop the queue sits beside polls, floor questions and settings; on a phone they stack.
 */
export function ModeratorConsolePage() {
  const { slug = '', sessionId = '' } = useParams();
  const { t } = useLiveTranslation();
  const session = useSession(slug, sessionId).data;
  const roles = useEventRoles(slug);
  const sessionPath = `/e/${slug}/sessions/${sessionId}`;
  useDocumentTitle(
    session ? t('documentTitle', { page: t('moderate.pageTitle'), session: session.title }) : undefined,
  );

  return (
    <div className="pl-container lv-console">
      <PageHeader
        before={<BackLink to={sessionPath}>{t('moderate.backToSession')}</BackLink>}
        eyebrow={t('moderate.eyebrow')}
        title={session?.title ?? t('moderate.pageTitle')}
      />
      {roles.status === 'loading' ? (
        <ConsoleLoading />
      ) : roles.status === 'signed-out' ? (
        <Notice
          title={t('moderate.gate.signedOutTitle')}
          actions={
            <LinkButton to={`/e/${slug}/access?next=${encodeURIComponent(`${sessionPath}/moderate`)}`}>
              {t('moderate.gate.signIn')}
            </LinkButton>
          }
        >
          <p>{t('moderate.gate.signedOutMessage')}</p>
        </Notice>
      ) : !roles.canModerate ? (
        <Forbidden sessionPath={sessionPath} />
      ) : (
        <ConsoleBody sessionId={sessionId} sessionPath={sessionPath} />
      )}
    </div>
  );
}

function Forbidden({ sessionPath }: { sessionPath: string }) {
  const { t } = useLiveTranslation();
  return (
    <Notice
      tone="warning"
      title={t('moderate.gate.forbiddenTitle')}
      actions={
        <LinkButton to={sessionPath} variant="secondary">
          {t('moderate.backToSession')}
        </LinkButton>
      }
    >
      <p>{t('moderate.gate.forbiddenMessage')}</p>
    </Notice>
  );
}

function ConsoleLoading() {
  const { t } = useLiveTranslation();
  return (
    <LoadingState label={t('moderate.loading')}>
      <div className="lv-skeleton-stack">
        <Skeleton width="12rem" />
        <Skeleton shape="block" width="100%" height="12rem" />
      </div>
    </LoadingState>
  );
}

function ConsoleBody({ sessionId, sessionPath }: { sessionId: string; sessionPath: string }) {
  const { t } = useLiveTranslation();
  const { snapshot, query, connection } = useLiveSession(sessionId);

  if (!snapshot) {
    if (!query.isError) return <ConsoleLoading />;
    if (query.error instanceof LiveAckError && query.error.code === 'identity/forbidden-role') {
      return <Forbidden sessionPath={sessionPath} />;
    }
    return (
      <Notice
        tone="error"
        title={t('errors.joinTitle')}
        role="alert"
        actions={
          <Button variant="secondary" onClick={() => void query.refetch()}>
            {t('errors.retry')}
          </Button>
        }
      >
        <p>{describeLiveError(query.error, t)}</p>
      </Notice>
    );
  }
  // The server decides: a role removed since the page loaded shows here.
  if (!snapshot.canModerate) return <Forbidden sessionPath={sessionPath} />;
  return (
    <Console snapshot={snapshot} sessionId={sessionId} sessionPath={sessionPath} connection={connection} />
  );
}

interface ConsoleProps {
  snapshot: SessionSnapshot;
  sessionId: string;
  sessionPath: string;
  connection: LiveConnectionState;
}

function Console({ snapshot, sessionId, sessionPath, connection }: ConsoleProps) {
  const { t } = useLiveTranslation();
  const { slug = '' } = useParams();
  const StageControls = useMaybeConsoleStageContext();
  return (
    <>
      {StageControls && <StageControls eventSlug={slug} sessionId={sessionId} headingLevel={2} />}
      <div className="lv-console__status">
        <ConnectionIndicator state={connection} />
        <p className="lv-console__online">
          <strong>{t('moderate.online', { count: snapshot.online })}</strong>{' '}
          <span className="lv-console__online-note">({t('moderate.onlineNote')})</span>
        </p>
        <LinkButton to={`${sessionPath}/screen`} variant="secondary" target="_blank" rel="noopener">
          {t('moderate.openBigScreen')}
        </LinkButton>
      </div>
      <div className="lv-console__grid">
        <div className="lv-console__main">
          <ModerationQueue questions={snapshot.questions} />
        </div>
        <div className="lv-console__side">
          <section className="lv-console__card" aria-labelledby="lv-console-polls">
            <h2 id="lv-console-polls" className="lv-console__title">
              {t('moderate.polls.title')}
            </h2>
            <PollLauncher polls={snapshot.polls} labelledBy="lv-console-polls" />
            <PollBuilder sessionId={sessionId} />
          </section>
          <FloorQuestionForm sessionId={sessionId} />
          <LiveSettingsForm sessionId={sessionId} settings={snapshot.settings} />
          <EngagementExportCard slug={slug} sessionId={sessionId} />
        </div>
        <ShortcutHelp />
      </div>
    </>
  );
}
