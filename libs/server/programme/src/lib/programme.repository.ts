import { Injectable } from '@nestjs/common';
import type { EventStatus, SessionState } from '@plenary/contracts';
import type { Pool } from 'pg';
import { DataSource, In, type EntityManager } from 'typeorm';
import {
  EventBlockEntity,
  EventEntity,
  EventPartnerEntity,
  EventSlugRedirectEntity,
  RoomEntity,
  SessionEntity,
  SessionSpeakerEntity,
  SpeakerEntity,
} from './entities';

/** What the event page's hot path reads first: enough to decide 404, 304 or a cached answer. */
export interface EventHead {
  id: string;
  slug: string;
  status: EventStatus;
  programmeVersion: number;
}

/** Two sessions that overlap in the same room or with the same speaker. */
export interface ConflictRow {
  kind: 'room' | 'speaker';
  a: string;
  b: string;
  aTitle: string;
  bTitle: string;
  resourceId: string;
  resourceName: string;
}

export interface EventFilter {
  statuses?: EventStatus[];
  ids?: string[];
  /** By the end date in each event's own time zone. */
  when?: 'upcoming' | 'past';
}

/** PostgreSQL's unique-violation error, with the constraint or index that refused. */
export function uniqueViolation(error: unknown): string | null {
  const driverError = (error as { driverError?: { code?: string; constraint?: string } }).driverError;
  const code = driverError?.code ?? (error as { code?: string }).code;
  if (code !== '23505') return null;
  return driverError?.constraint ?? (error as { constraint?: string }).constraint ?? '';
}

/**
 * Queries of the programme context, the only SQL that touches its tables; no rules here. Reads take an optional
 * manager so a transaction sees its own writes; writes always take the caller's transaction.
 */
@Injectable()
export class ProgrammeRepository {
  constructor(private readonly dataSource: DataSource) {}

  private m(manager?: EntityManager): EntityManager {
    return manager ?? this.dataSource.manager;
  }

  /** The pg pool under TypeORM, for the named (prepared) statement of the hot path. */
  private get pool(): Pool {
    return (this.dataSource.driver as unknown as { master: Pool }).master;
  }

  // Events --------------------------------------------------------------------------------------------------------

  async eventHead(slug: string): Promise<EventHead | null> {
    const { rows } = await this.pool.query<{
      id: string;
      slug: string;
      status: EventStatus;
      programme_version: number;
    }>({
      name: 'programme_event_head_v1',
      text: 'SELECT id, slug, status, programme_version FROM events WHERE slug = $1',
      values: [slug],
    });
    const row = rows[0];
    return row
      ? { id: row.id, slug: row.slug, status: row.status, programmeVersion: row.programme_version }
      : null;
  }

  listEvents(filter: EventFilter = {}): Promise<EventEntity[]> {
    const query = this.dataSource
      .getRepository(EventEntity)
      .createQueryBuilder('e')
      .orderBy('e.start_date', 'ASC')
      .addOrderBy('e.slug', 'ASC');
    if (filter.statuses) query.andWhere('e.status IN (:...statuses)', { statuses: filter.statuses });
    if (filter.ids) query.andWhere('e.id = ANY(:ids)', { ids: filter.ids });
    if (filter.when === 'upcoming') query.andWhere('e.end_date >= (now() AT TIME ZONE e.time_zone)::date');
    if (filter.when === 'past') query.andWhere('e.end_date < (now() AT TIME ZONE e.time_zone)::date');
    if (filter.when === 'past') query.orderBy('e.start_date', 'DESC').addOrderBy('e.slug', 'ASC');
    return query.getMany();
  }

  findEventBySlug(slug: string, manager?: EntityManager): Promise<EventEntity | null> {
    return this.m(manager).findOneBy(EventEntity, { slug });
  }

  findEventById(id: string, manager?: EntityManager): Promise<EventEntity | null> {
    return this.m(manager).findOneBy(EventEntity, { id });
  }

  /** The event that had `slug` before, if any. */
  async redirectTarget(slug: string): Promise<string | null> {
    const row = await this.dataSource.manager.findOneBy(EventSlugRedirectEntity, { slug });
    return row?.eventId ?? null;
  }

