import { Inject, Injectable, Optional } from '@nestjs/common';
import type {
  Attendance,
  AttendanceRecord,
  AttendanceRecordList,
  AttendanceRecordsFilter,
  AttendanceSummary,
  AttendanceTimeline,
  MyPresence,
  Session,
} from '@plenary/contracts';
import { dayInTimeZone, ProgrammeService, type EventEntity } from '@plenary/server-programme';
import { stringify } from 'csv-stringify/sync';
import { DataSource } from 'typeorm';
import {
  MEDIA_ATTENDANCE_SOURCE,
  ONLINE_PRESENCE_SOURCE,
  type MediaAttendanceSource,
  type OnlinePresenceSource,
} from './attendance.sources';
import { attendanceRecords, summariseAttendance, type AttendanceInput } from './summarise-attendance';

/** The timeline's step. */
export const TIMELINE_BUCKET_MINUTES = 5;
const BUCKET_MS = TIMELINE_BUCKET_MINUTES * 60_000;
/** At most a day of 5-minute points. */
const MAX_POINTS = 24 * 12 + 1;

/** Cells starting with these characters would run as formulas in a spreadsheet: they get a leading quote. */
const FORMULA_START = /^[=+\-@\t\r]/;
const safeCell = (value: string | number | null): string => {
  const text = value === null ? '' : String(value);
  return FORMULA_START.test(text) ? `'${text}` : text;
};

const CSV_COLUMNS = [
  'day',
  'sessionStartsAt',
  'sessionTitle',
  'name',
  'organisation',
  'registered',
  'mode',
  'minutes',
  'videoMinutes',
  'pageMinutes',
] as const;

type SessionInfo = Pick<Session, 'id' | 'title' | 'day' | 'startsAt' | 'endsAt' | 'room'>;

