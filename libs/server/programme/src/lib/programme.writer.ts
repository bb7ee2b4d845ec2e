import { Injectable } from '@nestjs/common';
import {
  PROGRAMME_CHANGED_MAX_SESSIONS,
  SESSION_CHANGE_VISIBLE_HOURS,
  type createEventRequestSchema,
  type createRoomRequestSchema,
  type createSessionRequestSchema,
  type createSpeakerRequestSchema,
  type duplicateEventRequestSchema,
  type EventStatus,
  type ManagedEvent,
  type ManagedRoom,
  type ManagedSession,
  type ManagedSpeaker,
  type ProgrammeChangedEvent,
  type ProgrammeWarning,
  type SessionState,
  type updateEventRequestSchema,
  type updateRoomRequestSchema,
  type updateSessionRequestSchema,
  type updateSpeakerRequestSchema,
  type ValidationIssue,
} from '@plenary/contracts';
import { CoreException, publishDomainEvent } from '@plenary/server-core';
import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import type { z } from 'zod';
import type {
  EventBlockEntity,
  EventEntity,
  EventPartnerEntity,
  RoomEntity,
  SessionEntity,
  SpeakerEntity,
} from './entities';
import { ProgrammeException } from './programme.exception';
import {
  toManagedEvent,
  toManagedRoom,
  toManagedSession,
  toManagedSpeaker,
  toSpeaker,
} from './programme.mapper';
import { ProgrammeRepository, uniqueViolation } from './programme.repository';
import { conflictWarnings } from './programme.warnings';
import { addDays, daysBetween, instantToLocal, localToInstant } from './text/local-time';

export type CreateEventInput = z.output<typeof createEventRequestSchema>;
export type UpdateEventInput = z.output<typeof updateEventRequestSchema>;
export type DuplicateEventInput = z.output<typeof duplicateEventRequestSchema>;
export type CreateRoomInput = z.output<typeof createRoomRequestSchema>;
export type UpdateRoomInput = z.output<typeof updateRoomRequestSchema>;
export type CreateSpeakerInput = z.output<typeof createSpeakerRequestSchema>;
export type UpdateSpeakerInput = z.output<typeof updateSpeakerRequestSchema>;
export type CreateSessionInput = z.output<typeof createSessionRequestSchema>;
export type UpdateSessionInput = z.output<typeof updateSessionRequestSchema>;

/** One audit entry a write asks its caller to record (the access context's audit log, same transaction). */
export interface AuditChange {
  action: string;
  targetId: string | null;
  details: Record<string, unknown>;
}

/** What a write did: its answer, and what the audit log must say about it (nothing for a no-op). */
export interface Change<T> {
  value: T;
  audit: AuditChange[];
}

export interface SessionWrite {
  session: ManagedSession;
  warnings: ProgrammeWarning[];
}

/** Rooms, speakers and sessions created together (`createProgramme`); ids optional. */
export interface ProgrammeBatch {
  rooms: Array<CreateRoomInput & { id?: string }>;
  speakers: Array<CreateSpeakerInput & { id?: string }>;
  sessions: Array<CreateSessionInput & { id?: string }>;
}

/** Options of the seed and imports: fixed ids, and the status the event starts in. */
export interface CreateOptions {
  id?: string;
}

/** Transitions an event's status may take; published → draft also needs nobody registered. */
const TRANSITIONS: Record<EventStatus, EventStatus[]> = {
  draft: ['published'],
  published: ['archived', 'draft'],
  archived: ['published'],
};

const validation = (issues: ValidationIssue[]): CoreException =>
  new CoreException('core/validation-failed', 'The request is not valid.', issues);

/** A `/api/media/…` address: a photo the server stored, never a speaker's external image. */
const isMediaPath = (url: string | null | undefined): url is string =>
  url?.startsWith('/api/media/') ?? false;

/** `photoUrl` of a new speaker: an external image; our own media addresses are only set by uploading. */
function externalPhotoUrl(url: string | null, path: string): string | null {
  if (isMediaPath(url))
    throw validation([
      { path, message: 'must be an http(s) URL; upload photos with PUT …/speakers/:id/photo' },
    ]);
  return url;
}

/**
 * The "changed" badge's columns after a write to a published event's session (issue #12): on a move in time or to
 * another room, what it was before — kept from an earlier move of the last 24 hours, so the badge says what people
 * knew — and when; cleared when the session is back where it was. Nothing when neither time nor room moved.
 */
export function movedFields(
  current: Pick<SessionEntity, 'startsAt' | 'roomId' | 'previousStartsAt' | 'previousRoomId' | 'changedAt'>,
  fields: Partial<SessionEntity>,
  now: Date,
): Partial<SessionEntity> {
  const startsAt = fields.startsAt ?? current.startsAt;
  const roomId = fields.roomId !== undefined ? fields.roomId : current.roomId;
  if (startsAt.getTime() === current.startsAt.getTime() && roomId === current.roomId) return {};
  const recent =
    current.changedAt !== null &&
    current.previousStartsAt !== null &&
    now.getTime() - current.changedAt.getTime() < SESSION_CHANGE_VISIBLE_HOURS * 3_600_000;
  const previousStartsAt = recent && current.previousStartsAt ? current.previousStartsAt : current.startsAt;
  const previousRoomId = recent ? current.previousRoomId : current.roomId;
  if (previousStartsAt.getTime() === startsAt.getTime() && previousRoomId === roomId)
    return { previousStartsAt: null, previousRoomId: null, changedAt: null };
  return { previousStartsAt, previousRoomId, changedAt: now };
}

/** The keys whose values differ, as `{ before, after }` of just those keys (the audit log's shape). */
export function changedFields(
  before: Record<string, unknown>,
  after: Record<string, unknown>,
): { before: Record<string, unknown>; after: Record<string, unknown> } {
  const diff = { before: {} as Record<string, unknown>, after: {} as Record<string, unknown> };
  for (const key of new Set([...Object.keys(before), ...Object.keys(after)])) {
    if (JSON.stringify(before[key]) !== JSON.stringify(after[key])) {
      diff.before[key] = before[key];
      diff.after[key] = after[key];
    }
  }
  return diff;
}