  async insertEvent(manager: EntityManager, event: Partial<EventEntity> & { id: string }): Promise<void> {
    await manager.insert(EventEntity, event);
  }

  /**
   * Writes the event's own fields when its version is still `expectedVersion`, bumping both versions. False when
   * someone else's change came first.
   */
  async updateEvent(
    manager: EntityManager,
    id: string,
    expectedVersion: number,
    fields: Partial<EventEntity>,
  ): Promise<boolean> {
    const result = await manager
      .createQueryBuilder()
      .update(EventEntity)
      .set({
        ...fields,
        version: () => 'version + 1',
        programmeVersion: () => 'programme_version + 1',
      })
      .where('id = :id AND version = :expectedVersion', { id, expectedVersion })
      .execute();
    return (result.affected ?? 0) > 0;
  }

  /** Bumps the event's programme version (same transaction as the change); returns the new value. */
  async bumpProgrammeVersion(manager: EntityManager, eventId: string): Promise<number> {
    const [rows] = await manager.query<[Array<{ programme_version: number }>, number]>(
      'UPDATE events SET programme_version = programme_version + 1 WHERE id = $1 RETURNING programme_version',
      [eventId],
    );
    const version = rows[0]?.programme_version;
    if (version === undefined) throw new Error(`no event ${eventId}`);
    return version;
  }

  async addRedirect(manager: EntityManager, slug: string, eventId: string): Promise<void> {
    await manager.query(
      `INSERT INTO event_slug_redirects (slug, event_id) VALUES ($1, $2)
       ON CONFLICT (slug) DO UPDATE SET event_id = EXCLUDED.event_id, created_at = now()`,
      [slug, eventId],
    );
  }

  /** Whether `slug` belongs to an event other than `eventId`, as its slug or as one of its old slugs. */
  async slugTakenByAnother(manager: EntityManager, slug: string, eventId: string | null): Promise<boolean> {
    const rows = await manager.query<unknown[]>(
      `SELECT 1 FROM events WHERE slug = $1 AND id IS DISTINCT FROM $2::uuid
       UNION ALL
       SELECT 1 FROM event_slug_redirects WHERE slug = $1 AND event_id IS DISTINCT FROM $2::uuid LIMIT 1`,
      [slug, eventId],
    );
    return rows.length > 0;
  }

  async removeRedirect(manager: EntityManager, slug: string, eventId: string): Promise<void> {
    await manager.query('DELETE FROM event_slug_redirects WHERE slug = $1 AND event_id = $2', [
      slug,
      eventId,
    ]);
  }

  listPartners(eventId: string, manager?: EntityManager): Promise<EventPartnerEntity[]> {
    return this.m(manager).find(EventPartnerEntity, { where: { eventId }, order: { sortOrder: 'ASC' } });
  }

  listBlocks(eventId: string, manager?: EntityManager): Promise<EventBlockEntity[]> {
    return this.m(manager).find(EventBlockEntity, { where: { eventId }, order: { sortOrder: 'ASC' } });
  }

  async replacePartners(
    manager: EntityManager,
    eventId: string,
    partners: Array<Omit<EventPartnerEntity, 'eventId' | 'event'>>,
  ): Promise<void> {
    await manager.delete(EventPartnerEntity, { eventId });
    if (partners.length > 0)
      await manager.insert(
        EventPartnerEntity,
        partners.map((partner) => ({ ...partner, eventId })),
      );
  }

  async replaceBlocks(
    manager: EntityManager,
    eventId: string,
    blocks: Array<Omit<EventBlockEntity, 'eventId' | 'event'>>,
  ): Promise<void> {
    await manager.delete(EventBlockEntity, { eventId });
    if (blocks.length > 0)
      await manager.insert(
        EventBlockEntity,
        blocks.map((block) => ({ ...block, eventId })),
      );
  }

  /** Inserts new rooms, speakers, sessions and their speaker links, a statement per table. */
  async insertBatch(
    manager: EntityManager,
    batch: {
      rooms: Array<Partial<RoomEntity>>;
      speakers: Array<Partial<SpeakerEntity>>;
      sessions: Array<Partial<SessionEntity>>;
      links: Array<Partial<SessionSpeakerEntity>>;
    },
  ): Promise<void> {
    if (batch.rooms.length > 0) await manager.insert(RoomEntity, batch.rooms);
    if (batch.speakers.length > 0) await manager.insert(SpeakerEntity, batch.speakers);
    if (batch.sessions.length > 0) await manager.insert(SessionEntity, batch.sessions);
    if (batch.links.length > 0) await manager.insert(SessionSpeakerEntity, batch.links);
  }

