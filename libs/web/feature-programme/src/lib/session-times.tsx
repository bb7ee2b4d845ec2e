import type { Session } from '@plenary/contracts';
import { describeSessionTimes, formatDayLabel, formatFullDate, formatZoneCity } from './format-time';
import type { ZonedTimeRange } from './format-time';
import { useFormatLocale, useProgrammeTranslation } from './programme-i18n';
import { useEnsureViewerTimeZone } from './viewer-time-zone-context';

interface SessionTimesProps {
  session: Pick<Session, 'startsAt' | 'endsAt' | 'day'>;
  eventTimeZone: string;
}

function TimeRange({ range, startsAt, endsAt }: { range: ZonedTimeRange; startsAt: string; endsAt: string }) {
  return (
    <>
      <time dateTime={startsAt}>{range.start}</time>–<time dateTime={endsAt}>{range.end}</time>
    </>
  );
}

/** Compact times for a programme row: event time (with zone), and the viewer's own time when it differs. */
export function SessionTimesCompact({ session, eventTimeZone }: SessionTimesProps) {
  const { t } = useProgrammeTranslation();
  const locale = useFormatLocale();
  const viewerTimeZone = useEnsureViewerTimeZone();
  const times = describeSessionTimes(session, eventTimeZone, viewerTimeZone, locale);
  const viewer = times.viewer;
  return (
    <div className="pp-times">
      <p className="pp-times__event">
        <span className="pl-visually-hidden">
          {t('time.eventZoneLabel', { city: formatZoneCity(eventTimeZone) })}:{' '}
        </span>
        <TimeRange range={times.event} startsAt={session.startsAt} endsAt={session.endsAt} />{' '}
        <span className="pp-times__zone">{times.event.zoneName}</span>
      </p>
      {viewer && (
        <p className="pp-times__viewer">
          <span className="pp-times__viewer-label">{t('time.yourTime')} </span>
          <span className="pp-times__viewer-value">
            {viewer.date !== session.day && <>{formatDayLabel(viewer.date, locale, 'short')}, </>}
            <TimeRange range={viewer} startsAt={session.startsAt} endsAt={session.endsAt} /> {viewer.zoneName}
          </span>
        </p>
      )}
    </div>
  );
}

/** Full times for the session page: date and time in the event's zone and, when it differs, the viewer's. */
export function SessionTimesFull({ session, eventTimeZone }: SessionTimesProps) {
  const { t } = useProgrammeTranslation();
  const locale = useFormatLocale();
  const viewerTimeZone = useEnsureViewerTimeZone();
  const times = describeSessionTimes(session, eventTimeZone, viewerTimeZone, locale);
  const viewer = times.viewer;
  return (
    <dl className="pp-times-full">
      <div className="pp-times-full__row">
        <dt>{t('time.eventZoneLabel', { city: formatZoneCity(eventTimeZone) })}</dt>
        <dd>
          <span className="pp-times-full__date">{formatFullDate(times.event.date, locale)}</span>{' '}
          <span className="pp-times-full__clock">
            <TimeRange range={times.event} startsAt={session.startsAt} endsAt={session.endsAt} />{' '}
            <span className="pp-times__zone">{times.event.zoneName}</span>
          </span>
        </dd>
      </div>
      {viewer && (
        <div className="pp-times-full__row">
          <dt>{t('time.yourZoneLabel', { zone: viewer.zoneName })}</dt>
          <dd>
            <span className="pp-times-full__date">{formatFullDate(viewer.date, locale)}</span>{' '}
            <span className="pp-times-full__clock">
              <TimeRange range={viewer} startsAt={session.startsAt} endsAt={session.endsAt} />
            </span>
          </dd>
        </div>
      )}
    </dl>
  );
}
