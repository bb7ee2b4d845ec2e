import type { Attendance, AttendanceSummary, Session, SessionAttendance } from '@plenary/contracts';
import type { MediaAttendanceRecord, OnlinePresence } from './attendance.sources';

export interface AttendanceInput {
  eventId: string;
  now: Date;
  registered: { inPerson: number; remote: number };
  /** Standing door admissions: one per person and day. */
  admissions: Array<{ day: string; personId: string; attendance: Attendance | null }>;
  sessions: Array<Pick<Session, 'id' | 'title' | 'day' | 'startsAt' | 'endsAt' | 'room'>>;
  media: MediaAttendanceRecord[] | null;
  presence: OnlinePresence | null;
}

/**
 * One picture of attendance from the door, the video and the sockets. A person checked in on a session's day is in
 * its room; one who joined its video is online; one who did both counts once, as `both`.
 */
export function summariseAttendance(input: AttendanceInput): AttendanceSummary {
  const roomByDay = new Map<string, Set<string>>();
  const days = new Map<string, { day: string; total: number; inPerson: number; remote: number }>();
  for (const admission of input.admissions) {
    let people = roomByDay.get(admission.day);
    if (!people) roomByDay.set(admission.day, (people = new Set<string>()));
    if (people.has(admission.personId)) continue;
    people.add(admission.personId);
    let day = days.get(admission.day);
    if (!day) days.set(admission.day, (day = { day: admission.day, total: 0, inPerson: 0, remote: 0 }));
    day.total += 1;
    if (admission.attendance === 'remote') day.remote += 1;
    else day.inPerson += 1;
  }

  const onlineBySession = new Map<string, Map<string, number>>();
  for (const record of input.media ?? []) {
    let people = onlineBySession.get(record.sessionId);
    if (!people) onlineBySession.set(record.sessionId, (people = new Map<string, number>()));
    people.set(record.personId, (people.get(record.personId) ?? 0) + record.minutes);
  }

  const sessions = input.sessions.map((session): SessionAttendance => {
    const room = roomByDay.get(session.day) ?? new Set<string>();
    const online = onlineBySession.get(session.id) ?? new Map<string, number>();
    let both = 0;
    let minutes = 0;
    for (const [personId, personMinutes] of online) {
      if (room.has(personId)) both += 1;
      minutes += personMinutes;
    }
    return {
      sessionId: session.id,
      title: session.title,
      day: session.day,
      startsAt: session.startsAt,
      endsAt: session.endsAt,
      room: session.room,
      inRoom: room.size,
      online: input.media ? online.size : null,
      both: input.media ? both : null,
      onlineMinutes: input.media ? Math.round(minutes) : null,
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
    onlineNow: input.presence ? input.presence.total : null,
    sessions,
    sources: { door: true, media: input.media !== null, presence: input.presence !== null },
  };
}