function eventSnapshot(
  event: EventEntity,
  partners: EventPartnerEntity[],
  blocks: EventBlockEntity[],
): Record<string, unknown> {
  return {
    slug: event.slug,
    status: event.status,
    name: event.name,
    shortName: event.shortName,
    tagline: event.tagline,
    description: event.description,
    startDate: event.startDate,
    endDate: event.endDate,
    timeZone: event.timeZone,
    venue: {
      name: event.venueName,
      address: event.venueAddress,
      city: event.venueCity,
      country: event.venueCountry,
    },
    format: event.format,
    languages: event.languages,
    organiser: { name: event.organiserName, url: event.organiserUrl },
    logoUrl: event.logoUrl,
    accentColor: event.accentColor,
    contactEmail: event.contactEmail,
    contactAddress: event.contactAddress,
    partners: partners.map(({ name, url, logoUrl, tier }) => ({ name, url, logoUrl, tier })),
    blocks: blocks.map(({ title, body }) => ({ title, body })),
  };
}

function roomSnapshot(room: RoomEntity): Record<string, unknown> {
  const { name, capacity, videoMode, externalStreamUrl, sortOrder } = room;
  return { name, capacity, videoMode, externalStreamUrl, order: sortOrder };
}

function speakerSnapshot(speaker: SpeakerEntity): Record<string, unknown> {
  const { honorific, name, title, organisation, country, bio, photoUrl, photo, externalId, sortOrder } =
    speaker;
  return {
    honorific,
    name,
    title,
    organisation,
    country,
    bio,
    photoUrl,
    photo,
    externalId,
    order: sortOrder,
  };
}

function sessionSnapshot(
  session: SessionEntity,
  links: Array<{ speakerId: string; role: string }>,
): Record<string, unknown> {
  return {
    kind: session.kind,
    title: session.title,
    abstract: session.abstract,
    startsAt: session.startsAt.toISOString(),
    endsAt: session.endsAt.toISOString(),
    roomId: session.roomId,
    speakers: links.map(({ speakerId, role }) => ({ speakerId, role })),
    qaEnabled: session.qaEnabled,
    pollsEnabled: session.pollsEnabled,
    confidential: session.confidential,
    visibility: session.visibility,
    cancelled: session.cancelled,
    externalId: session.externalId,
  };
}

/** Event columns from the fields a request sent (absent fields are left out). */
function eventColumns(input: UpdateEventInput): Partial<EventEntity> {
  const columns: Partial<EventEntity> = {};
  const copy = <K extends keyof UpdateEventInput & keyof EventEntity>(key: K): void => {
    if (input[key] !== undefined) (columns as Record<string, unknown>)[key] = input[key];
  };
  for (const key of [
    'slug',
    'name',
    'shortName',
    'tagline',
    'description',
    'startDate',
    'endDate',
    'timeZone',
    'format',
    'languages',
    'logoUrl',
    'accentColor',
    'contactEmail',
    'contactAddress',
  ] as const)
    copy(key);
  if (input.venue) {
    columns.venueName = input.venue.name;
    columns.venueAddress = input.venue.address;
    columns.venueCity = input.venue.city;
    columns.venueCountry = input.venue.country;
  }
  if (input.organiser) {
    columns.organiserName = input.organiser.name;
    columns.organiserUrl = input.organiser.url;
  }
  return columns;
}

/** Whether a session's local times lie within the event's dates; the issues name the fields. */
function outsideIssues(event: EventEntity, startsLocal: string, endsLocal: string): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  const startDay = startsLocal.slice(0, 10);
  if (startDay < event.startDate || startDay > event.endDate)
    issues.push({
      path: 'startsLocal',
      message: `must be within the event (${event.startDate} to ${event.endDate})`,
    });
  if (endsLocal > `${addDays(event.endDate, 1)}T00:00` || endsLocal.slice(0, 10) < event.startDate)
    issues.push({
      path: 'endsLocal',
      message: `must be within the event (${event.startDate} to ${event.endDate})`,
    });
  return issues;
}

/**
 * Every write to the programme: events, rooms, speakers, sessions. Holds the domain rules (dates in order, sessions
 * inside the event, wall-clock times in the event's zone, unique slugs, names and import keys, status transitions,
 * optimistic concurrency) and, in the caller's transaction, bumps the event's programme version and publishes
 * `programme.changed`. Each method answers what it did for the audit log, which the caller records in the same
 * transaction (the audit log belongs to the access context, above this one).
 *
 * Lock order: the rows written first, the event row last (its version bump), as the media and engagement contexts
 * do when they change a session's state or confidentiality, so concurrent writers never deadlock.
 */
@Injectable()
export class ProgrammeWriter {
  constructor(private readonly repository: ProgrammeRepository) {}

  // Events --------------------------------------------------------------------------------------------------------

  /** A new event: a draft unless told otherwise (the seed publishes the reference event). */
  async createEvent(
    manager: EntityManager,
    input: CreateEventInput,
    options: CreateOptions & { status?: EventStatus } = {},
  ): Promise<Change<ManagedEvent>> {
    await this.ensureSlugFree(manager, input.slug, null);
    const id = options.id ?? randomUUID();
    try {
      await this.repository.insertEvent(manager, {
        id,
        status: options.status ?? 'draft',
        ...eventColumns({
          shortName: null,
          tagline: null,
          description: null,
          venue: { name: '', address: null, city: '', country: '' },
          format: 'hybrid',
          languages: ['en'],
          organiser: { name: '', url: null },
          logoUrl: null,
          accentColor: null,
          contactEmail: null,
          contactAddress: null,
          ...input,
        }),
      });
    } catch (error) {
      if (uniqueViolation(error) !== null) throw ProgrammeException.slugTaken(input.slug);
      throw error;
    }
    await this.writeSections(manager, id, input);
    const created = await this.requireEventById(manager, id);
    await this.publish(manager, id, 'event', [], created.programmeVersion);
    const after = await this.managedEvent(manager, created);
    return {
      value: after,
      audit: [
        { action: 'event.create', targetId: id, details: { after: await this.eventState(manager, id) } },
      ],
    };
  }

