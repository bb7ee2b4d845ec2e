import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

export interface MediaInterval {
  joinedAt: Date;
  /** Null while the person is still connected. */
  leftAt: Date | null;
}

export interface MediaAttendance {
  personId: string;
  /** Time in the session's main room, overlapping connections (two windows) counted once. */
  seconds: number;
  /** `seconds` in whole minutes, rounded down. */
  minutes: number;
  /** Connected right now (an interval without an end). */
  connected: boolean;
  /** Merged presence intervals, oldest first; an open one ends at null. */
  intervals: MediaInterval[];
}

/**
 * Media attendance from LiveKit webhooks: person × session × joined/left intervals → minutes. The attendance
 * context combines it with door scans and socket presence.
 */
@Injectable()
export class MediaAttendanceService {
  constructor(private readonly dataSource: DataSource) {}

  /** Everyone who was in the session's main room; open intervals count up to `until` (default: now). */
  async forSession(sessionId: string, until: Date = new Date()): Promise<MediaAttendance[]> {
    const rows = await this.dataSource.query<
      Array<{
        person_id: string;
        seconds: number;
        connected: boolean;
        intervals: Array<{ joinedAt: string; leftAt: string }>;
      }>
    >(
      `WITH raw AS (
         SELECT person_id, joined_at, left_at,
                tstzrange(joined_at, GREATEST(joined_at, COALESCE(left_at, $2::timestamptz)), '[]') AS span
           FROM media_presence WHERE session_id = $1 AND room = 'main'),
       merged AS (
         SELECT person_id, unnest(range_agg(span)) AS span FROM raw GROUP BY person_id)
       SELECT m.person_id,
              sum(extract(epoch FROM upper(m.span) - lower(m.span)))::float8 AS seconds,
              EXISTS (SELECT 1 FROM raw r WHERE r.person_id = m.person_id AND r.left_at IS NULL) AS connected,
              json_agg(json_build_object('joinedAt', lower(m.span), 'leftAt', upper(m.span))
                       ORDER BY lower(m.span)) AS intervals
         FROM merged m GROUP BY m.person_id ORDER BY m.person_id`,
      [sessionId, until],
    );
    return rows.map((row) => {
      const seconds = Math.round(row.seconds);
      // The open connection reaches `until`, so it ends the last merged interval.
      const intervals: MediaInterval[] = row.intervals.map((interval, index) => ({
        joinedAt: new Date(interval.joinedAt),
        leftAt: row.connected && index === row.intervals.length - 1 ? null : new Date(interval.leftAt),
      }));
      return {
        personId: row.person_id,
        seconds,
        minutes: Math.floor(seconds / 60),
        connected: row.connected,
        intervals,
      };
    });
  }

  /**
   * Minutes per person and session of the event (main rooms; overlapping connections counted once), the shape the
   * attendance report's `MediaAttendanceSource` asks for.
   */
  async sessionParticipants(
    eventId: string,
    until: Date = new Date(),
  ): Promise<Array<{ sessionId: string; personId: string; minutes: number }>> {
    const rows = await this.dataSource.query<
      Array<{ session_id: string; person_id: string; seconds: number }>
    >(
      `WITH raw AS (
         SELECT m.session_id, m.person_id,
                tstzrange(m.joined_at, GREATEST(m.joined_at, COALESCE(m.left_at, $2::timestamptz)), '[]') AS span
           FROM media_presence m JOIN sessions s ON s.id = m.session_id
          WHERE s.event_id = $1 AND m.room = 'main'),
       merged AS (
         SELECT session_id, person_id, unnest(range_agg(span)) AS span FROM raw GROUP BY session_id, person_id)
       SELECT session_id, person_id, sum(extract(epoch FROM upper(span) - lower(span)))::float8 AS seconds
         FROM merged GROUP BY session_id, person_id`,
      [eventId, until],
    );
    return rows.map((row) => ({
      sessionId: row.session_id,
      personId: row.person_id,
      minutes: Math.floor(Math.round(row.seconds) / 60),
    }));
  }

  /** The person's last known state in a session's room: `joined` while a connection is open, else `left`. */
  async stateOf(
    sessionId: string,
    personId: string,
    room: 'main' | 'backstage' = 'main',
  ): Promise<'joined' | 'left' | null> {
    const rows = await this.dataSource.query<Array<{ open: boolean }>>(
      `SELECT bool_or(left_at IS NULL) AS open FROM media_presence
        WHERE session_id = $1 AND person_id = $2 AND room = $3 HAVING count(*) > 0`,
      [sessionId, personId, room],
    );
    const row = rows[0];
    if (!row) return null;
    return row.open ? 'joined' : 'left';
  }
}
