import type { EventDetail, Session } from '@plenary/contracts';
import {
  findMembership,
  sessionCalendarPath,
  useHybridMode,
  useMe,
  useSession,
} from '@plenary/web-data-access';
import {
  Badge,
  BackLink,
  BroadcastIcon,
  Button,
  CalendarIcon,
  Container,
  LinkButton,
  LoadingState,
  QuestionIcon,
  RoomIcon,
  Skeleton,
  SpeakerCard,
  useDocumentTitle,
} from '@plenary/web-ui';
import { useState } from 'react';
import { useParams } from 'react-router';
import { useEventContext } from './event-context';
import { formatEventDocumentTitle } from './event-labels';
import { FallbackLivestream } from './fallback-livestream';
import { JsonLd, sessionJsonLd } from './json-ld';
import { useProgrammeTranslation } from './programme-i18n';
import { QueryErrorState, isNotFoundError } from './query-error-state';
import { SessionGateMessage, useSessionGate } from './session-access-gate';
import { SessionBadges } from './session-badges';
import { SessionChangeNotice } from './session-change-notice';
import { useMaybeSessionPanelContext } from './session-panel-context';
import { useMaybeSessionStageContext } from './session-stage-context';
import { sortSessionSpeakers } from './session-speakers';
import { SessionTimesFull } from './session-times';
import { StarButton } from './star-button';

/** `/e/:slug/sessions/:sessionId`: one session, with room for its live stage and Q&A. */
export function SessionPage() {
  const event = useEventContext();
  const { sessionId = '' } = useParams();
  const { t } = useProgrammeTranslation();
  const query = useSession(event.slug, sessionId);
  const session = query.data;
  useDocumentTitle(
    formatEventDocumentTitle(
      session?.title ?? (query.isError ? t('notFound.session.documentTitle') : t('session.documentTitle')),
      event,
      t,
    ),
  );

  if (session) return <SessionDetail event={event} session={session} />;
  if (query.isError) {
    const backToProgramme = (
      <LinkButton to={`/e/${event.slug}/programme`} variant="secondary">
        {t('session.backToProgramme')}
      </LinkButton>
    );
    if (isNotFoundError(query.error)) {
      return (
        <Container className="pp-page">
          <section className="pp-not-found" aria-labelledby="session-not-found-title">
            <p className="pl-eyebrow">{t('notFound.eyebrow')}</p>
            <h1 id="session-not-found-title" className="pp-not-found__title">
              {t('notFound.session.title')}
            </h1>
            <p className="pp-not-found__message">{t('notFound.session.message')}</p>
            {backToProgramme}
          </section>
        </Container>
      );
    }
    return (
      <Container className="pp-page">
        <QueryErrorState
          error={query.error}
          headingLevel={1}
          onRetry={() => void query.refetch()}
          actions={backToProgramme}
        />
      </Container>
    );
  }
  return (
    <Container className="pp-page">
      <LoadingState label={t('loading.session')}>
        <div className="pp-skeleton-stack">
          <Skeleton width="6rem" />
          <Skeleton width="min(44rem, 90%)" height="2.25rem" />
          <Skeleton width="min(24rem, 60%)" />
          <Skeleton shape="block" width="100%" height="16rem" />
        </div>
      </LoadingState>
    </Container>
  );
}

