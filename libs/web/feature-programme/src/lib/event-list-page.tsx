import type { EventSummary } from '@plenary/contracts';
import { useEvents } from '@plenary/web-data-access';
import {
  ArrowRightIcon,
  CalendarIcon,
  Card,
  EmptyState,
  LoadingState,
  LocationIcon,
  PageHeader,
  Skeleton,
  useDocumentTitle,
} from '@plenary/web-ui';
import type { CSSProperties } from 'react';
import { Link, Navigate } from 'react-router';
import { formatEventPlace } from './event-labels';
import { formatDateRange } from './format-time';
import { useFormatLocale, useProgrammeTranslation } from './programme-i18n';
import { QueryErrorState } from './query-error-state';

/** Today's calendar date (`YYYY-MM-DD`) in an IANA time zone. */
export function todayIn(timeZone: string, now: Date = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(now);
}

/**
 * Upcoming (soonest first) and past (latest first) events, by the end date in each event's own time zone, as the
 * server's `?when=` filter does.
 */
export function splitByDate(
  events: readonly EventSummary[],
  now: Date = new Date(),
): { upcoming: EventSummary[]; past: EventSummary[] } {
  const upcoming: EventSummary[] = [];
  const past: EventSummary[] = [];
  for (const event of events) (event.endDate >= todayIn(event.timeZone, now) ? upcoming : past).push(event);
  upcoming.sort((a, b) => a.startDate.localeCompare(b.startDate));
  past.sort((a, b) => b.startDate.localeCompare(a.startDate));
  return { upcoming, past };
}

/** `/`: the published events, upcoming and past; goes straight to the event when there is only one. */
export function EventListPage() {
  const { t } = useProgrammeTranslation();
  const query = useEvents();
  useDocumentTitle(t('events.documentTitle'));

  const events = query.data?.events;
  const onlyEvent = events?.length === 1 ? events[0] : undefined;
  if (onlyEvent) return <Navigate to={`/e/${onlyEvent.slug}`} replace />;
  const { upcoming, past } = splitByDate(events ?? []);

  return (
    <div className="pl-container pp-page">
      <PageHeader title={t('events.title')} lead={t('events.lead')} />
      {events ? (
        events.length > 0 ? (
          <>
            <EventGroup id="events-upcoming" title={t('events.upcoming')} events={upcoming} />
            <EventGroup id="events-past" title={t('events.past')} events={past} />
          </>
        ) : (
          <EmptyState title={t('events.empty.title')} message={t('events.empty.message')} />
        )
      ) : query.isError ? (
        <QueryErrorState error={query.error} onRetry={() => void query.refetch()} />
      ) : (
        <LoadingState label={t('loading.events')}>
          <div className="pp-skeleton-stack">
            <Skeleton shape="block" width="100%" height="9rem" />
            <Skeleton shape="block" width="100%" height="9rem" />
          </div>
        </LoadingState>
      )}
    </div>
  );
}

function EventGroup({ id, title, events }: { id: string; title: string; events: EventSummary[] }) {
  if (events.length === 0) return null;
  return (
    <section className="pp-section" aria-labelledby={id}>
      <h2 id={id} className="pp-section__title">
        {title}
      </h2>
      <ul className="pp-event-list">
        {events.map((event) => (
          <EventCard key={event.id} event={event} />
        ))}
      </ul>
    </section>
  );
}

function EventCard({ event }: { event: EventSummary }) {
  const { t } = useProgrammeTranslation();
  const locale = useFormatLocale();
  // The event's accent colour marks its card (a rule at the side: decoration, never text on it).
  const style = event.accentColor ? ({ '--pp-event-accent': event.accentColor } as CSSProperties) : undefined;
  return (
    <Card as="li" interactive className="pp-event-card" style={style}>
      {event.logoUrl && <img className="pp-event-card__logo" src={event.logoUrl} alt="" loading="lazy" />}
      {event.tagline && <p className="pl-eyebrow">{event.tagline}</p>}
      <h3 className="pp-event-card__title">
        <Link to={`/e/${event.slug}`} className="pp-event-card__link">
          {event.name}
        </Link>
      </h3>
      <p className="pp-meta">
        <CalendarIcon />
        <time dateTime={event.startDate}>{formatDateRange(event.startDate, event.endDate, locale)}</time>
      </p>
      <p className="pp-meta">
        <LocationIcon />
        {formatEventPlace(event, t)}
      </p>
      <ArrowRightIcon className="pl-icon pp-event-card__arrow" />
    </Card>
  );
}
