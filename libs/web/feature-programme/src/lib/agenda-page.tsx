import type { AgendaFeed, EventDetail, MyAgenda, Session } from '@plenary/contracts';
import {
  ApiRequestError,
  eventCalendarPath,
  useCreateAgendaFeed,
  useMe,
  useMyAgenda,
  useRevokeAgendaFeed,
} from '@plenary/web-data-access';
import {
  Button,
  CalendarIcon,
  EmptyState,
  LinkButton,
  LoadingState,
  Notice,
  PageHeader,
  Skeleton,
  TextField,
} from '@plenary/web-ui';
import { useState } from 'react';
import { useEventContext } from './event-context';
import { formatDayLabel, formatZoneCity, formatZoneName } from './format-time';
import { useFormatLocale, useProgrammeTranslation } from './programme-i18n';
import { QueryErrorState } from './query-error-state';
import { SessionListItem } from './session-list-item';
import { useEventDocumentTitle } from './use-event-document-title';

/** Sessions grouped by their day in the event's time zone, days in order. */
function byDay(sessions: Session[]): Array<{ day: string; sessions: Session[] }> {
  const days = new Map<string, Session[]>();
  for (const session of [...sessions].sort((a, b) => a.startsAt.localeCompare(b.startsAt))) {
    days.set(session.day, [...(days.get(session.day) ?? []), session]);
  }
  return [...days].sort(([a], [b]) => a.localeCompare(b)).map(([day, list]) => ({ day, sessions: list }));
}

/** Whether the API refused because the person does not keep an agenda here (not registered, not approved). */
function isNotAgendaHolder(error: unknown): boolean {
  return (
    error instanceof ApiRequestError &&
    (error.code === 'registration/not-registered' || error.code === 'registration/not-approved')
  );
}

/** `/e/:slug/agenda`: the sessions I starred, by day, in the event's time zone, and my private calendar feed. */
export function AgendaPage() {
  const event = useEventContext();
  const { t } = useProgrammeTranslation();
  const locale = useFormatLocale();
  useEventDocumentTitle(t('agenda.documentTitle'));
  const me = useMe();
  const agenda = useMyAgenda(event.slug, { enabled: Boolean(me.data) });
  const base = `/e/${event.slug}`;
  const reference = event.days[0]?.sessions[0]?.startsAt ?? `${event.startDate}T12:00:00Z`;

  let content;
  if (me.data === null) {
    content = (
      <EmptyState
        title={t('agenda.signedOut.title')}
        message={t('agenda.signedOut.message')}
        actions={
          <LinkButton to={`${base}/access?next=${encodeURIComponent(`${base}/agenda`)}`}>
            {t('agenda.signedOut.action')}
          </LinkButton>
        }
      />
    );
  } else if (agenda.isError) {
    content = isNotAgendaHolder(agenda.error) ? (
      <EmptyState
        title={t('agenda.notRegistered.title')}
        message={t('agenda.notRegistered.message')}
        actions={<LinkButton to={`${base}/register`}>{t('agenda.notRegistered.action')}</LinkButton>}
      />
    ) : (
      <QueryErrorState error={agenda.error} onRetry={() => void agenda.refetch()} />
    );
  } else if (!agenda.data) {
    content = (
      <LoadingState label={t('agenda.loading')}>
        <div className="pp-skeleton-stack">
          <Skeleton width="10rem" />
          <Skeleton shape="block" width="100%" height="6rem" />
          <Skeleton shape="block" width="100%" height="6rem" />
        </div>
      </LoadingState>
    );
  } else {
    content = <AgendaContent event={event} agenda={agenda.data} />;
  }

  return (
    <div className="pl-container pp-page pp-agenda">
      <PageHeader
        eyebrow={event.tagline ?? event.name}
        title={t('agenda.title')}
        lead={t('agenda.lead', {
          city: formatZoneCity(event.timeZone),
          zone: formatZoneName(reference, event.timeZone, locale),
        })}
      />
      {content}
      <p className="pp-agenda__download">
        <a href={eventCalendarPath(event.slug)} className="pp-more-link" download>
          <CalendarIcon />
          {t('agenda.download.programme')}
        </a>
      </p>
    </div>
  );
}

