import { lockSeeding } from '@plenary/server-core';
import type { DataSource } from 'typeorm';
import { ProgrammeRepository } from '../programme.repository';
import { ProgrammeWriter } from '../programme.writer';
import { instantToLocal } from '../text/local-time';
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
 * Creates the reference event, when it is missing, through the same writer the organiser console uses (published,
 * with its room, speakers and sessions, under fixed ids), in one transaction. Once the event exists it belongs to
 * its organisers: running the seed again changes nothing, so edits (and a session's live state) survive restarts
 * (ADR 0006, ADR 0017). Concurrent seeders (api cluster workers, replicas) take turns on an advisory lock.
 */
export async function seedReferenceEvent(dataSource: DataSource): Promise<SeedResult> {
  const repository = new ProgrammeRepository(dataSource);
  const writer = new ProgrammeWriter(repository);
  await dataSource.transaction(async (manager) => {
    await lockSeeding(manager);
    if (await repository.findEventById(REFERENCE_EVENT.id, manager)) return;
    const event = REFERENCE_EVENT;
    await writer.createEvent(
      manager,
      {
        slug: event.slug,
        name: event.name,
        tagline: event.tagline,
        description: event.description,
        startDate: event.startDate,
        endDate: event.endDate,
        timeZone: event.timeZone,
        format: event.format,
        venue: { name: event.venueName, address: null, city: event.venueCity, country: event.venueCountry },
        organiser: { name: event.organiserName, url: event.organiserUrl },
        contactEmail: event.contactEmail,
        languages: ['en'],
      },
      { id: event.id, status: 'published' },
    );
    const roomIds = new Map(REFERENCE_ROOMS.map((room) => [room.name, room.id]));
    await writer.createProgramme(manager, event.id, {
      rooms: REFERENCE_ROOMS.map((room, index) => ({
        id: room.id,
        name: room.name,
        capacity: null,
        videoMode: 'livekit',
        externalStreamUrl: null,
        order: index,
      })),
      speakers: REFERENCE_SPEAKERS.map((speaker, index) => ({
        id: speaker.id,
        honorific: speaker.honorific,
        name: speaker.name,
        title: speaker.title,
        organisation: speaker.organisation,
        country: speaker.country,
        bio: null,
        photoUrl: null,
        externalId: null,
        order: index,
      })),
      sessions: REFERENCE_SESSIONS.map((session) => ({
        id: session.id,
        kind: session.kind,
        title: session.title,
        abstract: session.abstract,
        startsLocal: instantToLocal(new Date(session.startsAt), event.timeZone),
        endsLocal: instantToLocal(new Date(session.endsAt), event.timeZone),
        roomId: roomIds.get(session.room) ?? null,
        speakers: session.speakers,
        qaEnabled: true,
        pollsEnabled: true,
        confidential: false,
        visibility: 'public',
        cancelled: false,
        externalId: null,
      })),
    });
  });
  return {
    slug: REFERENCE_EVENT.slug,
    sessions: REFERENCE_SESSIONS.length,
    speakers: REFERENCE_SPEAKERS.length,
  };
}