  /**
   * Changes the fields sent when the event is still at `expectedVersion` (else 412 with the current event). A new
   * slug keeps the old one redirecting; a new time zone keeps every session's wall-clock times.
   */
  async updateEvent(
    manager: EntityManager,
    eventId: string,
    expectedVersion: number,
    patch: UpdateEventInput,
  ): Promise<Change<ManagedEvent>> {
    const current = await this.requireEventById(manager, eventId);
    if (current.version !== expectedVersion)
      throw ProgrammeException.versionConflict(await this.managedEvent(manager, current));
    const before = await this.eventState(manager, eventId);
    const startDate = patch.startDate ?? current.startDate;
    const endDate = patch.endDate ?? current.endDate;
    if (endDate < startDate)
      throw validation([
        {
          path: patch.endDate ? 'endDate' : 'startDate',
          message: 'the event must not end before it starts',
        },
      ]);
    const slugChanged = patch.slug !== undefined && patch.slug !== current.slug;
    if (slugChanged) await this.ensureSlugFree(manager, patch.slug as string, eventId);
    if (patch.timeZone !== undefined && patch.timeZone !== current.timeZone) {
      const sessions = await this.repository.listSessions(eventId, manager);
      const zone = patch.timeZone;
      await this.repository.retimeSessions(
        manager,
        sessions.map((session) => ({
          id: session.id,
          startsAt: localToInstant(instantToLocal(session.startsAt, current.timeZone), zone),
          endsAt: localToInstant(instantToLocal(session.endsAt, current.timeZone), zone),
        })),
      );
    }
    await this.writeSections(manager, eventId, patch);
    let updated: boolean;
    try {
      updated = await this.repository.updateEvent(manager, eventId, expectedVersion, eventColumns(patch));
    } catch (error) {
      if (uniqueViolation(error) !== null && patch.slug) throw ProgrammeException.slugTaken(patch.slug);
      throw error;
    }
    if (!updated) {
      const now = await this.requireEventById(manager, eventId);
      throw ProgrammeException.versionConflict(await this.managedEvent(manager, now));
    }
    if (slugChanged) {
      await this.repository.addRedirect(manager, current.slug, eventId);
      await this.repository.removeRedirect(manager, patch.slug as string, eventId);
    }
    const event = await this.requireEventById(manager, eventId);
    await this.publish(manager, eventId, 'event', [], event.programmeVersion);
    return {
      value: await this.managedEvent(manager, event),
      audit: [
        {
          action: 'event.update',
          targetId: eventId,
          details: changedFields(before, await this.eventState(manager, eventId)),
        },
      ],
    };
  }

  /**
   * draft → published → archived, archived → published, and published → draft while nobody is registered (the
   * caller, who can see registrations, says so). The same status again changes nothing.
   */
  async changeStatus(
    manager: EntityManager,
    eventId: string,
    status: EventStatus,
    context: { registered: boolean },
  ): Promise<Change<ManagedEvent>> {
    const current = await this.requireEventById(manager, eventId);
    if (current.status === status) return { value: await this.managedEvent(manager, current), audit: [] };
    if (!TRANSITIONS[current.status].includes(status))
      throw ProgrammeException.invalidTransition(`An event cannot go from ${current.status} to ${status}.`, {
        from: current.status,
        to: status,
      });
    if (current.status === 'published' && status === 'draft' && context.registered)
      throw ProgrammeException.invalidTransition(
        'People have registered for this event: it cannot go back to draft. Archive it instead.',
        { from: current.status, to: status, reason: 'registered' },
      );
    if (!(await this.repository.updateEvent(manager, eventId, current.version, { status }))) {
      const now = await this.requireEventById(manager, eventId);
      throw ProgrammeException.versionConflict(await this.managedEvent(manager, now));
    }
    const event = await this.requireEventById(manager, eventId);
    await this.publish(manager, eventId, 'event', [], event.programmeVersion);
    return {
      value: await this.managedEvent(manager, event),
      audit: [
        {
          action: 'event.status',
          targetId: eventId,
          details: { before: { status: current.status }, after: { status } },
        },
      ],
    };
  }

