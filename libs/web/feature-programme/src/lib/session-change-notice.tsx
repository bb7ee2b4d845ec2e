import { isSessionChangeVisible, type Session } from '@plenary/contracts';
import { useEffect, useState } from 'react';
import { formatClockTime, formatDayLabel, toZonedDate } from './format-time';
import { useFormatLocale, useProgrammeTranslation } from './programme-i18n';

export interface SessionChangeNoticeProps {
  session: Pick<Session, 'startsAt' | 'day' | 'change'>;
  eventTimeZone: string;
  /** The time to judge by (ms epoch); tests fix it. Default: now, re-checked every minute. */
  now?: number;
}

/** Now, re-read every minute, so a notice leaves the page when the session starts. */
function useMinuteClock(fixed: number | undefined): number {
  const [now, setNow] = useState(() => fixed ?? Date.now());
  useEffect(() => {
    if (fixed !== undefined) return undefined;
    const timer = setInterval(() => setNow(Date.now()), 60_000);
    return () => clearInterval(timer);
  }, [fixed]);
  return fixed ?? now;
}

/**
 * "Changed: was 09:30, Plenary hall" — a published session moved in time or to another room, shown for 24 hours
 * after the move and never once the session started. The previous time is in the event's time zone, with its day
 * when the session moved to another day.
 */
export function SessionChangeNotice({ session, eventTimeZone, now }: SessionChangeNoticeProps) {
  const { t } = useProgrammeTranslation();
  const locale = useFormatLocale();
  const clock = useMinuteClock(now);
  const change = session.change;
  if (!change || !isSessionChangeVisible(session, clock)) return null;
  const parts: string[] = [];
  if (change.timeChanged) {
    const time = formatClockTime(change.previousStartsAt, eventTimeZone, locale);
    const previousDay = toZonedDate(change.previousStartsAt, eventTimeZone);
    parts.push(
      previousDay === session.day ? time : `${formatDayLabel(previousDay, locale, 'short')}, ${time}`,
    );
  }
  if (change.roomChanged) parts.push(change.previousRoom ?? t('change.noRoom'));
  return (
    <p className="pp-changed">
      <strong className="pp-changed__label">{t('change.label')}:</strong>{' '}
      {t('change.was', { details: parts.join(', ') })}
    </p>
  );
}
