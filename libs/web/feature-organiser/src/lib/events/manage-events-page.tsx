import type { ManagedEventSummary } from '@plenary/contracts';
import { useManagedEvents } from '@plenary/web-data-access';
import {
  Button,
  CalendarIcon,
  EmptyState,
  LinkButton,
  LocationIcon,
  Notice,
  PageHeader,
  Skeleton,
  useDocumentTitle,
} from '@plenary/web-ui';
import { Link } from 'react-router';
import { describeError } from '../describe-error';
import { useFormatLocale, useOrganiserTranslation } from '../organiser-i18n';
import { EventStatusBadge } from './event-status-badge';
import { ManageGate } from './manage-gate';

/** "19–20 October 2021": an event's calendar dates (no time zone: they are the event's own dates). */
export function formatEventDates(startDate: string, endDate: string, locale: string): string {
  const format = new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone: 'UTC' });
  const start = new Date(`${startDate}T00:00:00Z`);
  const end = new Date(`${endDate}T00:00:00Z`);
  return startDate === endDate ? format.format(start) : format.formatRange(start, end);
}

/** `/manage`: the events the person runs (administrators: all), with their status; administrators create events. */
export function ManageEventsPage() {
  const { t } = useOrganiserTranslation();
  useDocumentTitle(t('events.manage.documentTitle'));
  return (
    <div className="pl-container po-page">
      <ManageGate path="/manage">
        {(me) => (
          <>
            <PageHeader
              title={t('events.manage.title')}
              lead={me.isAdmin ? t('events.manage.leadAdmin') : t('events.manage.lead')}
              actions={
                me.isAdmin ? <LinkButton to="/manage/new">{t('events.manage.create')}</LinkButton> : undefined
              }
            />
            <ManagedEventList isAdmin={me.isAdmin} />
          </>
        )}
      </ManageGate>
    </div>
  );
}

function ManagedEventList({ isAdmin }: { isAdmin: boolean }) {
  const { t } = useOrganiserTranslation();
  const query = useManagedEvents();
  if (query.isPending) {
    return (
      <div role="status" aria-live="polite" className="po-skeleton-stack">
        <span className="pl-visually-hidden">{t('events.manage.loading')}</span>
        <Skeleton shape="block" width="100%" height="5rem" />
        <Skeleton shape="block" width="100%" height="5rem" />
      </div>
    );
  }
  if (query.isError) {
    const failure = describeError(query.error, t);
    return (
      <Notice
        role="alert"
        tone="error"
        title={failure.title}
        actions={
          <Button variant="secondary" onClick={() => void query.refetch()}>
            {t('actions.retry')}
          </Button>
        }
      >
        <p>{failure.message}</p>
      </Notice>
    );
  }
  if (query.data.events.length === 0) {
    return (
      <EmptyState
        title={t('events.manage.empty.title')}
        message={isAdmin ? t('events.manage.empty.admin') : t('events.manage.empty.organiser')}
      />
    );
  }
  return (
    <ul className="po-manage-list">
      {query.data.events.map((event) => (
        <ManagedEventRow key={event.id} event={event} />
      ))}
    </ul>
  );
}

function ManagedEventRow({ event }: { event: ManagedEventSummary }) {
  const { t } = useOrganiserTranslation();
  const locale = useFormatLocale();
  const place =
    event.format === 'online'
      ? t('events.format.online')
      : // "Hofburg, Vienna"; a venue named after its city ("Vienna and online") is not followed by the city again.
        (event.venue.name.includes(event.venue.city)
          ? event.venue.name
          : [event.venue.name, event.venue.city].filter(Boolean).join(', ')) ||
        t(`events.format.${event.format}`);
  return (
    <li className="po-manage-list__item">
      <div className="po-manage-list__main">
        <div className="po-manage-list__heading">
          <h2 className="po-manage-list__name">
            <Link to={`/e/${event.slug}/organiser/event`}>{event.name}</Link>
          </h2>
          <EventStatusBadge status={event.status} />
        </div>
        <p className="po-manage-list__meta">
          <CalendarIcon />
          <time dateTime={event.startDate}>{formatEventDates(event.startDate, event.endDate, locale)}</time>
          <span aria-hidden="true">·</span>
          <LocationIcon />
          <span>{place}</span>
        </p>
      </div>
      <nav className="po-manage-list__links" aria-label={t('events.manage.linksLabel', { name: event.name })}>
        <Link to={`/e/${event.slug}/organiser/event`}>{t('events.manage.settings')}</Link>
        <Link to={`/e/${event.slug}/organiser`}>{t('events.manage.registrations')}</Link>
        <Link to={`/e/${event.slug}`}>{t('events.manage.publicPage')}</Link>
      </nav>
    </li>
  );
}
