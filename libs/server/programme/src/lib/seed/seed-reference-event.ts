import type { DataSource } from 'typeorm';
import { EventEntity, SessionEntity, SessionSpeakerEntity, SpeakerEntity } from '../entities';
import { REFERENCE_EVENT, REFERENCE_SESSIONS, REFERENCE_SPEAKERS } from './reference-event.data';

export interface SeedResult {
  slug: string;
  sessions: number;
  speakers: number;
}

/**
 * Loads the reference event in one transaction. Idempotent: rows are upserted by their fixed ids, so running it
 * twice changes nothing; it does not overwrite a session's live state.
 */
export async function seedReferenceEvent(dataSource: DataSource): Promise<SeedResult> {
  await dataSource.transaction(async (manager) => {
    await manager.getRepository(EventEntity).upsert(REFERENCE_EVENT, ['id']);
    await manager
      .getRepository(SpeakerEntity)
      .upsert(
        REFERENCE_SPEAKERS.map((speaker, index) => ({ ...speaker, eventId: REFERENCE_EVENT.id, sortOrder: index, bio: null, photoUrl: null })),
        ['id'],
      );
    await manager.getRepository(SessionEntity).upsert(
      REFERENCE_SESSIONS.map((session) => ({
        id: session.id,
        eventId: REFERENCE_EVENT.id,
        kind: session.kind,
        title: session.title,
        abstract: session.abstract,
        startsAt: new Date(session.startsAt),
        endsAt: new Date(session.endsAt),
        room: session.room,
      })),
      ['id'],
    );
    await manager.getRepository(SessionSpeakerEntity).upsert(
      REFERENCE_SESSIONS.flatMap((session) =>
        session.speakers.map((link, index) => ({ sessionId: session.id, speakerId: link.speakerId, role: link.role, sortOrder: index })),
      ),
      ['sessionId', 'speakerId'],
    );
  });
  return { slug: REFERENCE_EVENT.slug, sessions: REFERENCE_SESSIONS.length, speakers: REFERENCE_SPEAKERS.length };
}
