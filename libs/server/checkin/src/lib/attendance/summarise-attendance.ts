import type {
  Attendance,
  AttendanceMode,
  AttendanceSummary,
  Session,
  SessionAttendance,
} from '@plenary/contracts';
import type { MediaAttendanceRecord, OnlinePresence, PresenceMinutesRecord } from './attendance.sources';

type SessionInfo = Pick<Session, 'id' | 'title' | 'day' | 'startsAt' | 'endsAt' | 'room'>;

export interface AttendanceInput {
  eventId: string;
  now: Date;
  /** Today in the event's time zone. */
  today: string;
  registered: { inPerson: number; remote: number };
  /** Standing door admissions: one per person and day. */
  admissions: Array<{ day: string; personId: string; attendance: Attendance | null }>;
  sessions: SessionInfo[];
  /** Video minutes per person and session (null: no media source). */
  media: MediaAttendanceRecord[] | null;
  /** Page minutes per person and session from socket presence (null: no presence source). */
  pages: PresenceMinutesRecord[] | null;
  presence: OnlinePresence | null;
}

/** One person in one session, before names are attached. */
export interface PersonSessionAttendance {
  sessionId: string;
  personId: string;
  mode: AttendanceMode;
  videoMinutes: number | null;
  pageMinutes: number | null;
  minutes: number;
}

/** Sums minutes per session and person (a person may come with several records). */
function minutesBy(records: Array<{ sessionId: string; personId: string; minutes: number }> | null) {
  const bySession = new Map<string, Map<string, number>>();
  for (const record of records ?? []) {
    let people = bySession.get(record.sessionId);
    if (!people) bySession.set(record.sessionId, (people = new Map<string, number>()));
    people.set(record.personId, (people.get(record.personId) ?? 0) + record.minutes);
  }
  return bySession;
}

/** The people admitted at the door, per event day. */
function roomByDay(admissions: AttendanceInput['admissions']): Map<string, Set<string>> {
  const byDay = new Map<string, Set<string>>();
  for (const admission of admissions) {
    let people = byDay.get(admission.day);
    if (!people) byDay.set(admission.day, (people = new Set<string>()));
    people.add(admission.personId);
  }
  return byDay;
}

/**
 * One record per person per session across the room and online. In the room: admitted at the door on the
 * session's day. Online: joined the session's video or had its page open. Both: the two. Online minutes are the
 * longer of video and page time (the two mostly overlap: the video plays on the session's page).
 */
export function attendanceRecords(
  input: Pick<AttendanceInput, 'admissions' | 'sessions' | 'media' | 'pages'>,
): PersonSessionAttendance[] {
  const room = roomByDay(input.admissions);
  const video = minutesBy(input.media);
  const pages = minutesBy(input.pages);
  const records: PersonSessionAttendance[] = [];
  for (const session of input.sessions) {
    const inRoom = room.get(session.day) ?? new Set<string>();
    const sessionVideo = video.get(session.id) ?? new Map<string, number>();
    const sessionPages = pages.get(session.id) ?? new Map<string, number>();
    const people = new Set([...inRoom, ...sessionVideo.keys(), ...sessionPages.keys()]);
    for (const personId of people) {
      const videoMinutes = sessionVideo.get(personId);
      const pageMinutes = sessionPages.get(personId);
      const online = videoMinutes !== undefined || pageMinutes !== undefined;
      const here = inRoom.has(personId);
      records.push({
        sessionId: session.id,
        personId,
        mode: here && online ? 'both' : here ? 'room' : 'online',
        videoMinutes: input.media ? Math.round(videoMinutes ?? 0) : null,
        pageMinutes: input.pages ? Math.round(pageMinutes ?? 0) : null,
        minutes: Math.round(Math.max(videoMinutes ?? 0, pageMinutes ?? 0)),
      });
    }
  }
  return records;
}

/**
 * One picture of attendance from the door, the video and the sockets. A person checked in on a session's day is in
 * its room; one who joined its video or had its page open is online; one who did both counts once, as `both`.
 */
export function summariseAttendance(input: AttendanceInput): AttendanceSummary {
  const seen = new Map<string, Set<string>>();
  const days = new Map<string, { day: string; total: number; inPerson: number; remote: number }>();
  for (const admission of input.admissions) {
    let people = seen.get(admission.day);
    if (!people) seen.set(admission.day, (people = new Set<string>()));
    if (people.has(admission.personId)) continue;
    people.add(admission.personId);
    let day = days.get(admission.day);
    if (!day) days.set(admission.day, (day = { day: admission.day, total: 0, inPerson: 0, remote: 0 }));
    day.total += 1;
    if (admission.attendance === 'remote') day.remote += 1;
    else day.inPerson += 1;
  }

  const tracked = input.media !== null || input.pages !== null;
  const records = attendanceRecords(input);
  const bySession = new Map<string, PersonSessionAttendance[]>();
  for (const record of records) {
    const list = bySession.get(record.sessionId) ?? [];
    list.push(record);
    bySession.set(record.sessionId, list);
  }

  const sessions = input.sessions.map((session): SessionAttendance => {
    const list = bySession.get(session.id) ?? [];
    const count = (...modes: AttendanceMode[]): number =>
      list.filter((record) => modes.includes(record.mode)).length;
    return {
      sessionId: session.id,
      title: session.title,
      day: session.day,
      startsAt: session.startsAt,
      endsAt: session.endsAt,
      room: session.room,
      inRoom: seen.get(session.day)?.size ?? 0,
      online: tracked ? count('online', 'both') : null,
      both: tracked ? count('both') : null,
      onlineMinutes: tracked ? list.reduce((sum, record) => sum + record.minutes, 0) : null,
      onlineNow: input.presence ? (input.presence.bySession[session.id] ?? 0) : null,
    };
  });

  return {
    eventId: input.eventId,
    generatedAt: input.now.toISOString(),
    registered: {
      inPerson: input.registered.inPerson,
      remote: input.registered.remote,
      total: input.registered.inPerson + input.registered.remote,
    },
    checkedIn: [...days.values()].sort((a, b) => a.day.localeCompare(b.day)),
    checkedInPeople: new Set(input.admissions.map((admission) => admission.personId)).size,
    today: input.today,
    onlineNow: input.presence ? input.presence.total : null,
    joinedVideo: input.media ? new Set(input.media.map((record) => record.personId)).size : null,
    sessions,
    sources: { door: true, media: input.media !== null, presence: input.presence !== null },
  };
}
