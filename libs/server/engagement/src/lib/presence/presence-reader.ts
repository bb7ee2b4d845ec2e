import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

/** People with a session open now, for the event and per session (distinct people, not sockets). */
export interface OnlineNow {
  total: number;
  bySession: Record<string, number>;
}

/** One person's time on one session's page (Q&A, polls, the stream), overlapping sockets counted once. */
export interface PresenceMinutes {
  sessionId: string;
  personId: string;
  minutes: number;
}

/** People online at an instant. */
export interface OnlineSample {
  at: Date;
  online: number;
}

/**
 * When a stay ended: its `left_at`; while open, `$until` if its node is alive, else the node's last heartbeat (a
 * crashed node's sockets count until then and no longer).
 */
const STAY_END = `COALESCE(p.left_at,
  CASE WHEN n.expires_at > $2::timestamptz THEN $2::timestamptz ELSE GREATEST(p.joined_at, n.seen_at) END,
  p.joined_at)`;

/**
 * Reads online presence written by every live node (ADR 0014): who is connected now, minutes per person and
 * session, and the online curve. Any process with the database can ask — the api's attendance report, and a live
 * node counting the other nodes' sockets in a session.
 */
@Injectable()
export class PresenceReader {
  constructor(private readonly dataSource: DataSource) {}

  /** Distinct people in each session of the event now, and in any session of it. */
  async onlineNow(eventId: string): Promise<OnlineNow> {
    const rows = await this.dataSource.query<Array<{ session_id: string | null; n: number }>>(
      `SELECT p.session_id, count(DISTINCT p.person_id)::int AS n
         FROM online_presence p JOIN live_nodes n ON n.id = p.node_id
        WHERE p.event_id = $1 AND p.left_at IS NULL AND n.expires_at > now()
        GROUP BY GROUPING SETS ((p.session_id), ())`,
      [eventId],
    );
    const bySession: Record<string, number> = {};
    let total = 0;
    for (const row of rows) {
      if (row.session_id === null) total = row.n;
      else bySession[row.session_id] = row.n;
    }
    return { total, bySession };
  }

  /** Sockets in the session on live nodes other than `nodeId` (that node counts its own from memory). */
  async socketsElsewhere(eventId: string, sessionId: string, nodeId: string): Promise<number> {
    const rows = await this.dataSource.query<Array<{ n: number }>>(
      `SELECT count(*)::int AS n FROM online_presence p JOIN live_nodes n ON n.id = p.node_id
        WHERE p.event_id = $1 AND p.session_id = $2 AND p.left_at IS NULL AND p.node_id <> $3
          AND n.expires_at > now()`,
      [eventId, sessionId, nodeId],
    );
    return rows[0]?.n ?? 0;
  }

  /** Minutes per person and session of the event; open stays count up to `until`. */
  async sessionParticipants(eventId: string, until: Date = new Date()): Promise<PresenceMinutes[]> {
    const rows = await this.dataSource.query<
      Array<{ session_id: string; person_id: string; seconds: number }>
    >(
      `WITH raw AS (
         SELECT p.session_id, p.person_id, tstzrange(p.joined_at, GREATEST(p.joined_at, ${STAY_END}), '[]') AS span
           FROM online_presence p LEFT JOIN live_nodes n ON n.id = p.node_id
          WHERE p.event_id = $1 AND p.joined_at <= $2::timestamptz),
       merged AS (
         SELECT session_id, person_id, unnest(range_agg(span)) AS span FROM raw GROUP BY session_id, person_id)
       SELECT session_id, person_id, sum(extract(epoch FROM upper(span) - lower(span)))::float8 AS seconds
         FROM merged GROUP BY session_id, person_id`,
      [eventId, until],
    );
    return rows.map((row) => ({
      sessionId: row.session_id,
      personId: row.person_id,
      minutes: Math.floor(row.seconds / 60),
    }));
  }

  /** Distinct people online (in any session of the event) at each instant of `at`. */
  async onlineAt(eventId: string, at: Date[], until: Date = new Date()): Promise<OnlineSample[]> {
    if (at.length === 0) return [];
    const rows = await this.dataSource.query<Array<{ at: Date; n: number }>>(
      `WITH stays AS (
         SELECT p.person_id, p.joined_at, ${STAY_END} AS ended_at
           FROM online_presence p LEFT JOIN live_nodes n ON n.id = p.node_id
          WHERE p.event_id = $1 AND p.joined_at <= $4::timestamptz
            AND (p.left_at IS NULL OR p.left_at >= $3::timestamptz))
       SELECT t.at, count(DISTINCT s.person_id)::int AS n
         FROM unnest($5::timestamptz[]) AS t(at)
         LEFT JOIN stays s ON s.joined_at <= t.at AND s.ended_at >= t.at
        GROUP BY t.at ORDER BY t.at`,
      [
        eventId,
        until,
        new Date(Math.min(...at.map((instant) => instant.getTime()))),
        new Date(Math.max(...at.map((instant) => instant.getTime()))),
        at,
      ],
    );
    return rows.map((row) => ({ at: new Date(row.at), online: row.n }));
  }
}
