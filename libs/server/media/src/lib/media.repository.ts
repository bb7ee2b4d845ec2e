import { Injectable } from '@nestjs/common';
import type { HandStatus, MediaRoom, RegistrationStatus, Role, SessionState } from '@plenary/contracts';
import { AccessCaches, personTag, sessionTag, type AccessCache } from '@plenary/server-core';
import type { Pool } from 'pg';
import { DataSource, type EntityManager } from 'typeorm';
import type { MediaAccessContext } from './token/media-grants';

/** Rows of an `UPDATE/DELETE … RETURNING` run through TypeORM, which answers them with `[rows, affectedCount]`. */
function affected<T>(result: [T[], number] | T[]): T[] {
  const [first] = result;
  return Array.isArray(first) ? first : (result as T[]);
}

export interface HandRow {
  personId: string;
  name: string;
  status: HandStatus;
  raisedAt: Date;
}

export interface BanRow {
  personId: string;
  name: string;
  sessionId: string | null;
  reason: string | null;
  createdAt: Date;
}

export interface StageRow {
  state: SessionState;
  confidential: boolean;
  backstageOpen: boolean;
  recordingEgressId: string | null;
}

interface AccessContextRow {
  event_id: string;
  session_id: string | null;
  state: SessionState | null;
  roles: Role[];
  registration: RegistrationStatus | null;
  banned: boolean;
  backstage_open: boolean | null;
  on_stage: boolean;
}

/** The query of `MediaRepository.accessContext`: no row when no event has the slug. */
const ACCESS_CONTEXT_SQL = `
  SELECT e.id AS event_id, s.id AS session_id, s.state,
         ARRAY(SELECT r.role::text FROM event_roles r WHERE r.event_id = e.id AND r.person_id = $3) AS roles,
         (SELECT g.status::text FROM registrations g WHERE g.event_id = e.id AND g.person_id = $3) AS registration,
         EXISTS (SELECT 1 FROM media_bans b WHERE b.event_id = e.id AND b.person_id = $3) AS banned,
         (SELECT m.backstage_opened_at IS NOT NULL FROM media_stages m WHERE m.session_id = s.id) AS backstage_open,
         EXISTS (SELECT 1 FROM media_hands h
                  WHERE h.session_id = s.id AND h.person_id = $3 AND h.status = 'on_stage') AS on_stage
    FROM events e
    LEFT JOIN sessions s ON s.event_id = e.id AND s.id = $2::uuid
   WHERE e.slug = $1`;

/** Queries of the media context; no rules here. */
@Injectable()
export class MediaRepository {
  private readonly accessCache: AccessCache<MediaAccessContext>;

  constructor(
    private readonly dataSource: DataSource,
    caches: AccessCaches,
  ) {
    this.accessCache = caches.create<MediaAccessContext>('media-access');
  }

  /**
   * `accessContext` through the access cache (ADR 0015), for the token endpoint: every fact in it changes only
   * with a domain event naming the person (registration, roles, ban, hand) or the session (state, backstage).
   * Paths that write keep reading it fresh.
   */
  cachedAccessContext(slug: string, sessionId: string, personId: string): Promise<MediaAccessContext | null> {
    return this.accessCache.get(
      `${slug}\n${sessionId}\n${personId}`,
      () => this.accessContext(slug, sessionId, personId),
      () => ({ tags: [personTag(personId), sessionTag(sessionId)] }),
    );
  }

  /**
   * Everything the token endpoint decides on, in one round trip: the event by slug, the session, the person's
   * roles, registration, ban and stage status. Null when no event has the slug.
   */
  async accessContext(slug: string, sessionId: string, personId: string): Promise<MediaAccessContext | null> {
    // A named statement: PostgreSQL parses and plans it once per connection. This is the hot path of the token
    // endpoint (benchmark B4a), where planning the query each time cost more than running it.
    const { rows } = await this.pool.query<AccessContextRow>({
      name: 'media_access_context_v1',
      text: ACCESS_CONTEXT_SQL,
      values: [slug, sessionId, personId],
    });
    const row = rows[0];
    if (!row) return null;
    return {
      eventId: row.event_id,
      sessionId: row.session_id,
      state: row.state,
      roles: row.roles,
      registration: row.registration,
      banned: row.banned,
      backstageOpen: row.backstage_open ?? false,
      onStage: row.on_stage,
    };
  }

