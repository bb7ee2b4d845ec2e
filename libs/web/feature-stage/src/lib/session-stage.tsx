import type { StageState } from '@plenary/contracts';
import { findMembership, useMe, useStage, useStageSignals } from '@plenary/web-data-access';
import { Badge, Button } from '@plenary/web-ui';
import { Suspense, lazy, useCallback, useEffect, useState } from 'react';
import { DevicePreview, type DeviceChoices } from './device-preview';
import { isKnownStageError, useStageTranslation } from './stage-i18n';
import { StageControls } from './stage-controls';
import { Screen, ScreenMessage } from './stage-screen';
import { stageRoleOf, stageView, type RoomConnection, type StageRole, type StageScreen } from './stage-view';

// livekit-client is large: it loads only when a room is to be joined, never with the programme pages.
const StageRoom = lazy(() => import('./stage-room'));

/** What the session page hands the stage (see the programme feature's `SessionStageContext`). */
export interface SessionStageProps {
  eventSlug: string;
  sessionId: string;
  /** The programme's start and end (ISO) and the event's time zone, for "starting soon" (or "over"). */
  startsAt: string;
  endsAt: string;
  timeZone: string;
  /** The id the stage gives its h2: the page's stage region is labelled by it. */
  headingId: string;
}

/**
 * The session's video stage: follows the stage state (pushed by the live service), fetches a LiveKit token and
 * joins the right room — the backstage for speakers and moderators before the session is live, the main room
 * once live — and says clearly when it cannot (starting soon, ended, another window, removed, unreachable).
 * Moderators get the stage controls below it. The rest of the page never depends on the video.
 */
export function SessionStage({
  eventSlug,
  sessionId,
  startsAt,
  endsAt,
  timeZone,
  headingId,
}: SessionStageProps) {
  const { t } = useStageTranslation();
  const roles = findMembership(useMe().data, eventSlug)?.roles ?? [];
  const role = stageRoleOf(roles);
  useStageSignals(eventSlug, sessionId);
  const stageQuery = useStage(eventSlug, sessionId);
  const stage = stageQuery.data ?? (stageQuery.isError ? null : undefined);
  const [connection, setConnection] = useState<RoomConnection>({ status: 'idle' });
  const [attempt, setAttempt] = useState(0);
  const [choices, setChoices] = useState<DeviceChoices | null>(null);
  const view = stageView({ stage, role, connection, backstageJoined: choices !== null });

  // A new target room (backstage → live, ended) starts from a clean connection.
  const room = stage
    ? stageView({ stage, role, connection: { status: 'idle' }, backstageJoined: true }).room
    : null;
  useEffect(() => {
    setConnection({ status: 'idle' });
  }, [room]);

  const retry = useCallback(() => {
    setConnection({ status: 'idle' });
    setAttempt((value) => value + 1);
    void stageQuery.refetch();
  }, [stageQuery]);

  return (
    <div className="st-stage">
      <div className="st-stage__head">
        <h2 id={headingId} className="st-stage__title">
          {t('title')}
        </h2>
        <StageBadges stage={stage} screen={view.screen} />
      </div>
      {view.room ? (
        <Suspense fallback={<ScreenMessage screen="connecting" />}>
          <StageRoom
            key={`${view.room}:${attempt}`}
            eventSlug={eventSlug}
            sessionId={sessionId}
            room={view.room}
            role={role}
            stage={stage ?? undefined}
            choices={choices}
            screen={view.screen}
            onConnection={setConnection}
          />
        </Suspense>
      ) : (
        <StageScreenView
          screen={view.screen}
          role={role}
          startsAt={startsAt}
          endsAt={endsAt}
          timeZone={timeZone}
          connection={connection}
          onRetry={retry}
          onJoinBackstage={setChoices}
        />
      )}
      {role === 'moderator' && <StageControls eventSlug={eventSlug} sessionId={sessionId} />}
    </div>
  );
}