  // Rooms ---------------------------------------------------------------------------------------------------------

  listRooms(eventId: string, manager?: EntityManager): Promise<RoomEntity[]> {
    return this.m(manager).find(RoomEntity, { where: { eventId }, order: { sortOrder: 'ASC', name: 'ASC' } });
  }

  findRoom(eventId: string, roomId: string, manager?: EntityManager): Promise<RoomEntity | null> {
    return this.m(manager).findOneBy(RoomEntity, { eventId, id: roomId });
  }

  /** The room, locked for this transaction (`FOR UPDATE`). */
  lockRoom(manager: EntityManager, eventId: string, roomId: string): Promise<RoomEntity | null> {
    return manager
      .createQueryBuilder(RoomEntity, 'r')
      .where('r.event_id = :eventId AND r.id = :roomId', { eventId, roomId })
      .setLock('pessimistic_write')
      .getOne();
  }

  async insertRoom(manager: EntityManager, room: Partial<RoomEntity> & { id: string }): Promise<void> {
    await manager.insert(RoomEntity, room);
  }

  async updateRoom(manager: EntityManager, id: string, fields: Partial<RoomEntity>): Promise<void> {
    await manager
      .createQueryBuilder()
      .update(RoomEntity)
      .set({ ...fields, version: () => 'version + 1' })
      .where('id = :id', { id })
      .execute();
  }

  /** Deletes the room; returns the sessions that were in it (they keep no room). */
  async deleteRoom(manager: EntityManager, id: string): Promise<string[]> {
    const [sessions] = await manager.query<[Array<{ id: string }>, number]>(
      'UPDATE sessions SET room_id = NULL, version = version + 1 WHERE room_id = $1 RETURNING id',
      [id],
    );
    await manager.delete(RoomEntity, { id });
    return sessions.map((row) => row.id);
  }

  async nextRoomOrder(manager: EntityManager, eventId: string): Promise<number> {
    return this.nextOrder(manager, 'rooms', eventId);
  }

  private async nextOrder(
    manager: EntityManager,
    table: 'rooms' | 'speakers',
    eventId: string,
  ): Promise<number> {
    const [row] = await manager.query<Array<{ next: number }>>(
      `SELECT COALESCE(max(sort_order) + 1, 0)::int AS next FROM ${table} WHERE event_id = $1`,
      [eventId],
    );
    return row?.next ?? 0;
  }

  // Speakers ------------------------------------------------------------------------------------------------------

  listSpeakers(eventId: string, manager?: EntityManager): Promise<SpeakerEntity[]> {
    return this.m(manager).find(SpeakerEntity, {
      where: { eventId },
      order: { sortOrder: 'ASC', name: 'ASC' },
    });
  }

  findSpeaker(eventId: string, speakerId: string, manager?: EntityManager): Promise<SpeakerEntity | null> {
    return this.m(manager).findOneBy(SpeakerEntity, { eventId, id: speakerId });
  }

  lockSpeaker(manager: EntityManager, eventId: string, speakerId: string): Promise<SpeakerEntity | null> {
    return manager
      .createQueryBuilder(SpeakerEntity, 's')
      .where('s.event_id = :eventId AND s.id = :speakerId', { eventId, speakerId })
      .setLock('pessimistic_write')
      .getOne();
  }

  /** Ids of the event's speakers among `ids`. */
  async speakerIdsOf(manager: EntityManager, eventId: string, ids: string[]): Promise<Set<string>> {
    if (ids.length === 0) return new Set();
    const rows = await manager.find(SpeakerEntity, { select: { id: true }, where: { eventId, id: In(ids) } });
    return new Set(rows.map((row) => row.id));
  }

  async insertSpeaker(
    manager: EntityManager,
    speaker: Partial<SpeakerEntity> & { id: string },
  ): Promise<void> {
    await manager.insert(SpeakerEntity, speaker);
  }