  /** The pg pool under TypeORM, for named (prepared) statements TypeORM's `query` cannot send. */
  private get pool(): Pool {
    return (this.dataSource.driver as unknown as { master: Pool }).master;
  }

  /** The session's programme state and stage row; with `lock`, holds the session row until the transaction ends. */
  async stage(
    manager: EntityManager,
    eventId: string,
    sessionId: string,
    lock = false,
  ): Promise<StageRow | null> {
    const rows = await manager.query<
      Array<{
        state: SessionState;
        confidential: boolean;
        backstage_open: boolean | null;
        recording_egress_id: string | null;
      }>
    >(
      `SELECT s.state, s.confidential, m.backstage_opened_at IS NOT NULL AS backstage_open, m.recording_egress_id
         FROM sessions s LEFT JOIN media_stages m ON m.session_id = s.id
        WHERE s.id = $1 AND s.event_id = $2
        ${lock ? 'FOR UPDATE OF s' : ''}`,
      [sessionId, eventId],
    );
    const row = rows[0];
    if (!row) return null;
    return {
      state: row.state,
      confidential: row.confidential,
      backstageOpen: row.backstage_open ?? false,
      recordingEgressId: row.recording_egress_id,
    };
  }

  async openBackstage(manager: EntityManager, sessionId: string): Promise<boolean> {
    const rows = await manager.query<Array<{ session_id: string }>>(
      `INSERT INTO media_stages (session_id, backstage_opened_at) VALUES ($1, now())
       ON CONFLICT (session_id) DO UPDATE SET backstage_opened_at = now(), updated_at = now()
         WHERE media_stages.backstage_opened_at IS NULL
       RETURNING session_id`,
      [sessionId],
    );
    return rows.length > 0;
  }

  async setRecording(manager: EntityManager, sessionId: string, egressId: string | null): Promise<void> {
    await manager.query(
      `INSERT INTO media_stages (session_id, recording_egress_id, recording_started_at)
       VALUES ($1, $2::text, CASE WHEN $2::text IS NULL THEN NULL ELSE now() END)
       ON CONFLICT (session_id) DO UPDATE
         SET recording_egress_id = EXCLUDED.recording_egress_id,
             recording_started_at = EXCLUDED.recording_started_at, updated_at = now()`,
      [sessionId, egressId],
    );
  }

  /** Clears the recording of whichever session ran this egress (LiveKit reported its end). */
  async clearRecordingByEgress(manager: EntityManager, egressId: string): Promise<string | null> {
    const result = await manager.query<[Array<{ session_id: string }>, number]>(
      `UPDATE media_stages SET recording_egress_id = NULL, recording_started_at = NULL, updated_at = now()
        WHERE recording_egress_id = $1
       RETURNING session_id`,
      [egressId],
    );
    return affected<{ session_id: string }>(result)[0]?.session_id ?? null;
  }

  // ----- hands -------------------------------------------------------------------------------------------------

  async hand(
    manager: EntityManager,
    sessionId: string,
    personId: string,
    lock = false,
  ): Promise<HandStatus | null> {
    const rows = await manager.query<Array<{ status: HandStatus }>>(
      `SELECT status FROM media_hands WHERE session_id = $1 AND person_id = $2 ${lock ? 'FOR UPDATE' : ''}`,
      [sessionId, personId],
    );
    return rows[0]?.status ?? null;
  }

  /** Raises a hand; false when the person already had one in this session. */
  async raiseHand(manager: EntityManager, sessionId: string, personId: string): Promise<boolean> {
    const rows = await manager.query<Array<{ person_id: string }>>(
      `INSERT INTO media_hands (session_id, person_id, status, raised_at) VALUES ($1, $2, 'raised', now())
       ON CONFLICT (session_id, person_id) DO NOTHING RETURNING person_id`,
      [sessionId, personId],
    );
    return rows.length > 0;
  }