  /**
   * A new draft edition of an event: its settings, page sections, rooms, speakers and sessions (with their
   * speakers), dates shifted by whole days so that every session keeps its wall-clock time in the event's zone.
   */
  async duplicateEvent(
    manager: EntityManager,
    sourceId: string,
    input: DuplicateEventInput,
  ): Promise<Change<ManagedEvent>> {
    const source = await this.requireEventById(manager, sourceId);
    await this.ensureSlugFree(manager, input.slug, null);
    const shift = daysBetween(source.startDate, input.startDate);
    const id = randomUUID();
    const {
      id: _id,
      slug: _slug,
      name: _name,
      status: _status,
      version: _version,
      programmeVersion: _programmeVersion,
      createdAt: _createdAt,
      updatedAt: _updatedAt,
      sessions: _sessions,
      speakers: _speakers,
      rooms: _rooms,
      partners: _partners,
      blocks: _blocks,
      ...settings
    } = source;
    try {
      await this.repository.insertEvent(manager, {
        ...settings,
        id,
        slug: input.slug,
        name: input.name,
        status: 'draft',
        startDate: input.startDate,
        endDate: addDays(source.endDate, shift),
      });
    } catch (error) {
      if (uniqueViolation(error) !== null) throw ProgrammeException.slugTaken(input.slug);
      throw error;
    }
    // One transaction, one connection: queries one after the other (pg queues concurrent ones with a warning).
    const partners = await this.repository.listPartners(sourceId, manager);
    const blocks = await this.repository.listBlocks(sourceId, manager);
    const rooms = await this.repository.listRooms(sourceId, manager);
    const speakers = await this.repository.listSpeakers(sourceId, manager);
    const sessions = await this.repository.listSessions(sourceId, manager);
    await this.repository.replacePartners(
      manager,
      id,
      partners.map(({ name, url, logoUrl, tier, sortOrder }) => ({
        id: randomUUID(),
        name,
        url,
        logoUrl,
        tier,
        sortOrder,
      })),
    );
    await this.repository.replaceBlocks(
      manager,
      id,
      blocks.map(({ title, body, sortOrder }) => ({ id: randomUUID(), title, body, sortOrder })),
    );
    const roomIds = new Map(rooms.map((room) => [room.id, randomUUID()]));
    for (const room of rooms) {
      const {
        id: roomId,
        eventId: _e,
        event: _ev,
        version: _v,
        createdAt: _c,
        updatedAt: _u,
        ...fields
      } = room;
      await this.repository.insertRoom(manager, {
        ...fields,
        id: roomIds.get(roomId) as string,
        eventId: id,
      });
    }
    const speakerIds = new Map(speakers.map((speaker) => [speaker.id, randomUUID()]));
    for (const speaker of speakers) {
      const {
        id: speakerId,
        eventId: _e,
        event: _ev,
        version: _v,
        createdAt: _c,
        updatedAt: _u,
        ...fields
      } = speaker;
      await this.repository.insertSpeaker(manager, {
        ...fields,
        id: speakerIds.get(speakerId) as string,
        eventId: id,
      });
    }
    const moved = (instant: Date): Date => {
      const local = instantToLocal(instant, source.timeZone);
      return localToInstant(`${addDays(local.slice(0, 10), shift)}${local.slice(10)}`, source.timeZone);
    };
    for (const session of sessions) {
      const sessionId = randomUUID();
      await this.repository.insertSession(manager, {
        id: sessionId,
        eventId: id,
        kind: session.kind,
        title: session.title,
        abstract: session.abstract,
        startsAt: moved(session.startsAt),
        endsAt: moved(session.endsAt),
        roomId: session.roomId ? (roomIds.get(session.roomId) ?? null) : null,
        state: 'scheduled',
        confidential: session.confidential,
        visibility: session.visibility,
        cancelled: session.cancelled,
        qaEnabled: session.qaEnabled,
        pollsEnabled: session.pollsEnabled,
        externalId: session.externalId,
      });
      await this.repository.replaceSessionSpeakers(
        manager,
        sessionId,
        (session.speakers ?? []).flatMap((link) => {
          const speakerId = speakerIds.get(link.speakerId);
          return speakerId ? [{ speakerId, role: link.role }] : [];
        }),
      );
    }
    const created = await this.requireEventById(manager, id);
    await this.publish(manager, id, 'event', [], created.programmeVersion);
    return {
      value: await this.managedEvent(manager, created),
      audit: [
        {
          action: 'event.duplicate',
          targetId: id,
          details: {
            from: { eventId: sourceId, slug: source.slug },
            after: { slug: input.slug, name: input.name, startDate: input.startDate },
            copied: { rooms: rooms.length, speakers: speakers.length, sessions: sessions.length },
          },
        },
      ],
    };
  }

  // Rooms ---------------------------------------------------------------------------------------------------------

  async createRoom(
    manager: EntityManager,
    eventId: string,
    input: CreateRoomInput,
    options: CreateOptions = {},
  ): Promise<Change<ManagedRoom>> {
    await this.requireEventById(manager, eventId);
    const id = options.id ?? randomUUID();
    try {
      await this.repository.insertRoom(manager, {
        id,
        eventId,
        name: input.name,
        capacity: input.capacity,
        videoMode: input.videoMode,
        externalStreamUrl: input.externalStreamUrl,
        sortOrder: input.order ?? (await this.repository.nextRoomOrder(manager, eventId)),
      });
    } catch (error) {
      if (uniqueViolation(error) !== null) throw ProgrammeException.roomNameTaken(input.name);
      throw error;
    }
    const room = await this.requireRoom(manager, eventId, id);
    await this.touch(manager, eventId, 'rooms', []);
    return {
      value: toManagedRoom(room),
      audit: [{ action: 'room.create', targetId: id, details: { after: roomSnapshot(room) } }],
    };
  }

  async updateRoom(
    manager: EntityManager,
    eventId: string,
    roomId: string,
    expectedVersion: number,
    patch: UpdateRoomInput,
  ): Promise<Change<ManagedRoom>> {
    const current = await this.repository.lockRoom(manager, eventId, roomId);
    if (!current) throw ProgrammeException.roomNotFound();
    if (current.version !== expectedVersion) throw ProgrammeException.versionConflict(toManagedRoom(current));
    const videoMode = patch.videoMode ?? current.videoMode;
    const url = patch.externalStreamUrl !== undefined ? patch.externalStreamUrl : current.externalStreamUrl;
    if (videoMode === 'external' && url === null)
      throw validation([{ path: 'externalStreamUrl', message: 'is required for an external stream' }]);
    try {
      await this.repository.updateRoom(manager, roomId, {
        ...(patch.name !== undefined ? { name: patch.name } : {}),
        ...(patch.capacity !== undefined ? { capacity: patch.capacity } : {}),
        ...(patch.videoMode !== undefined ? { videoMode: patch.videoMode } : {}),
        ...(patch.externalStreamUrl !== undefined ? { externalStreamUrl: patch.externalStreamUrl } : {}),
        ...(patch.order !== undefined ? { sortOrder: patch.order } : {}),
      });
    } catch (error) {
      if (uniqueViolation(error) !== null && patch.name) throw ProgrammeException.roomNameTaken(patch.name);
      throw error;
    }
    const room = await this.requireRoom(manager, eventId, roomId);
    const sessionIds =
      room.name !== current.name ? await this.repository.sessionIdsInRoom(manager, roomId) : [];
    await this.touch(manager, eventId, 'rooms', sessionIds);
    return {
      value: toManagedRoom(room),
      audit: [
        {
          action: 'room.update',
          targetId: roomId,
          details: changedFields(roomSnapshot(current), roomSnapshot(room)),
        },
      ],
    };
  }