/** The organiser's attendance picture: registrations, door admissions per day, per-session room and online counts. */
@Injectable()
export class AttendanceService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly programme: ProgrammeService,
    @Optional() @Inject(MEDIA_ATTENDANCE_SOURCE) private readonly media: MediaAttendanceSource | null,
    @Optional() @Inject(ONLINE_PRESENCE_SOURCE) private readonly presence: OnlinePresenceSource | null,
  ) {}

  async summary(event: EventEntity): Promise<AttendanceSummary> {
    const now = new Date();
    const [registered, inputs, presence] = await Promise.all([
      this.dataSource.query<Array<{ attendance: Attendance; n: number }>>(
        `SELECT attendance, count(*)::int AS n FROM registrations
          WHERE event_id = $1 AND status = 'approved' GROUP BY attendance`,
        [event.id],
      ),
      this.inputs(event, now),
      this.presence ? this.presence.onlineNow(event.id) : Promise.resolve(null),
    ]);
    const count = (mode: Attendance): number => registered.find((row) => row.attendance === mode)?.n ?? 0;
    return summariseAttendance({
      ...inputs,
      eventId: event.id,
      now,
      today: dayInTimeZone(now, event.timeZone),
      registered: { inPerson: count('in_person'), remote: count('remote') },
      presence,
    });
  }

  /** One record per person per session (room, online or both), by session then name; a page of them. */
  async records(event: EventEntity, query: AttendanceRecordsFilter): Promise<AttendanceRecordList> {
    const all = (await this.allRecords(event)).filter(
      (record) =>
        (!query.sessionId || record.sessionId === query.sessionId) &&
        (!query.mode || record.mode === query.mode),
    );
    return {
      items: all.slice(query.offset, query.offset + query.limit),
      total: all.length,
      limit: query.limit,
      offset: query.offset,
    };
  }

  /** Every record as CSV (UTF-8 with BOM; cells that would run as spreadsheet formulas are quoted). */
  async recordsCsv(event: EventEntity): Promise<string> {
    const records = await this.allRecords(event);
    const starts = new Map((await this.sessions(event)).map((session) => [session.id, session.startsAt]));
    return stringify(
      records.map((record) => {
        const row: Record<(typeof CSV_COLUMNS)[number], string | number | null> = {
          ...record,
          sessionStartsAt: starts.get(record.sessionId) ?? null,
        };
        return CSV_COLUMNS.map((column) => safeCell(row[column]));
      }),
      { header: true, columns: [...CSV_COLUMNS], bom: true },
    );
  }

  /**
   * People in the room (standing admissions of the day, cumulative) and online (sampled at each instant) over one
   * event day, every 5 minutes from half an hour before the first session (or the first admission) until the
   * last session's end plus half an hour, or now.
   */
  async timeline(event: EventEntity, requestedDay?: string): Promise<AttendanceTimeline> {
    const now = new Date();
    const today = dayInTimeZone(now, event.timeZone);
    const sessions = await this.sessions(event);
    const admissionDays = await this.dataSource.query<Array<{ day: string }>>(
      `SELECT DISTINCT day::text AS day FROM checkins
        WHERE event_id = $1 AND verdict = 'admitted' AND undone_at IS NULL`,
      [event.id],
    );
    const days = [
      ...new Set([...eventDays(event.startDate, event.endDate), ...admissionDays.map((row) => row.day)]),
    ].sort();
    const day =
      requestedDay ??
      (days.includes(today) ? today : ([...days].reverse().find((d) => d <= today) ?? days[0] ?? today));

    const [bounds] = await this.dataSource.query<Array<{ start: Date; end: Date }>>(
      `SELECT ($1::date)::timestamp AT TIME ZONE $2 AS start, ($1::date + 1)::timestamp AT TIME ZONE $2 AS end`,
      [day, event.timeZone],
    );
    const dayStart = bounds?.start ?? new Date(`${day}T00:00:00Z`);
    const dayEnd = bounds?.end ?? new Date(dayStart.getTime() + 86_400_000);
    const admissions = (
      await this.dataSource.query<Array<{ at: Date }>>(
        `SELECT occurred_at AS at FROM checkins
          WHERE event_id = $1 AND day = $2::date AND verdict = 'admitted' AND undone_at IS NULL
            AND person_id IS NOT NULL
          ORDER BY occurred_at`,
        [event.id, day],
      )
    ).map((row) => new Date(row.at).getTime());

    const ofDay = sessions.filter((session) => session.day === day);
    const starts = [
      ...ofDay.map((session) => Date.parse(session.startsAt) - 30 * 60_000),
      ...admissions.slice(0, 1),
    ];
    const ends = [
      ...ofDay.map((session) => Date.parse(session.endsAt) + 30 * 60_000),
      ...admissions.slice(-1),
    ];
    let from = starts.length > 0 ? Math.min(...starts) : dayStart.getTime() + 8 * 3_600_000;
    let to = ends.length > 0 ? Math.max(...ends) : from + 10 * 3_600_000;
    if (day === today) {
      to = now.getTime();
      from = Math.min(from, to - 3_600_000);
    }
    from = Math.max(dayStart.getTime(), Math.floor(from / BUCKET_MS) * BUCKET_MS);
    to = Math.min(to, dayEnd.getTime(), now.getTime());

    const instants: Date[] = [];
    for (let at = from; at <= to && instants.length < MAX_POINTS; at += BUCKET_MS)
      instants.push(new Date(at));
    const last = instants.at(-1);
    if (last && last.getTime() < to && instants.length < MAX_POINTS) instants.push(new Date(to));

    const online = this.presence ? await this.presence.onlineAt(event.id, instants, now) : null;
    const onlineAt = new Map(online?.map((sample) => [sample.at.getTime(), sample.online]));
    let admitted = 0;
    return {
      day,
      days,
      bucketMinutes: TIMELINE_BUCKET_MINUTES,
      points: instants.map((instant) => {
        const t = instant.getTime();
        while (admitted < admissions.length && (admissions[admitted] ?? Infinity) <= t) admitted += 1;
        return {
          at: instant.toISOString(),
          inRoom: admitted,
          online: online ? (onlineAt.get(t) ?? 0) : null,
        };
      }),
    };
  }

  /** The signed-in person's hybrid mode today (event time zone). */
  async myPresence(event: EventEntity, personId: string): Promise<MyPresence> {
    const day = dayInTimeZone(new Date(), event.timeZone);
    return { eventId: event.id, day, inRoomToday: await this.isInRoom(event.id, personId, day) };
  }

  /** True when the person stands admitted at the door on that event day (the hybrid switch's "in the room"). */
  async isInRoom(eventId: string, personId: string, day: string): Promise<boolean> {
    const rows = await this.dataSource.query<unknown[]>(
      `SELECT 1 FROM checkins WHERE event_id = $1 AND person_id = $2 AND day = $3::date
          AND verdict = 'admitted' AND undone_at IS NULL LIMIT 1`,
      [eventId, personId, day],
    );
    return rows.length > 0;
  }

  private async sessions(event: EventEntity): Promise<SessionInfo[]> {
    const detail = await this.programme.getEvent(event.slug);
    return detail.days.flatMap((day) => day.sessions);
  }

  /** Door admissions, sessions and the per-person sources: what both the summary and the records are made of. */
  private async inputs(
    event: EventEntity,
    now: Date,
  ): Promise<Pick<AttendanceInput, 'admissions' | 'sessions' | 'media' | 'pages'>> {
    const [admissions, sessions, media, pages] = await Promise.all([
      this.dataSource.query<Array<{ day: string; person_id: string; attendance: Attendance | null }>>(
        `SELECT c.day::text AS day, c.person_id, r.attendance
           FROM checkins c LEFT JOIN registrations r ON r.id = c.registration_id
          WHERE c.event_id = $1 AND c.verdict = 'admitted' AND c.undone_at IS NULL AND c.person_id IS NOT NULL`,
        [event.id],
      ),
      this.sessions(event),
      this.media ? this.media.sessionParticipants(event.id) : Promise.resolve(null),
      this.presence ? this.presence.sessionParticipants(event.id, now) : Promise.resolve(null),
    ]);
    return {
      admissions: admissions.map((row) => ({
        day: row.day,
        personId: row.person_id,
        attendance: row.attendance,
      })),
      sessions,
      media,
      pages,
    };
  }

  private async allRecords(event: EventEntity): Promise<AttendanceRecord[]> {
    const inputs = await this.inputs(event, new Date());
    const records = attendanceRecords(inputs);
    const sessions = new Map(inputs.sessions.map((session, index) => [session.id, { session, index }]));
    const ids = [...new Set(records.map((record) => record.personId))];
    const people = await this.dataSource.query<
      Array<{ id: string; name: string; organisation: string | null; attendance: Attendance | null }>
    >(
      `SELECT p.id, p.name, r.organisation, r.attendance
         FROM people p LEFT JOIN registrations r ON r.person_id = p.id AND r.event_id = $1
        WHERE p.id = ANY($2::uuid[])`,
      [event.id, ids],
    );
    const byId = new Map(people.map((person) => [person.id, person]));
    return records
      .map((record): AttendanceRecord & { order: number } => {
        const entry = sessions.get(record.sessionId);
        const person = byId.get(record.personId);
        return {
          ...record,
          order: entry?.index ?? 0,
          sessionTitle: entry?.session.title ?? '',
          day: entry?.session.day ?? '',
          name: person?.name ?? null,
          organisation: person?.organisation ?? null,
          registered: person?.attendance ?? null,
        };
      })
      .sort(
        (a, b) =>
          a.order - b.order ||
          (a.name ?? '\uffff').localeCompare(b.name ?? '\uffff') ||
          a.personId.localeCompare(b.personId),
      )
      .map(({ order: _order, ...record }) => record);
  }
}

/** Every calendar day from `start` to `end` (YYYY-MM-DD, inclusive; at most a year). */
function eventDays(start: string, end: string): string[] {
  const days: string[] = [];
  for (let t = Date.parse(`${start}T00:00:00Z`); days.length < 366; t += 86_400_000) {
    const day = new Date(t).toISOString().slice(0, 10);
    if (day > end) break;
    days.push(day);
  }
  return days;
}
