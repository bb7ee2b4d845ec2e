import { lockSeeding } from '@plenary/server-core';
import type { DataSource, EntityTarget, ObjectLiteral, QueryDeepPartialEntity } from 'typeorm';
import { EventEntity, RoomEntity, SessionEntity, SessionSpeakerEntity, SpeakerEntity } from '../entities';
import {
  REFERENCE_EVENT,
  REFERENCE_ROOMS,
  REFERENCE_SESSIONS,
  REFERENCE_SPEAKERS,
} from './reference-event.data';

export interface SeedResult {
  slug: string;
  sessions: number;
  speakers: number;
}

/**
 * Loads the reference event in one transaction. Idempotent: rows are inserted by their fixed ids only when missing,
 * so running it again changes nothing and never overwrites what organisers edited (or a session's live state).
 * Concurrent seeders (api cluster workers, replicas) take turns on an advisory lock.
 */
export async function seedReferenceEvent(dataSource: DataSource): Promise<SeedResult> {
  await dataSource.transaction(async (manager) => {
    await lockSeeding(manager);
    const insertMissing = async <T extends ObjectLiteral>(
      entity: EntityTarget<T>,
      rows: Array<QueryDeepPartialEntity<T>>,
    ): Promise<void> => {
      await manager.createQueryBuilder().insert().into(entity).values(rows).orIgnore().execute();
    };
    await insertMissing(EventEntity, [{ ...REFERENCE_EVENT, status: 'published', languages: ['en'] }]);
    await insertMissing(
      RoomEntity,
      REFERENCE_ROOMS.map((room, index) => ({ ...room, eventId: REFERENCE_EVENT.id, sortOrder: index })),
    );
    // By name: a database migrated from before rooms existed has the room under another id.
    const rooms = await manager.getRepository(RoomEntity).findBy({ eventId: REFERENCE_EVENT.id });
    const roomId = (name: string): string | null => rooms.find((room) => room.name === name)?.id ?? null;
    await insertMissing(
      SpeakerEntity,
      REFERENCE_SPEAKERS.map((speaker, index) => ({
        ...speaker,
        eventId: REFERENCE_EVENT.id,
        sortOrder: index,
        bio: null,
        photoUrl: null,
      })),
    );
    await insertMissing(
      SessionEntity,
      REFERENCE_SESSIONS.map((session) => ({
        id: session.id,
        eventId: REFERENCE_EVENT.id,
        kind: session.kind,
        title: session.title,
        abstract: session.abstract,
        startsAt: new Date(session.startsAt),
        endsAt: new Date(session.endsAt),
        roomId: roomId(session.room),
      })),
    );
    await insertMissing(
      SessionSpeakerEntity,
      REFERENCE_SESSIONS.flatMap((session) =>
        session.speakers.map((link, index) => ({
          sessionId: session.id,
          speakerId: link.speakerId,
          role: link.role,
          sortOrder: index,
        })),
      ),
    );
  });
  return {
    slug: REFERENCE_EVENT.slug,
    sessions: REFERENCE_SESSIONS.length,
    speakers: REFERENCE_SPEAKERS.length,
  };
}