  async setHandStatus(
    manager: EntityManager,
    sessionId: string,
    personId: string,
    status: HandStatus,
    actorId: string | null,
  ): Promise<void> {
    await manager.query(
      `UPDATE media_hands
          SET status = $3::media_hand_status,
              invited_at = CASE WHEN $3::media_hand_status = 'invited' THEN now() ELSE invited_at END,
              invited_by = CASE WHEN $3::media_hand_status = 'invited' THEN $4::uuid ELSE invited_by END,
              accepted_at = CASE WHEN $3::media_hand_status = 'on_stage' THEN now() ELSE accepted_at END
        WHERE session_id = $1 AND person_id = $2`,
      [sessionId, personId, status, actorId],
    );
  }

  /** Deletes a hand; with `statuses`, only in one of them. Returns the status it had, or null. */
  async deleteHand(
    manager: EntityManager,
    sessionId: string,
    personId: string,
    statuses?: HandStatus[],
  ): Promise<HandStatus | null> {
    const result = await manager.query<[Array<{ status: HandStatus }>, number]>(
      `DELETE FROM media_hands WHERE session_id = $1 AND person_id = $2
          AND ($3::text[] IS NULL OR status::text = ANY($3::text[]))
       RETURNING status`,
      [sessionId, personId, statuses ?? null],
    );
    return affected<{ status: HandStatus }>(result)[0]?.status ?? null;
  }

  async deleteHandsOfSession(manager: EntityManager, sessionId: string): Promise<void> {
    await manager.query('DELETE FROM media_hands WHERE session_id = $1', [sessionId]);
  }

  /** Deletes the person's hands in every session of the event; returns those sessions' ids. */
  async deleteHandsOfPersonInEvent(
    manager: EntityManager,
    eventId: string,
    personId: string,
  ): Promise<string[]> {
    const result = await manager.query<[Array<{ session_id: string }>, number]>(
      `DELETE FROM media_hands h USING sessions s
        WHERE h.session_id = s.id AND s.event_id = $1 AND h.person_id = $2
       RETURNING h.session_id`,
      [eventId, personId],
    );
    return affected<{ session_id: string }>(result).map((row) => row.session_id);
  }

  /** The raise-hand queue of a session, oldest first. */
  async queue(sessionId: string): Promise<HandRow[]> {
    const rows = await this.dataSource.query<
      Array<{ person_id: string; name: string; status: HandStatus; raised_at: Date }>
    >(
      `SELECT h.person_id, p.name, h.status, h.raised_at
         FROM media_hands h JOIN people p ON p.id = h.person_id
        WHERE h.session_id = $1
        ORDER BY h.raised_at, h.person_id`,
      [sessionId],
    );
    return rows.map((row) => ({
      personId: row.person_id,
      name: row.name,
      status: row.status,
      raisedAt: row.raised_at,
    }));
  }

  // ----- people and bans ---------------------------------------------------------------------------------------

  /** Display name of a person, or null when no such person exists. */
  async personName(personId: string): Promise<string | null> {
    const rows = await this.dataSource.query<Array<{ name: string }>>(
      'SELECT name FROM people WHERE id = $1',
      [personId],
    );
    return rows[0]?.name ?? null;
  }

  /** Inserts a ban; false when the person was already banned from the event. */
  async insertBan(
    manager: EntityManager,
    ban: { eventId: string; personId: string; sessionId: string; bannedBy: string; reason: string | null },
  ): Promise<boolean> {
    const rows = await manager.query<Array<{ person_id: string }>>(
      `INSERT INTO media_bans (event_id, person_id, session_id, banned_by, reason) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (event_id, person_id) DO NOTHING RETURNING person_id`,
      [ban.eventId, ban.personId, ban.sessionId, ban.bannedBy, ban.reason],
    );
    return rows.length > 0;
  }