  /** Deletes a room; its sessions stay, without a room. */
  async deleteRoom(manager: EntityManager, eventId: string, roomId: string): Promise<Change<null>> {
    const current = await this.repository.lockRoom(manager, eventId, roomId);
    if (!current) throw ProgrammeException.roomNotFound();
    const sessionIds = await this.repository.deleteRoom(manager, roomId);
    await this.touch(manager, eventId, 'rooms', sessionIds);
    return {
      value: null,
      audit: [
        {
          action: 'room.delete',
          targetId: roomId,
          details: { before: roomSnapshot(current), sessionsWithoutRoom: sessionIds.length },
        },
      ],
    };
  }

  // Speakers ------------------------------------------------------------------------------------------------------

  async createSpeaker(
    manager: EntityManager,
    eventId: string,
    input: CreateSpeakerInput,
    options: CreateOptions = {},
  ): Promise<Change<ManagedSpeaker>> {
    await this.requireEventById(manager, eventId);
    const id = options.id ?? randomUUID();
    try {
      await this.repository.insertSpeaker(manager, {
        id,
        eventId,
        honorific: input.honorific,
        name: input.name,
        title: input.title,
        organisation: input.organisation,
        country: input.country,
        bio: input.bio,
        photoUrl: externalPhotoUrl(input.photoUrl, 'photoUrl'),
        externalId: input.externalId,
        sortOrder: input.order ?? (await this.repository.nextSpeakerOrder(manager, eventId)),
      });
    } catch (error) {
      if (uniqueViolation(error) !== null && input.externalId)
        throw ProgrammeException.externalIdTaken(input.externalId);
      throw error;
    }
    const speaker = await this.requireSpeaker(manager, eventId, id);
    await this.touch(manager, eventId, 'speakers', []);
    return {
      value: toManagedSpeaker(speaker),
      audit: [{ action: 'speaker.create', targetId: id, details: { after: speakerSnapshot(speaker) } }],
    };
  }

  async updateSpeaker(
    manager: EntityManager,
    eventId: string,
    speakerId: string,
    expectedVersion: number,
    patch: UpdateSpeakerInput,
  ): Promise<Change<ManagedSpeaker>> {
    const current = await this.repository.lockSpeaker(manager, eventId, speakerId);
    if (!current) throw ProgrammeException.speakerNotFound();
    if (current.version !== expectedVersion)
      throw ProgrammeException.versionConflict(toManagedSpeaker(current));
    const { order, ...fields } = patch;
    if (isMediaPath(fields.photoUrl)) {
      // The address the speaker was read with, sent back by a form: no change. Any other media address is refused.
      if (fields.photoUrl !== toSpeaker(current).photoUrl) externalPhotoUrl(fields.photoUrl, 'photoUrl');
      delete fields.photoUrl;
    }
    try {
      await this.repository.updateSpeaker(manager, speakerId, {
        ...fields,
        ...(order !== undefined ? { sortOrder: order } : {}),
      });
    } catch (error) {
      if (uniqueViolation(error) !== null && patch.externalId)
        throw ProgrammeException.externalIdTaken(patch.externalId);
      throw error;
    }
    const speaker = await this.requireSpeaker(manager, eventId, speakerId);
    await this.touch(
      manager,
      eventId,
      'speakers',
      await this.repository.sessionIdsOfSpeaker(manager, speakerId),
    );
    return {
      value: toManagedSpeaker(speaker),
      audit: [
        {
          action: 'speaker.update',
          targetId: speakerId,
          details: changedFields(speakerSnapshot(current), speakerSnapshot(speaker)),
        },
      ],
    };
  }

  /**
   * Sets (a content hash naming stored sizes) or removes (null) a speaker's uploaded photo: version bump, the event
   * page's version, `programme.changed` for the sessions the speaker appears in. `expectedVersion`, when the client
   * sent `If-Match`, must be the current version. The value says which photo the speaker had before, so the caller
   * can remove its stored sizes once no speaker names it.
   */
  async setSpeakerPhoto(
    manager: EntityManager,
    eventId: string,
    speakerId: string,
    photo: string | null,
    expectedVersion?: number,
  ): Promise<Change<{ speaker: ManagedSpeaker; previous: string | null }>> {
    const current = await this.repository.lockSpeaker(manager, eventId, speakerId);
    if (!current) throw ProgrammeException.speakerNotFound();
    if (expectedVersion !== undefined && current.version !== expectedVersion)
      throw ProgrammeException.versionConflict(toManagedSpeaker(current));
    if (current.photo === photo)
      return { value: { speaker: toManagedSpeaker(current), previous: current.photo }, audit: [] };
    await this.repository.updateSpeaker(manager, speakerId, { photo });
    const speaker = await this.requireSpeaker(manager, eventId, speakerId);
    await this.touch(
      manager,
      eventId,
      'speakers',
      await this.repository.sessionIdsOfSpeaker(manager, speakerId),
    );
    return {
      value: { speaker: toManagedSpeaker(speaker), previous: current.photo },
      audit: [
        {
          action: photo ? 'speaker.photo.set' : 'speaker.photo.remove',
          targetId: speakerId,
          details: { before: { photo: current.photo }, after: { photo } },
        },
      ],
    };
  }

  /** Deletes a speaker and their places in sessions. */
  async deleteSpeaker(manager: EntityManager, eventId: string, speakerId: string): Promise<Change<null>> {
    const current = await this.repository.lockSpeaker(manager, eventId, speakerId);
    if (!current) throw ProgrammeException.speakerNotFound();
    const sessionIds = await this.repository.deleteSpeaker(manager, speakerId);
    await this.touch(manager, eventId, 'speakers', sessionIds);
    return {
      value: null,
      audit: [
        {
          action: 'speaker.delete',
          targetId: speakerId,
          details: { before: speakerSnapshot(current), sessions: sessionIds },
        },
      ],
    };
  }

  // Sessions ------------------------------------------------------------------------------------------------------

