import type { AttendanceSummary, EventDetail, SessionAttendance } from '@plenary/contracts';
import { attendanceCsvUrl, useAttendance, useAttendanceTimeline } from '@plenary/web-data-access';
import {
  Button,
  EmptyState,
  LoadingState,
  Notice,
  SelectField,
  Skeleton,
  VisuallyHidden,
} from '@plenary/web-ui';
import { useMemo, useState } from 'react';
import { AttendanceChart } from './attendance-chart';
import { describeError } from './describe-error';
import { useFormatLocale, useOrganiserTranslation } from './organiser-i18n';

/** Formats instants in the event's time zone ("10:45"; "Tue 19 Oct, 10:45" with the day). */
function useEventTimeFormat(timeZone: string) {
  const locale = useFormatLocale();
  return useMemo(() => {
    const time = new Intl.DateTimeFormat(locale, { timeZone, hour: '2-digit', minute: '2-digit' });
    const seconds = new Intl.DateTimeFormat(locale, {
      timeZone,
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    const day = new Intl.DateTimeFormat(locale, {
      timeZone: 'UTC',
      weekday: 'short',
      day: 'numeric',
      month: 'short',
    });
    return {
      time: (iso: string) => (iso ? time.format(new Date(iso)) : ''),
      seconds: (iso: string) => seconds.format(new Date(iso)),
      day: (isoDate: string) => day.format(new Date(`${isoDate}T12:00:00Z`)),
    };
  }, [locale, timeZone]);
}

/**
 * The organiser's one picture of attendance: big numbers, people over the day (room and online), one row per
 * session (room / online / both / minutes / now) and the CSV export of every person × session record. Refreshes
 * every 5 seconds while open (the curve every 30).
 */
export function AttendanceDashboard({ event }: { event: EventDetail }) {
  const { t } = useOrganiserTranslation();
  const summary = useAttendance(event.slug);
  const format = useEventTimeFormat(event.timeZone);

  if (summary.isPending) {
    return (
      <LoadingState label={t('attendance.loading')}>
        <div className="po-skeleton-stack">
          <Skeleton shape="block" width="100%" height="6rem" />
          <Skeleton shape="block" width="100%" height="14rem" />
          <Skeleton shape="block" width="100%" height="10rem" />
        </div>
      </LoadingState>
    );
  }
  if (summary.isError && !summary.data) {
    const { title, message } = describeError(summary.error, t);
    return (
      <Notice
        role="alert"
        tone="error"
        title={title}
        actions={
          <Button variant="secondary" onClick={() => void summary.refetch()}>
            {t('actions.retry')}
          </Button>
        }
      >
        <p>{message}</p>
      </Notice>
    );
  }
  const data = summary.data;
  return (
    <div className="po-attendance">
      <div className="po-attendance__bar">
        <p className="po-attendance__updated">
          {t('attendance.updated', { time: format.seconds(data.generatedAt) })}
          {summary.isError && <span className="po-attendance__stale"> · {t('attendance.stale')}</span>}
        </p>
        <a
          href={attendanceCsvUrl(event.slug)}
          download
          className="pl-button pl-button--secondary pl-button--md po-export"
        >
          {t('attendance.export')} <VisuallyHidden>{t('attendance.exportScope')}</VisuallyHidden>
        </a>
      </div>
      <BigNumbers summary={data} />
      <Timeline event={event} formatTime={format.time} formatDay={format.day} />
      <SessionsTable sessions={data.sessions} tracked={data.sources} formatTime={format.time} />
    </div>
  );
}

/** The figures at a glance, each with its label under `attendance.numbers` (checked by the typed `t`). */
type AttendanceNumber =
  | 'registeredInPerson'
  | 'registeredRemote'
  | 'checkedInToday'
  | 'onlineNow'
  | 'joinedVideo';

function BigNumbers({ summary }: { summary: AttendanceSummary }) {
  const { t } = useOrganiserTranslation();
  const today = summary.checkedIn.find((day) => day.day === summary.today);
  const unknown = t('attendance.numbers.notReported');
  const numbers: Array<{ key: AttendanceNumber; value: number | null; note?: string }> = [
    { key: 'registeredInPerson', value: summary.registered.inPerson },
    { key: 'registeredRemote', value: summary.registered.remote },
    {
      key: 'checkedInToday',
      value: today?.total ?? 0,
      note:
        today && today.remote > 0
          ? t('attendance.numbers.remoteCame', { count: today.remote })
          : t('attendance.numbers.ofInPerson', { count: summary.registered.inPerson }),
    },
    { key: 'onlineNow', value: summary.onlineNow },
    { key: 'joinedVideo', value: summary.joinedVideo },
  ];
  return (
    <section className="po-numbers" aria-labelledby="attendance-numbers-title">
      <h2 id="attendance-numbers-title" className="po-panel__title">
        {t('attendance.numbers.title')}
      </h2>
      <dl className="po-numbers__list">
        {numbers.map((number) => (
          <div key={number.key} className={`po-number po-number--${number.key}`}>
            <dt className="po-number__label">{t(`attendance.numbers.${number.key}`)}</dt>
            <dd className="po-number__value">{number.value ?? unknown}</dd>
            {number.note && <dd className="po-number__note">{number.note}</dd>}
          </div>
        ))}
      </dl>
    </section>
  );
}

function Timeline({
  event,
  formatTime,
  formatDay,
}: {
  event: EventDetail;
  formatTime: (iso: string) => string;
  formatDay: (isoDate: string) => string;
}) {
  const { t } = useOrganiserTranslation();
  const [day, setDay] = useState<string | null>(null);
  const timeline = useAttendanceTimeline(event.slug, day);
  const data = timeline.data;
  return (
    <section className="po-timeline" aria-labelledby="attendance-timeline-title">
      <div className="po-timeline__head">
        <h2 id="attendance-timeline-title" className="po-panel__title">
          {t('attendance.chart.title')}
        </h2>
        {data && data.days.length > 1 && (
          <SelectField
            id="attendance-day"
            label={t('attendance.chart.day')}
            className="po-timeline__day"
            value={data.day}
            onChange={(change) => setDay(change.target.value)}
          >
            {data.days.map((option) => (
              <option key={option} value={option}>
                {formatDay(option)}
              </option>
            ))}
          </SelectField>
        )}
      </div>
      {timeline.isPending ? (
        <LoadingState label={t('attendance.chart.loading')}>
          <Skeleton shape="block" width="100%" height="14rem" />
        </LoadingState>
      ) : timeline.isError && !data ? (
        <Notice
          role="alert"
          tone="error"
          headingLevel={3}
          title={describeError(timeline.error, t).title}
          actions={
            <Button variant="secondary" onClick={() => void timeline.refetch()}>
              {t('actions.retry')}
            </Button>
          }
        >
          <p>{describeError(timeline.error, t).message}</p>
        </Notice>
      ) : !data || data.points.length < 2 ? (
        <EmptyState
          headingLevel={3}
          title={t('attendance.chart.empty.title')}
          message={t('attendance.chart.empty.message', { day: data ? formatDay(data.day) : '' })}
        />
      ) : (
        <AttendanceChart timeline={data} formatTime={formatTime} />
      )}
    </section>
  );
}

function SessionsTable({
  sessions,
  tracked,
  formatTime,
}: {
  sessions: SessionAttendance[];
  tracked: AttendanceSummary['sources'];
  formatTime: (iso: string) => string;
}) {
  const { t } = useOrganiserTranslation();
  const dash = t('attendance.numbers.notReported');
  return (
    <section className="po-sessions" aria-labelledby="attendance-sessions-title">
      <h2 id="attendance-sessions-title" className="po-panel__title">
        {t('attendance.sessions.title')}
      </h2>
      {sessions.length === 0 ? (
        <EmptyState
          headingLevel={3}
          title={t('attendance.sessions.empty.title')}
          message={t('attendance.sessions.empty.message')}
        />
      ) : (
        <div className="po-table-wrap">
          <table className="po-table po-sessions__table">
            <caption className="pl-visually-hidden">{t('attendance.sessions.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('attendance.sessions.session')}</th>
                <th scope="col" className="po-num">
                  {t('attendance.sessions.inRoom')}
                </th>
                <th scope="col" className="po-num">
                  {t('attendance.sessions.online')}
                </th>
                <th scope="col" className="po-num">
                  {t('attendance.sessions.both')}
                </th>
                <th scope="col" className="po-num">
                  {t('attendance.sessions.minutes')}
                </th>
                <th scope="col" className="po-num">
                  {t('attendance.sessions.onlineNow')}
                </th>
              </tr>
            </thead>
            <tbody>
              {sessions.map((session) => (
                <tr key={session.sessionId}>
                  <th scope="row" className="po-sessions__name">
                    <span className="po-sessions__title">{session.title}</span>
                    <span className="po-sessions__when">
                      {session.day} · {formatTime(session.startsAt)}–{formatTime(session.endsAt)}
                      {session.room ? ` · ${session.room}` : ''}
                    </span>
                  </th>
                  <td className="po-num">{session.inRoom}</td>
                  <td className="po-num">{session.online ?? dash}</td>
                  <td className="po-num">{session.both ?? dash}</td>
                  <td className="po-num">{session.onlineMinutes ?? dash}</td>
                  <td className="po-num">{session.onlineNow ?? dash}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {(!tracked.media || !tracked.presence) && (
        <p className="po-sessions__note">{t('attendance.sessions.notWired')}</p>
      )}
    </section>
  );
}