function SessionDetail({ event, session }: { event: EventDetail; session: Session }) {
  const { t } = useProgrammeTranslation();
  // The stage and Q&A are for approved participants; everything else on the page stays public.
  const gate = useSessionGate(event.slug, session.id);
  const speakers = sortSessionSpeakers(session.speakers);
  const Panel = useMaybeSessionPanelContext();
  const Stage = useMaybeSessionStageContext();
  const roles = findMembership(useMe().data, event.slug)?.roles ?? [];
  const canModerate = roles.includes('moderator') || roles.includes('organiser');
  const canShowScreen = canModerate || roles.includes('staff');
  const here = `/e/${event.slug}/sessions/${session.id}`;
  // The hybrid switch: admitted at the door today → the stream waits for "watch anyway"; Q&A and polls stay on.
  const hybrid = useHybridMode(event.slug);
  const [watchAnyway, setWatchAnyway] = useState(false);
  const streamPaused = hybrid.inRoom && !watchAnyway;
  return (
    <Container className="pp-page pp-session-page">
      {event.status !== 'draft' && <JsonLd data={sessionJsonLd(event, session, window.location.origin)} />}
      <header className="pp-session-page__header">
        <BackLink to={`/e/${event.slug}/programme?day=${session.day}`}>
          {t('session.backToProgramme')}
        </BackLink>
        <SessionBadges session={session} />
        <h1 className="pp-session-page__title">{session.title}</h1>
        <div role="status" className="pp-in-room-status">
          {hybrid.inRoom && (
            <Badge tone="accent">
              <RoomIcon /> {t('session.inRoom.badge')}
            </Badge>
          )}
        </div>
        <SessionTimesFull session={session} eventTimeZone={event.timeZone} />
        <SessionChangeNotice session={session} eventTimeZone={event.timeZone} />
        {session.room && (
          <p className="pp-meta">
            <RoomIcon />
            <span>
              <span className="pl-visually-hidden">{t('session.roomLabel')}: </span>
              {session.room}
            </span>
          </p>
        )}
        <div className="pp-session-page__actions">
          <StarButton session={session} />
          <a
            className="pl-button pl-button--quiet pl-button--md"
            href={sessionCalendarPath(event.slug, session.id)}
            download
          >
            <CalendarIcon />
            {t('agenda.download.session')}
          </a>
        </div>
        {canShowScreen && (
          <div className="pp-session-page__tools">
            {canModerate && (
              <LinkButton to={`${here}/moderate`} variant="secondary">
                {t('session.tools.moderate')}
              </LinkButton>
            )}
            <LinkButton to={`${here}/screen`} variant="secondary">
              {t('session.tools.bigScreen')}
            </LinkButton>
          </div>
        )}
      </header>

      <div className="pp-session-page__grid">
        <section className="pp-stage" data-slot="live-stage" aria-labelledby="stage-title">
          {streamPaused ? (
            // In the room: no video connection and no stream until the person asks for it.
            <div className="pp-stage__screen pl-on-dark">
              <BroadcastIcon width={40} height={40} />
              <h2 id="stage-title" className="pp-stage__title">
                {t('session.stage.title')}
              </h2>
              <p className="pp-stage__message pp-stage__message--in-room">{t('session.inRoom.paused')}</p>
              <Button variant="secondary" onClick={() => setWatchAnyway(true)}>
                {t('session.inRoom.watchAnyway')}
              </Button>
            </div>
          ) : gate.kind === 'granted' && Stage ? (
            <Stage
              eventSlug={event.slug}
              sessionId={session.id}
              startsAt={session.startsAt}
              endsAt={session.endsAt}
              timeZone={event.timeZone}
              headingId="stage-title"
            />
          ) : (
            <div className="pp-stage__screen pl-on-dark">
              <BroadcastIcon width={40} height={40} />
              <h2 id="stage-title" className="pp-stage__title">
                {t('session.stage.title')}
              </h2>
              {gate.kind === 'granted' ? (
                <p className="pp-stage__message">{t(`session.stage.${session.state}`)}</p>
              ) : (
                <SessionGateMessage gate={gate} eventSlug={event.slug} sessionId={session.id} />
              )}
            </div>
          )}
          {!streamPaused && <FallbackLivestream />}
        </section>

        {gate.kind === 'granted' && Panel ? (
          <aside className="pp-qa pp-qa--panel" data-slot="questions" aria-labelledby="qa-title">
            <Panel
              eventSlug={event.slug}
              sessionId={session.id}
              sessionState={session.state}
              headingId="qa-title"
            />
          </aside>
        ) : (
          <aside className="pp-qa" data-slot="questions" aria-labelledby="qa-title">
            <QuestionIcon />
            <h2 id="qa-title" className="pp-qa__title">
              {t('session.qa.title')}
            </h2>
            <p className="pp-qa__message">
              {gate.kind === 'granted' ? t(`session.qa.${session.state}`) : t('session.qa.gated')}
            </p>
          </aside>
        )}

        <div className="pp-session-page__main">
          <section className="pp-section pp-prose" aria-labelledby="abstract-title">
            <h2 id="abstract-title" className="pp-section__title">
              {t('session.aboutTitle')}
            </h2>
            <p>{session.abstract ?? t('session.noAbstract')}</p>
          </section>

          <section className="pp-section" aria-labelledby="session-speakers-title">
            <h2 id="session-speakers-title" className="pp-section__title">
              {t('session.speakersTitle')}
            </h2>
            {speakers.length > 0 ? (
              <ul className="pp-speaker-list">
                {speakers.map(({ role, speaker }) => (
                  <SpeakerCard
                    key={`${role}-${speaker.id}`}
                    as="li"
                    role={t(`role.${role}`)}
                    name={speaker.name}
                    honorific={speaker.honorific}
                    title={speaker.title}
                    organisation={speaker.organisation}
                    country={speaker.country}
                    photoUrl={speaker.photoUrl}
                    photoSrcset={speaker.photo?.srcset}
                  />
                ))}
              </ul>
            ) : (
              <p className="pp-muted">{t('session.noSpeakers')}</p>
            )}
          </section>
        </div>
      </div>
    </Container>
  );
}