  async createSession(
    manager: EntityManager,
    eventId: string,
    input: CreateSessionInput,
    options: CreateOptions = {},
  ): Promise<Change<SessionWrite>> {
    const event = await this.requireEventById(manager, eventId);
    const times = this.timesOf(event, input.startsLocal, input.endsLocal, 'endsLocal');
    const outside = outsideIssues(event, input.startsLocal, input.endsLocal);
    if (outside.length > 0) throw ProgrammeException.outsideEvent(outside);
    await this.checkReferences(manager, eventId, input.roomId, input.speakers);
    const id = options.id ?? randomUUID();
    try {
      await this.repository.insertSession(manager, {
        id,
        eventId,
        kind: input.kind,
        title: input.title,
        abstract: input.abstract,
        ...times,
        roomId: input.roomId,
        qaEnabled: input.qaEnabled,
        pollsEnabled: input.pollsEnabled,
        confidential: input.confidential,
        visibility: input.visibility,
        cancelled: input.cancelled,
        externalId: input.externalId,
      });
    } catch (error) {
      if (uniqueViolation(error) !== null && input.externalId)
        throw ProgrammeException.externalIdTaken(input.externalId);
      throw error;
    }
    await this.repository.replaceSessionSpeakers(manager, id, input.speakers);
    await this.touch(manager, eventId, 'sessions', [id]);
    const session = await this.requireSession(manager, eventId, id);
    return {
      value: await this.sessionWrite(manager, event, session),
      audit: [
        {
          action: 'session.create',
          targetId: id,
          details: { after: sessionSnapshot(session, input.speakers) },
        },
      ],
    };
  }

  async updateSession(
    manager: EntityManager,
    eventId: string,
    sessionId: string,
    expectedVersion: number,
    patch: UpdateSessionInput,
  ): Promise<Change<SessionWrite>> {
    const event = await this.requireEventById(manager, eventId);
    const current = await this.repository.lockSession(manager, eventId, sessionId);
    if (!current) throw ProgrammeException.sessionNotFound();
    if (current.version !== expectedVersion) {
      const now = await this.requireSession(manager, eventId, sessionId);
      throw ProgrammeException.versionConflict(toManagedSession(now, event));
    }
    const linksBefore = await this.repository.sessionSpeakerLinks(manager, sessionId);
    const fields: Partial<SessionEntity> = {};
    if (patch.startsLocal !== undefined || patch.endsLocal !== undefined) {
      const startsLocal = patch.startsLocal ?? instantToLocal(current.startsAt, event.timeZone);
      const endsLocal = patch.endsLocal ?? instantToLocal(current.endsAt, event.timeZone);
      Object.assign(
        fields,
        this.timesOf(
          event,
          startsLocal,
          endsLocal,
          patch.endsLocal !== undefined ? 'endsLocal' : 'startsLocal',
        ),
      );
      const outside = outsideIssues(event, startsLocal, endsLocal);
      if (outside.length > 0) throw ProgrammeException.outsideEvent(outside);
    }
    await this.checkReferences(manager, eventId, patch.roomId ?? null, patch.speakers ?? []);
    for (const key of [
      'kind',
      'title',
      'abstract',
      'roomId',
      'qaEnabled',
      'pollsEnabled',
      'confidential',
      'visibility',
      'cancelled',
      'externalId',
    ] as const) {
      if (patch[key] !== undefined) (fields as Record<string, unknown>)[key] = patch[key];
    }
    if (calendarChanged(current, fields)) fields.icalSequence = current.icalSequence + 1;
    if (event.status === 'published') Object.assign(fields, movedFields(current, fields, new Date()));
    try {
      await this.repository.updateSession(manager, sessionId, fields);
    } catch (error) {
      if (uniqueViolation(error) !== null && patch.externalId)
        throw ProgrammeException.externalIdTaken(patch.externalId);
      throw error;
    }
    if (patch.speakers !== undefined)
      await this.repository.replaceSessionSpeakers(manager, sessionId, patch.speakers);
    await this.touch(manager, eventId, 'sessions', [sessionId]);
    const session = await this.requireSession(manager, eventId, sessionId);
    const linksAfter = patch.speakers ?? linksBefore;
    return {
      value: await this.sessionWrite(manager, event, session),
      audit: [
        {
          action: 'session.update',
          targetId: sessionId,
          details: changedFields(sessionSnapshot(current, linksBefore), sessionSnapshot(session, linksAfter)),
        },
      ],
    };
  }

  /** Marks a session cancelled (it stays listed as such); cancelling twice changes nothing. */
  async cancelSession(
    manager: EntityManager,
    eventId: string,
    sessionId: string,
  ): Promise<Change<SessionWrite>> {
    const event = await this.requireEventById(manager, eventId);
    const current = await this.repository.lockSession(manager, eventId, sessionId);
    if (!current) throw ProgrammeException.sessionNotFound();
    if (!current.cancelled) {
      await this.repository.updateSession(manager, sessionId, {
        cancelled: true,
        icalSequence: current.icalSequence + 1,
      });
      await this.touch(manager, eventId, 'sessions', [sessionId]);
    }
    const session = await this.requireSession(manager, eventId, sessionId);
    return {
      value: await this.sessionWrite(manager, event, session),
      audit: current.cancelled
        ? []
        : [
            {
              action: 'session.cancel',
              targetId: sessionId,
              details: { before: { cancelled: false }, after: { cancelled: true } },
            },
          ],
    };
  }

  /**
   * Deletes a session that nobody used yet; `hasActivity` (questions, polls, attendance — other contexts' data)
   * decides, and a session with activity must be cancelled instead.
   */
  async deleteSession(
    manager: EntityManager,
    eventId: string,
    sessionId: string,
    hasActivity: (manager: EntityManager, sessionId: string) => Promise<boolean>,
  ): Promise<Change<null>> {
    const current = await this.repository.lockSession(manager, eventId, sessionId);
    if (!current) throw ProgrammeException.sessionNotFound();
    // A session that went on stage has a history (video, recordings) even when nobody asked a question.
    if (current.state !== 'scheduled' || (await hasActivity(manager, sessionId)))
      throw ProgrammeException.sessionHasActivity();
    const links = await this.repository.sessionSpeakerLinks(manager, sessionId);
    await this.repository.deleteSession(manager, sessionId);
    await this.touch(manager, eventId, 'sessions', [sessionId]);
    return {
      value: null,
      audit: [
        {
          action: 'session.delete',
          targetId: sessionId,
          details: { before: sessionSnapshot(current, links) },
        },
      ],
    };
  }

