import type { EventDetail, Session } from '@plenary/contracts';
import { EmptyState, LinkButton, LoadingState, PageHeader, Skeleton } from '@plenary/web-ui';
import { useEventContext } from './event-context';
import { formatDayLabel } from './format-time';
import { useFormatLocale, useProgrammeTranslation } from './programme-i18n';
import { useEventRoleLinks } from './role-links';
import { SessionTimesCompact } from './session-times';
import { useEventDocumentTitle } from './use-event-document-title';

/**
 * `/e/:slug/my-sessions`: the home of the event's moderators and speakers — every session they work in (roles
 * are held for the whole event), by day, with the moderator console (moderators) and the session page with its
 * backstage (speakers) one click away.
 */
export function MySessionsPage() {
  const event = useEventContext();
  const { t } = useProgrammeTranslation();
  useEventDocumentTitle(t('mySessions.documentTitle'));
  const { me, membership } = useEventRoleLinks(event);
  const base = `/e/${event.slug}`;
  const moderates = membership?.roles.includes('moderator') ?? false;
  const speaks = membership?.roles.includes('speaker') ?? false;

  let content;
  if (me.isPending) {
    content = (
      <LoadingState label={t('mySessions.title')}>
        <Skeleton shape="block" width="100%" height="6rem" />
      </LoadingState>
    );
  } else if (me.data === null) {
    content = (
      <EmptyState
        title={t('mySessions.signedOut')}
        actions={
          <LinkButton to={`${base}/access?next=${encodeURIComponent(`${base}/my-sessions`)}`}>
            {t('mySessions.signIn')}
          </LinkButton>
        }
      />
    );
  } else if (!moderates && !speaks) {
    content = <EmptyState title={t('mySessions.noRole')} />;
  } else {
    content = <SessionsByDay event={event} moderates={moderates} speaks={speaks} />;
  }

  return (
    <div className="pl-container pp-page pp-my-sessions">
      <PageHeader
        eyebrow={event.tagline ?? event.name}
        title={t('mySessions.title')}
        lead={moderates ? t('mySessions.leadModerator') : speaks ? t('mySessions.leadSpeaker') : undefined}
      />
      {content}
    </div>
  );
}

/** Sessions people work in: breaks have no stage, questions or console. */
function workSessions(sessions: Session[]): Session[] {
  return sessions.filter((session) => session.kind !== 'break');
}

function SessionsByDay({
  event,
  moderates,
  speaks,
}: {
  event: EventDetail;
  moderates: boolean;
  speaks: boolean;
}) {
  const { t } = useProgrammeTranslation();
  const locale = useFormatLocale();
  const base = `/e/${event.slug}`;
  const days = event.days
    .map((day) => ({ date: day.date, sessions: workSessions(day.sessions) }))
    .filter((day) => day.sessions.length > 0);
  if (days.length === 0) return <EmptyState title={t('mySessions.empty')} />;
  return (
    <>
      {days.map((day) => (
        <section key={day.date} aria-labelledby={`my-sessions-${day.date}`} className="pp-my-sessions__day">
          <h2 id={`my-sessions-${day.date}`} className="pp-day__title">
            <time dateTime={day.date}>{formatDayLabel(day.date, locale)}</time>
          </h2>
          <ul className="pp-my-sessions__list">
            {day.sessions.map((session) => (
              <li key={session.id} className="pp-my-sessions__item">
                <div className="pp-my-sessions__what">
                  <h3 id={`my-session-${session.id}`} className="pp-my-sessions__title">
                    {session.title}
                  </h3>
                  <SessionTimesCompact session={session} eventTimeZone={event.timeZone} />
                </div>
                <div className="pp-my-sessions__actions">
                  {moderates && (
                    <LinkButton
                      to={`${base}/sessions/${session.id}/moderate`}
                      aria-describedby={`my-session-${session.id}`}
                    >
                      {t('mySessions.console')}
                    </LinkButton>
                  )}
                  {(speaks || moderates) && (
                    <LinkButton
                      to={`${base}/sessions/${session.id}`}
                      variant="secondary"
                      aria-describedby={`my-session-${session.id}`}
                    >
                      {t('mySessions.backstage')}
                    </LinkButton>
                  )}
                </div>
              </li>
            ))}
          </ul>
        </section>
      ))}
    </>
  );
}