function StageBadges({ stage, screen }: { stage: StageState | null | undefined; screen: StageScreen }) {
  const { t } = useStageTranslation();
  if (!stage) return null;
  return (
    <div className="st-stage__badges">
      {stage.state === 'live' && (
        <Badge tone="live" dot>
          {t('badge.live')}
        </Badge>
      )}
      {(screen === 'backstage' || screen === 'backstage-preview') && <Badge>{t('badge.backstage')}</Badge>}
      {stage.recording && (
        <span className="st-recording" role="status">
          <span className="st-recording__dot" aria-hidden="true" />
          {t('badge.recording')}
        </span>
      )}
    </div>
  );
}

interface StageScreenViewProps {
  screen: StageScreen;
  role: StageRole;
  startsAt: string;
  endsAt: string;
  timeZone: string;
  connection: RoomConnection;
  onRetry: () => void;
  onJoinBackstage: (choices: DeviceChoices) => void;
}

/** Every screen shown without a room: waiting, ended and the failures. */
function StageScreenView({
  screen,
  role,
  startsAt,
  endsAt,
  timeZone,
  connection,
  onRetry,
  onJoinBackstage,
}: StageScreenViewProps) {
  const { t } = useStageTranslation();
  switch (screen) {
    case 'loading':
    case 'connecting':
    case 'reconnecting':
    case 'live':
    case 'backstage':
      return <ScreenMessage screen={screen} />;
    case 'error':
      return (
        <Screen title={t('screen.error.title')} alert>
          <p className="st-screen__message">{t('screen.error.message')}</p>
          <Button variant="secondary" onClick={onRetry}>
            {t('screen.unreachable.action')}
          </Button>
        </Screen>
      );
    case 'starting-soon':
      // Never went live and its time is past (a past event's programme): not "starting soon".
      if (Date.parse(endsAt) <= Date.now())
        return (
          <Screen title={t('screen.past.title')}>
            <p className="st-screen__message">
              {t('screen.past.message', { time: formatStart(startsAt, timeZone, t('intlLocale')) })}
            </p>
          </Screen>
        );
      return (
        <Screen title={t('screen.startingSoon.title')}>
          <p className="st-screen__message">
            {t('screen.startingSoon.message', { time: formatStart(startsAt, timeZone, t('intlLocale')) })}
          </p>
          {role === 'speaker' && <p className="st-screen__message">{t('screen.startingSoon.speaker')}</p>}
        </Screen>
      );
    case 'backstage-preview':
      return <DevicePreview onJoin={onJoinBackstage} />;
    case 'ended':
      return (
        <Screen title={t('screen.ended.title')}>
          <p className="st-screen__message">{t('screen.ended.message')}</p>
        </Screen>
      );
    case 'duplicate':
      return (
        <Screen title={t('screen.duplicate.title')} alert>
          <p className="st-screen__message">{t('screen.duplicate.message')}</p>
          <Button variant="secondary" onClick={onRetry}>
            {t('screen.duplicate.action')}
          </Button>
        </Screen>
      );
    case 'removed':
      return (
        <Screen title={t('screen.removed.title')} alert>
          <p className="st-screen__message">{t('screen.removed.message')}</p>
        </Screen>
      );
    case 'unreachable':
      return (
        <Screen title={t('screen.unreachable.title')} alert>
          <p className="st-screen__message">{t('screen.unreachable.message')}</p>
          <Button variant="secondary" onClick={onRetry}>
            {t('screen.unreachable.action')}
          </Button>
        </Screen>
      );
    case 'refused': {
      const code =
        connection.status === 'failed' && connection.failure.reason === 'refused'
          ? connection.failure.code
          : 'unknown';
      return (
        <Screen title={t('screen.refused.title')} alert>
          <p className="st-screen__message">{t(`errors.${isKnownStageError(code) ? code : 'unknown'}`)}</p>
          {code !== 'media/banned' && (
            <Button variant="secondary" onClick={onRetry}>
              {t('screen.refused.action')}
            </Button>
          )}
        </Screen>
      );
    }
  }
}

function formatStart(startsAt: string, timeZone: string, locale: string): string {
  const date = new Date(startsAt);
  if (Number.isNaN(date.getTime())) return startsAt;
  return new Intl.DateTimeFormat(locale, {
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    hour: '2-digit',
    minute: '2-digit',
    timeZone,
    timeZoneName: 'short',
  }).format(date);
}
