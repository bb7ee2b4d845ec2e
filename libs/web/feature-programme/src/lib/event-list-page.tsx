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
import { Link, Navigate } from 'react-router';
import { formatEventPlace } from './event-labels';
import { formatDateRange } from './format-time';
import { useFormatLocale, useProgrammeTranslation } from './programme-i18n';
import { QueryErrorState } from './query-error-state';

/** `/`: the published events; goes straight to the event when there is only one. */
export function EventListPage() {
  const { t } = useProgrammeTranslation();
  const locale = useFormatLocale();
  const query = useEvents();
  useDocumentTitle(t('events.documentTitle'));

  const events = query.data?.events;
  const onlyEvent = events?.length === 1 ? events[0] : undefined;
  if (onlyEvent) return <Navigate to={`/e/${onlyEvent.slug}`} replace />;

  return (
    <div className="pl-container pp-page">
      <PageHeader title={t('events.title')} lead={t('events.lead')} />
      {events ? (
        events.length > 0 ? (
          <ul className="pp-event-list">
            {events.map((event) => (
              <Card as="li" interactive key={event.id} className="pp-event-card">
                {event.tagline && <p className="pl-eyebrow">{event.tagline}</p>}
                <h2 className="pp-event-card__title">
                  <Link to={`/e/${event.slug}`} className="pp-event-card__link">
                    {event.name}
                  </Link>
                </h2>
                <p className="pp-meta">
                  <CalendarIcon />
                  <time dateTime={event.startDate}>
                    {formatDateRange(event.startDate, event.endDate, locale)}
                  </time>
                </p>
                <p className="pp-meta">
                  <LocationIcon />
                  {formatEventPlace(event, t)}
                </p>
                <ArrowRightIcon className="pl-icon pp-event-card__arrow" />
              </Card>
            ))}
          </ul>
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
