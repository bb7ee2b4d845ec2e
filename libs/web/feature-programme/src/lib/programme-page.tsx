import type { EventDetail } from '@plenary/contracts';
import { EmptyState, PageHeader, Tabs } from '@plenary/web-ui';
import { useSearchParams } from 'react-router';
import { useEventContext } from './event-context';
import { formatDayLabel, formatZoneCity, formatZoneName, toZonedDate } from './format-time';
import { useFormatLocale, useProgrammeTranslation } from './programme-i18n';
import { SessionListItem } from './session-list-item';
import { useEventDocumentTitle } from './use-event-document-title';
import { useEnsureViewerTimeZone } from './viewer-time-zone-context';

const DAY_PARAM = 'day';

/** The day to open: the one in the URL, else today's if the event is on, else the first. */
function pickDay(event: EventDetail, requested: string | null, now: Date): string | undefined {
  const dates = event.days.map((day) => day.date);
  if (requested && dates.includes(requested)) return requested;
  const today = toZonedDate(now.toISOString(), event.timeZone);
  return dates.includes(today) ? today : dates[0];
}

/** `/e/:slug/programme`: sessions by day, in the event's time zone and the viewer's. */
export function ProgrammePage() {
  const event = useEventContext();
  const { t } = useProgrammeTranslation();
  const locale = useFormatLocale();
  const viewerTimeZone = useEnsureViewerTimeZone();
  const [searchParams, setSearchParams] = useSearchParams();
  useEventDocumentTitle(t('programme.documentTitle'));

  const selectedDay = pickDay(event, searchParams.get(DAY_PARAM), new Date());
  const firstSession = event.days.flatMap((day) => day.sessions)[0];
  const referenceInstant = firstSession?.startsAt ?? `${event.startDate}T12:00:00Z`;
  const eventZone = {
    city: formatZoneCity(event.timeZone),
    zone: formatZoneName(referenceInstant, event.timeZone, locale),
  };
  const viewerZone = formatZoneName(referenceInstant, viewerTimeZone, locale);

  const handleSelectDay = (date: string) => {
    setSearchParams(
      (previous) => {
        const next = new URLSearchParams(previous);
        next.set(DAY_PARAM, date);
        return next;
      },
      { replace: true, preventScrollReset: true },
    );
  };

  return (
    <div className="pl-container pp-page">
      <PageHeader
        eyebrow={event.tagline ?? event.name}
        title={t('programme.title')}
        lead={
          viewerZone === eventZone.zone
            ? t('programme.timesNote', eventZone)
            : t('programme.timesNoteWithViewer', { ...eventZone, viewerZone })
        }
      />
      {event.days.length === 0 || !selectedDay ? (
        <EmptyState title={t('programme.empty.title')} message={t('programme.empty.message')} />
      ) : (
        <Tabs
          label={t('programme.daysLabel')}
          idPrefix="programme-day"
          selectedId={selectedDay}
          onSelect={handleSelectDay}
          items={event.days.map((day, index) => ({
            id: day.date,
            label: (
              <>
                <span className="pp-day-tab__number">{t('programme.dayNumber', { number: index + 1 })}</span>
                <span className="pp-day-tab__date">{formatDayLabel(day.date, locale, 'short')}</span>
              </>
            ),
            panel: (
              <section aria-labelledby={`day-${day.date}-title`}>
                <h2 id={`day-${day.date}-title`} className="pp-day__title">
                  <time dateTime={day.date}>{formatDayLabel(day.date, locale)}</time>
                  <span className="pp-day__count">
                    {t('programme.sessionCount', { count: day.sessions.length })}
                  </span>
                </h2>
                {day.sessions.length > 0 ? (
                  <ol className="pp-session-list">
                    {day.sessions.map((session) => (
                      <SessionListItem key={session.id} session={session} eventTimeZone={event.timeZone} />
                    ))}
                  </ol>
                ) : (
                  <EmptyState
                    headingLevel={3}
                    title={t('programme.emptyDay.title')}
                    message={t('programme.emptyDay.message')}
                  />
                )}
              </section>
            ),
          }))}
        />
      )}
    </div>
  );
}
