import type { ProgrammeWarning } from '@plenary/contracts';
import type { EventEntity, SessionEntity } from './entities';
import type { ConflictRow } from './programme.repository';
import { addDays, instantToLocal } from './text/local-time';

/** Double bookings as the editor shows them: warnings, never refusals. */
export function conflictWarnings(rows: ConflictRow[]): ProgrammeWarning[] {
  return rows.map((row) =>
    row.kind === 'room'
      ? {
          code: 'room-double-booked',
          message: `Room “${row.resourceName}” is booked twice: “${row.aTitle}” and “${row.bTitle}” overlap.`,
          sessionIds: [row.a, row.b],
          roomId: row.resourceId,
          speakerId: null,
        }
      : {
          code: 'speaker-double-booked',
          message: `${row.resourceName} is booked twice: “${row.aTitle}” and “${row.bTitle}” overlap.`,
          sessionIds: [row.a, row.b],
          roomId: null,
          speakerId: row.resourceId,
        },
  );
}

/** Sessions left outside the event's dates after the dates moved (writes refuse them; this finds older ones). */
export function outsideWarnings(event: EventEntity, sessions: SessionEntity[]): ProgrammeWarning[] {
  const last = `${addDays(event.endDate, 1)}T00:00`;
  return sessions.flatMap((session) => {
    if (session.cancelled) return [];
    const starts = instantToLocal(session.startsAt, event.timeZone);
    const ends = instantToLocal(session.endsAt, event.timeZone);
    if (starts.slice(0, 10) >= event.startDate && ends <= last) return [];
    return [
      {
        code: 'outside-event' as const,
        message: `“${session.title}” is outside the event’s dates (${event.startDate} to ${event.endDate}).`,
        sessionIds: [session.id],
        roomId: null,
        speakerId: null,
      },
    ];
  });
}