function AgendaContent({ event, agenda }: { event: EventDetail; agenda: MyAgenda }) {
  const { t } = useProgrammeTranslation();
  const locale = useFormatLocale();
  const days = byDay(agenda.sessions);
  return (
    <div className="pp-agenda__grid">
      <div className="pp-agenda__sessions">
        {days.length === 0 ? (
          <EmptyState
            title={t('agenda.empty.title')}
            message={t('agenda.empty.message')}
            actions={
              <LinkButton to={`/e/${event.slug}/programme`} variant="secondary">
                {t('agenda.empty.action')}
              </LinkButton>
            }
          />
        ) : (
          days.map(({ day, sessions }) => (
            <section key={day} aria-labelledby={`agenda-${day}`} className="pp-agenda__day">
              <h2 id={`agenda-${day}`} className="pp-day__title">
                <time dateTime={day}>{formatDayLabel(day, locale)}</time>
              </h2>
              <ol
                className="pp-session-list"
                aria-label={t('agenda.sessionsLabel', { day: formatDayLabel(day, locale) })}
              >
                {sessions.map((session) => (
                  <SessionListItem key={session.id} session={session} eventTimeZone={event.timeZone} />
                ))}
              </ol>
            </section>
          ))
        )}
      </div>
      <AgendaFeedSection slug={event.slug} feed={agenda.feed} />
    </div>
  );
}

/** The private feed: create (address shown once), copy, replace, turn off. */
function AgendaFeedSection({ slug, feed }: { slug: string; feed: MyAgenda['feed'] }) {
  const { t } = useProgrammeTranslation();
  const locale = useFormatLocale();
  const create = useCreateAgendaFeed(slug);
  const revoke = useRevokeAgendaFeed(slug);
  const [created, setCreated] = useState<AgendaFeed | null>(null);
  const [copied, setCopied] = useState(false);
  const [revoked, setRevoked] = useState(false);
  const busy = create.isPending || revoke.isPending;

  const onCreate = () => {
    setCopied(false);
    setRevoked(false);
    create.mutate(undefined, { onSuccess: (next) => setCreated(next) });
  };
  const onRevoke = () => {
    revoke.mutate(undefined, {
      onSuccess: () => {
        setCreated(null);
        setRevoked(true);
      },
    });
  };
  const onCopy = async () => {
    if (!created) return;
    try {
      await navigator.clipboard.writeText(created.url);
      setCopied(true);
    } catch {
      // No clipboard (permissions, insecure origin): the address stays selectable in the field.
      setCopied(false);
    }
  };
  const webcal = created?.url.replace(/^https?:/, 'webcal:');

  return (
    <section className="pp-section pp-agenda__feed" aria-labelledby="agenda-feed-title">
      <h2 id="agenda-feed-title" className="pp-section__title">
        {t('agenda.feed.title')}
      </h2>
      <p>{t('agenda.feed.message')}</p>
      {created ? (
        <div className="pp-agenda__feed-url">
          <TextField
            id="agenda-feed-url"
            label={t('agenda.feed.urlLabel')}
            hint={t('agenda.feed.shownOnce')}
            value={created.url}
            readOnly
            onFocus={(focusEvent) => focusEvent.currentTarget.select()}
          />
          <div className="pp-agenda__feed-actions">
            <Button variant="secondary" onClick={() => void onCopy()}>
              {t('agenda.feed.copy')}
            </Button>
            {webcal && (
              <a className="pl-button pl-button--quiet pl-button--md" href={webcal}>
                {t('agenda.feed.open')}
              </a>
            )}
          </div>
          <p role="status" className="pp-muted">
            {copied ? t('agenda.feed.copied') : ''}
          </p>
        </div>
      ) : feed ? (
        <p>{t('agenda.feed.active', { date: formatDayLabel(feed.createdAt.slice(0, 10), locale) })}</p>
      ) : null}
      {revoked && (
        <Notice tone="success" role="status">
          {t('agenda.feed.revoked')}
        </Notice>
      )}
      {(create.isError || revoke.isError) && (
        <Notice tone="error" role="alert">
          {t('agenda.feed.error')}
        </Notice>
      )}
      <div className="pp-agenda__feed-actions">
        {feed || created ? (
          <>
            <Button
              variant="secondary"
              onClick={onCreate}
              disabled={busy}
              aria-describedby="agenda-feed-replace-hint"
            >
              {t('agenda.feed.replace')}
            </Button>
            <Button variant="quiet" onClick={onRevoke} disabled={busy}>
              {t('agenda.feed.revoke')}
            </Button>
            <p id="agenda-feed-replace-hint" className="pp-muted">
              {t('agenda.feed.replaceHint')}
            </p>
          </>
        ) : (
          <Button onClick={onCreate} disabled={busy}>
            {create.isPending ? t('agenda.feed.creating') : t('agenda.feed.create')}
          </Button>
        )}
      </div>
    </section>
  );
}