  async deleteBan(manager: EntityManager, eventId: string, personId: string): Promise<boolean> {
    const result = await manager.query<[Array<{ person_id: string }>, number]>(
      'DELETE FROM media_bans WHERE event_id = $1 AND person_id = $2 RETURNING person_id',
      [eventId, personId],
    );
    return affected<{ person_id: string }>(result).length > 0;
  }

  async bans(eventId: string): Promise<BanRow[]> {
    const rows = await this.dataSource.query<
      Array<{
        person_id: string;
        name: string;
        session_id: string | null;
        reason: string | null;
        created_at: Date;
      }>
    >(
      `SELECT b.person_id, p.name, b.session_id, b.reason, b.created_at
         FROM media_bans b JOIN people p ON p.id = b.person_id
        WHERE b.event_id = $1 ORDER BY b.created_at DESC, b.person_id`,
      [eventId],
    );
    return rows.map((row) => ({
      personId: row.person_id,
      name: row.name,
      sessionId: row.session_id,
      reason: row.reason,
      createdAt: row.created_at,
    }));
  }

  // ----- webhooks and presence ---------------------------------------------------------------------------------

  /** Records a webhook event id; false when it was already recorded (a redelivery). */
  async recordWebhook(manager: EntityManager, id: string, event: string): Promise<boolean> {
    const rows = await manager.query<Array<{ id: string }>>(
      'INSERT INTO media_webhook_events (id, event) VALUES ($1, $2) ON CONFLICT (id) DO NOTHING RETURNING id',
      [id, event],
    );
    return rows.length > 0;
  }

  async eventIdOfSession(manager: EntityManager, sessionId: string): Promise<string | null> {
    const rows = await manager.query<Array<{ event_id: string }>>(
      'SELECT event_id FROM sessions WHERE id = $1',
      [sessionId],
    );
    return rows[0]?.event_id ?? null;
  }

  async personExists(manager: EntityManager, personId: string): Promise<boolean> {
    const rows = await manager.query<unknown[]>('SELECT 1 FROM people WHERE id = $1', [personId]);
    return rows.length > 0;
  }

  /** A connection opened; if its `left` arrived first, the row keeps its end (final state: left). */
  async presenceJoined(
    manager: EntityManager,
    row: { participantSid: string; sessionId: string; personId: string; room: MediaRoom; joinedAt: Date },
  ): Promise<void> {
    await manager.query(
      `INSERT INTO media_presence (participant_sid, session_id, person_id, room, joined_at, left_at)
       VALUES ($1, $2, $3, $4, $5, NULL)
       ON CONFLICT (participant_sid) DO UPDATE SET joined_at = LEAST(media_presence.joined_at, EXCLUDED.joined_at)`,
      [row.participantSid, row.sessionId, row.personId, row.room, row.joinedAt],
    );
  }

  /** A connection closed, whether or not its `joined` has arrived yet. */
  async presenceLeft(
    manager: EntityManager,
    row: {
      participantSid: string;
      sessionId: string;
      personId: string;
      room: MediaRoom;
      joinedAt: Date;
      leftAt: Date;
    },
  ): Promise<void> {
    await manager.query(
      `INSERT INTO media_presence (participant_sid, session_id, person_id, room, joined_at, left_at)
       VALUES ($1, $2, $3, $4, LEAST($5::timestamptz, $6::timestamptz), $6)
       ON CONFLICT (participant_sid) DO UPDATE
         SET joined_at = LEAST(media_presence.joined_at, EXCLUDED.joined_at),
             left_at = GREATEST(COALESCE(media_presence.left_at, EXCLUDED.left_at), EXCLUDED.left_at)`,
      [row.participantSid, row.sessionId, row.personId, row.room, row.joinedAt, row.leftAt],
    );
  }

  /** The room was closed: every connection still open in it ends now. */
  async closePresence(manager: EntityManager, sessionId: string, room: MediaRoom, at: Date): Promise<void> {
    await manager.query(
      `UPDATE media_presence SET left_at = GREATEST(joined_at, $3::timestamptz)
        WHERE session_id = $1 AND room = $2 AND left_at IS NULL`,
      [sessionId, room, at],
    );
  }
}