  /**
   * Creates rooms, speakers and sessions in one go, under the same rules as one by one (names, times in the event's
   * zone, inside its dates, references within the event and the batch), with one version bump and one
   * `programme.changed`. Problems name the item (`sessions.3.endsLocal`) and nothing is written. For the seed and
   * schedule imports; ids may be given (fixed ids of the seed, stable ids of an import).
   */
  async createProgramme(
    manager: EntityManager,
    eventId: string,
    batch: ProgrammeBatch,
  ): Promise<Change<{ rooms: number; speakers: number; sessions: number }>> {
    const event = await this.requireEventById(manager, eventId);
    const existingRooms = await this.repository.listRooms(eventId, manager);
    const existingSpeakers = await this.repository.listSpeakers(eventId, manager);
    const issues: ValidationIssue[] = [];
    const roomNames = new Set(existingRooms.map((room) => room.name));
    const rooms = batch.rooms.map((room, index) => {
      if (roomNames.has(room.name)) throw ProgrammeException.roomNameTaken(room.name);
      roomNames.add(room.name);
      return {
        id: room.id ?? randomUUID(),
        eventId,
        name: room.name,
        capacity: room.capacity,
        videoMode: room.videoMode,
        externalStreamUrl: room.externalStreamUrl,
        sortOrder: room.order ?? existingRooms.length + index,
      };
    });
    const speakers = batch.speakers.map((speaker, index) => ({
      id: speaker.id ?? randomUUID(),
      eventId,
      honorific: speaker.honorific,
      name: speaker.name,
      title: speaker.title,
      organisation: speaker.organisation,
      country: speaker.country,
      bio: speaker.bio,
      photoUrl: externalPhotoUrl(speaker.photoUrl, `speakers.${index}.photoUrl`),
      externalId: speaker.externalId,
      sortOrder: speaker.order ?? existingSpeakers.length + index,
    }));
    const roomIds = new Set([...existingRooms, ...rooms].map((room) => room.id));
    const speakerIds = new Set([...existingSpeakers, ...speakers].map((speaker) => speaker.id));
    const sessions = batch.sessions.map((session, index) => {
      const at = `sessions.${index}`;
      const startsAt = localToInstant(session.startsLocal, event.timeZone);
      const endsAt = localToInstant(session.endsLocal, event.timeZone);
      if (endsAt.getTime() <= startsAt.getTime())
        issues.push({ path: `${at}.endsLocal`, message: 'must be after the start' });
      for (const issue of outsideIssues(event, session.startsLocal, session.endsLocal))
        issues.push({ ...issue, path: `${at}.${issue.path}` });
      if (session.roomId !== null && !roomIds.has(session.roomId))
        issues.push({ path: `${at}.roomId`, message: 'is not a room of this event' });
      session.speakers.forEach((link, position) => {
        if (!speakerIds.has(link.speakerId))
          issues.push({
            path: `${at}.speakers.${position}.speakerId`,
            message: 'is not a speaker of this event',
          });
      });
      return {
        row: {
          id: session.id ?? randomUUID(),
          eventId,
          kind: session.kind,
          title: session.title,
          abstract: session.abstract,
          startsAt,
          endsAt,
          roomId: session.roomId,
          qaEnabled: session.qaEnabled,
          pollsEnabled: session.pollsEnabled,
          confidential: session.confidential,
          visibility: session.visibility,
          cancelled: session.cancelled,
          externalId: session.externalId,
        },
        links: session.speakers,
      };
    });
    if (issues.length > 0) throw validation(issues);
    try {
      await this.repository.insertBatch(manager, {
        rooms,
        speakers,
        sessions: sessions.map((session) => session.row),
        links: sessions.flatMap((session) =>
          session.links.map((link, position) => ({
            sessionId: session.row.id,
            speakerId: link.speakerId,
            role: link.role,
            sortOrder: position,
          })),
        ),
      });
    } catch (error) {
      const constraint = uniqueViolation(error);
      if (constraint?.startsWith('uq_rooms')) throw ProgrammeException.roomNameTaken('');
      if (constraint?.includes('external_id'))
        throw new ProgrammeException('programme/external-id-taken', 'Two items share an external id.');
      throw error;
    }
    await this.touch(
      manager,
      eventId,
      sessions.length > 0 ? 'sessions' : speakers.length > 0 ? 'speakers' : 'rooms',
      sessions.map((session) => session.row.id),
    );
    return {
      value: { rooms: rooms.length, speakers: speakers.length, sessions: sessions.length },
      audit: [
        ...rooms.map((room) => ({
          action: 'room.create',
          targetId: room.id,
          details: { after: roomSnapshot(room as RoomEntity) },
        })),
        ...speakers.map((speaker) => ({
          action: 'speaker.create',
          targetId: speaker.id,
          details: { after: speakerSnapshot(speaker as SpeakerEntity) },
        })),
        ...sessions.map((session) => ({
          action: 'session.create',
          targetId: session.row.id,
          details: { after: sessionSnapshot(session.row as SessionEntity, session.links) },
        })),
      ],
    };
  }

  /** A session's live state (the media context's stage); the event page's version moves with it. */
  async setSessionState(manager: EntityManager, sessionId: string, state: SessionState): Promise<void> {
    const eventId = await this.repository.updateSessionState(manager, sessionId, state);
    if (eventId) await this.repository.bumpProgrammeVersion(manager, eventId);
  }

  /** A session's confidentiality as moderators switch it in the Q&A settings (the engagement context). */
  async setConfidential(manager: EntityManager, sessionId: string, confidential: boolean): Promise<void> {
    const eventId = await this.repository.updateConfidential(manager, sessionId, confidential);
    if (eventId) await this.repository.bumpProgrammeVersion(manager, eventId);
  }