  async updateSpeaker(manager: EntityManager, id: string, fields: Partial<SpeakerEntity>): Promise<void> {
    await manager
      .createQueryBuilder()
      .update(SpeakerEntity)
      .set({ ...fields, version: () => 'version + 1' })
      .where('id = :id', { id })
      .execute();
  }

  /** Deletes the speaker and their session links; returns the sessions they were in. */
  async deleteSpeaker(manager: EntityManager, id: string): Promise<string[]> {
    const [sessions] = await manager.query<[Array<{ session_id: string }>, number]>(
      'DELETE FROM session_speakers WHERE speaker_id = $1 RETURNING session_id',
      [id],
    );
    const ids = sessions.map((row) => row.session_id);
    if (ids.length > 0)
      await manager.query('UPDATE sessions SET version = version + 1 WHERE id = ANY($1::uuid[])', [ids]);
    await manager.delete(SpeakerEntity, { id });
    return ids;
  }

  /** Whether any speaker (of any event: duplicates share photos) names this uploaded photo. */
  async photoInUse(manager: EntityManager, photo: string): Promise<boolean> {
    const rows = await manager.query<unknown[]>('SELECT 1 FROM speakers WHERE photo = $1 LIMIT 1', [photo]);
    return rows.length > 0;
  }

  async nextSpeakerOrder(manager: EntityManager, eventId: string): Promise<number> {
    return this.nextOrder(manager, 'speakers', eventId);
  }

  /** Sessions a speaker appears in (their public view shows the speaker). */
  async sessionIdsOfSpeaker(manager: EntityManager, speakerId: string): Promise<string[]> {
    const rows = await manager.query<Array<{ session_id: string }>>(
      'SELECT session_id FROM session_speakers WHERE speaker_id = $1',
      [speakerId],
    );
    return rows.map((row) => row.session_id);
  }

  /** Sessions held in a room. */
  async sessionIdsInRoom(manager: EntityManager, roomId: string): Promise<string[]> {
    const rows = await manager.query<Array<{ id: string }>>('SELECT id FROM sessions WHERE room_id = $1', [
      roomId,
    ]);
    return rows.map((row) => row.id);
  }

  // Sessions ------------------------------------------------------------------------------------------------------

  listSessions(eventId: string, manager?: EntityManager): Promise<SessionEntity[]> {
    return this.m(manager).find(SessionEntity, {
      where: { eventId },
      relations: { room: true, previousRoom: true, speakers: { speaker: true } },
      order: { startsAt: 'ASC', title: 'ASC', speakers: { sortOrder: 'ASC' } },
    });
  }

  findSession(eventId: string, sessionId: string, manager?: EntityManager): Promise<SessionEntity | null> {
    return this.m(manager).findOne(SessionEntity, {
      where: { eventId, id: sessionId },
      relations: { room: true, previousRoom: true, speakers: { speaker: true } },
      order: { speakers: { sortOrder: 'ASC' } },
    });
  }

  /** The session row, locked for this transaction (`FOR UPDATE`), without relations. */
  lockSession(manager: EntityManager, eventId: string, sessionId: string): Promise<SessionEntity | null> {
    return manager
      .createQueryBuilder(SessionEntity, 's')
      .where('s.event_id = :eventId AND s.id = :sessionId', { eventId, sessionId })
      .setLock('pessimistic_write')
      .getOne();
  }

  async sessionSpeakerLinks(manager: EntityManager, sessionId: string): Promise<SessionSpeakerEntity[]> {
    return manager.find(SessionSpeakerEntity, { where: { sessionId }, order: { sortOrder: 'ASC' } });
  }

  async insertSession(
    manager: EntityManager,
    session: Partial<SessionEntity> & { id: string },
  ): Promise<void> {
    await manager.insert(SessionEntity, session);
  }

  async updateSession(manager: EntityManager, id: string, fields: Partial<SessionEntity>): Promise<void> {
    await manager
      .createQueryBuilder()
      .update(SessionEntity)
      .set({ ...fields, version: () => 'version + 1' })
      .where('id = :id', { id })
      .execute();
  }