  // Helpers -------------------------------------------------------------------------------------------------------

  private timesOf(
    event: EventEntity,
    startsLocal: string,
    endsLocal: string,
    blame: 'startsLocal' | 'endsLocal',
  ): { startsAt: Date; endsAt: Date } {
    const startsAt = localToInstant(startsLocal, event.timeZone);
    const endsAt = localToInstant(endsLocal, event.timeZone);
    if (endsAt.getTime() <= startsAt.getTime())
      throw validation([
        {
          path: blame,
          message: blame === 'endsLocal' ? 'must be after the start' : 'must be before the end',
        },
      ]);
    return { startsAt, endsAt };
  }

  private async checkReferences(
    manager: EntityManager,
    eventId: string,
    roomId: string | null,
    speakers: Array<{ speakerId: string }>,
  ): Promise<void> {
    const issues: ValidationIssue[] = [];
    if (roomId !== null && !(await this.repository.findRoom(eventId, roomId, manager)))
      issues.push({ path: 'roomId', message: 'is not a room of this event' });
    const known = await this.repository.speakerIdsOf(
      manager,
      eventId,
      speakers.map((link) => link.speakerId),
    );
    speakers.forEach((link, index) => {
      if (!known.has(link.speakerId))
        issues.push({ path: `speakers.${index}.speakerId`, message: 'is not a speaker of this event' });
    });
    if (issues.length > 0) throw validation(issues);
  }

  private async ensureSlugFree(manager: EntityManager, slug: string, eventId: string | null): Promise<void> {
    if (await this.repository.slugTakenByAnother(manager, slug, eventId))
      throw ProgrammeException.slugTaken(slug);
  }

  private async writeSections(
    manager: EntityManager,
    eventId: string,
    input: Pick<UpdateEventInput, 'partners' | 'blocks'>,
  ): Promise<void> {
    if (input.partners !== undefined)
      await this.repository.replacePartners(
        manager,
        eventId,
        input.partners.map((partner, index) => ({ id: randomUUID(), ...partner, sortOrder: index })),
      );
    if (input.blocks !== undefined)
      await this.repository.replaceBlocks(
        manager,
        eventId,
        input.blocks.map((block, index) => ({ id: randomUUID(), ...block, sortOrder: index })),
      );
  }

  private async sessionWrite(
    manager: EntityManager,
    event: EventEntity,
    session: SessionEntity,
  ): Promise<SessionWrite> {
    return {
      session: toManagedSession(session, event),
      warnings: conflictWarnings(await this.repository.conflicts(event.id, session.id, manager)),
    };
  }

  private async eventState(manager: EntityManager, eventId: string): Promise<Record<string, unknown>> {
    const event = await this.requireEventById(manager, eventId);
    const partners = await this.repository.listPartners(eventId, manager);
    const blocks = await this.repository.listBlocks(eventId, manager);
    return eventSnapshot(event, partners, blocks);
  }

  private async managedEvent(manager: EntityManager, event: EventEntity): Promise<ManagedEvent> {
    const partners = await this.repository.listPartners(event.id, manager);
    const blocks = await this.repository.listBlocks(event.id, manager);
    return toManagedEvent(event, partners, blocks);
  }

  private async requireEventById(manager: EntityManager, eventId: string): Promise<EventEntity> {
    const event = await this.repository.findEventById(eventId, manager);
    if (!event) throw new ProgrammeException('programme/event-not-found', 'This event no longer exists.');
    return event;
  }

  private async requireRoom(manager: EntityManager, eventId: string, roomId: string): Promise<RoomEntity> {
    const room = await this.repository.findRoom(eventId, roomId, manager);
    if (!room) throw ProgrammeException.roomNotFound();
    return room;
  }

  private async requireSpeaker(
    manager: EntityManager,
    eventId: string,
    speakerId: string,
  ): Promise<SpeakerEntity> {
    const speaker = await this.repository.findSpeaker(eventId, speakerId, manager);
    if (!speaker) throw ProgrammeException.speakerNotFound();
    return speaker;
  }

  private async requireSession(
    manager: EntityManager,
    eventId: string,
    sessionId: string,
  ): Promise<SessionEntity> {
    const session = await this.repository.findSession(eventId, sessionId, manager);
    if (!session) throw ProgrammeException.sessionNotFound();
    return session;
  }

  /** Bumps the event's programme version and announces the change when the transaction commits. */
  private async touch(
    manager: EntityManager,
    eventId: string,
    scope: ProgrammeChangedEvent['scope'],
    sessionIds: string[],
  ): Promise<void> {
    const version = await this.repository.bumpProgrammeVersion(manager, eventId);
    await this.publish(manager, eventId, scope, sessionIds, version);
  }

  private async publish(
    manager: EntityManager,
    eventId: string,
    scope: ProgrammeChangedEvent['scope'],
    sessionIds: string[],
    programmeVersion: number,
  ): Promise<void> {
    const unique = [...new Set(sessionIds)];
    const tooMany = unique.length > PROGRAMME_CHANGED_MAX_SESSIONS;
    await publishDomainEvent(manager, {
      type: 'programme.changed',
      eventId,
      scope: tooMany ? 'event' : scope,
      sessionIds: tooMany ? [] : unique,
      programmeVersion,
    });
  }
}

/**
 * Whether a session change is one calendar apps must show (RFC 5545 `SEQUENCE`): its time, room, title or
 * cancellation. Other fields (abstract, speakers, Q&A switches) change the description only.
 */
function calendarChanged(current: SessionEntity, fields: Partial<SessionEntity>): boolean {
  return (
    (fields.startsAt !== undefined && fields.startsAt.getTime() !== current.startsAt.getTime()) ||
    (fields.endsAt !== undefined && fields.endsAt.getTime() !== current.endsAt.getTime()) ||
    (fields.roomId !== undefined && fields.roomId !== current.roomId) ||
    (fields.title !== undefined && fields.title !== current.title) ||
    (fields.cancelled !== undefined && fields.cancelled !== current.cancelled)
  );
}