  async replaceSessionSpeakers(
    manager: EntityManager,
    sessionId: string,
    links: Array<Pick<SessionSpeakerEntity, 'speakerId' | 'role'>>,
  ): Promise<void> {
    await manager.delete(SessionSpeakerEntity, { sessionId });
    if (links.length > 0)
      await manager.insert(
        SessionSpeakerEntity,
        links.map((link, index) => ({ ...link, sessionId, sortOrder: index })),
      );
  }

  async deleteSession(manager: EntityManager, id: string): Promise<void> {
    await manager.delete(SessionEntity, { id });
  }

  async updateSessionState(
    manager: EntityManager,
    sessionId: string,
    state: SessionState,
  ): Promise<string | null> {
    const [rows] = await manager.query<[Array<{ event_id: string }>, number]>(
      'UPDATE sessions SET state = $2 WHERE id = $1 AND state <> $2 RETURNING event_id',
      [sessionId, state],
    );
    return rows[0]?.event_id ?? null;
  }

  async updateConfidential(
    manager: EntityManager,
    sessionId: string,
    confidential: boolean,
  ): Promise<string | null> {
    const [rows] = await manager.query<[Array<{ event_id: string }>, number]>(
      `UPDATE sessions SET confidential = $2, version = version + 1 WHERE id = $1 AND confidential <> $2
       RETURNING event_id`,
      [sessionId, confidential],
    );
    return rows[0]?.event_id ?? null;
  }

  /** Sets every session's instants (a time-zone change keeps their wall-clock times). */
  async retimeSessions(
    manager: EntityManager,
    times: Array<{ id: string; startsAt: Date; endsAt: Date }>,
  ): Promise<void> {
    if (times.length === 0) return;
    await manager.query(
      `UPDATE sessions s SET starts_at = t.starts_at, ends_at = t.ends_at, version = s.version + 1
         FROM unnest($1::uuid[], $2::timestamptz[], $3::timestamptz[]) AS t(id, starts_at, ends_at)
        WHERE s.id = t.id`,
      [times.map((t) => t.id), times.map((t) => t.startsAt), times.map((t) => t.endsAt)],
    );
  }

  /**
   * Sessions overlapping in the same room or with the same speaker (cancelled ones left out); with `sessionId`,
   * only pairs that include it.
   */
  async conflicts(
    eventId: string,
    sessionId: string | null,
    manager?: EntityManager,
  ): Promise<ConflictRow[]> {
    const rows = await this.m(manager).query<
      Array<{
        kind: 'room' | 'speaker';
        a: string;
        b: string;
        a_title: string;
        b_title: string;
        resource_id: string;
        resource_name: string;
      }>
    >(
      `SELECT 'room' AS kind, a.id AS a, b.id AS b, a.title AS a_title, b.title AS b_title,
              r.id AS resource_id, r.name AS resource_name
         FROM sessions a
         JOIN sessions b ON b.event_id = a.event_id AND b.room_id = a.room_id AND a.id < b.id
         JOIN rooms r ON r.id = a.room_id
        WHERE a.event_id = $1 AND NOT a.cancelled AND NOT b.cancelled
          AND a.starts_at < b.ends_at AND b.starts_at < a.ends_at
          AND ($2::uuid IS NULL OR $2::uuid IN (a.id, b.id))
       UNION ALL
       SELECT 'speaker', a.id, b.id, a.title, b.title, sp.id, sp.name
         FROM session_speakers la
         JOIN session_speakers lb ON lb.speaker_id = la.speaker_id AND la.session_id < lb.session_id
         JOIN sessions a ON a.id = la.session_id
         JOIN sessions b ON b.id = lb.session_id
         JOIN speakers sp ON sp.id = la.speaker_id
        WHERE a.event_id = $1 AND NOT a.cancelled AND NOT b.cancelled
          AND a.starts_at < b.ends_at AND b.starts_at < a.ends_at
          AND ($2::uuid IS NULL OR $2::uuid IN (a.id, b.id))
        ORDER BY 1, 6, 2, 3`,
      [eventId, sessionId],
    );
    return rows.map((row) => ({
      kind: row.kind,
      a: row.a,
      b: row.b,
      aTitle: row.a_title,
      bTitle: row.b_title,
      resourceId: row.resource_id,
      resourceName: row.resource_name,
    }));
  }
}
