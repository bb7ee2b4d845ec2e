import { Injectable } from '@nestjs/common';
import type {
  EventDetail,
  EventList,
  EventStatus,
  ManagedEvent,
  ManagedEventList,
  ManagedRoom,
  ManagedSession,
  ManagedSpeaker,
  ProgrammeEditorView,
  ProgrammeWarning,
  Session,
  SessionState,
} from '@plenary/contracts';
import { DataSource, type EntityManager } from 'typeorm';
import type { EventEntity, SessionEntity } from './entities';
import { ProgrammeException } from './programme.exception';
import {
  toEventDetail,
  toEventSummary,
  toManagedEvent,
  toManagedEventSummary,
  toManagedRoom,
  toManagedSession,
  toManagedSpeaker,
  toSession,
  type SessionView,
} from './programme.mapper';
import { ProgrammeRepository, type EventFilter, type EventHead } from './programme.repository';
import { conflictWarnings, outsideWarnings } from './programme.warnings';
import { ProgrammeWriter } from './programme.writer';

export type { EventHead } from './programme.repository';

/** The public event page as served: its JSON, rendered once per programme version, and its ETag. */
export interface EventPage {
  eventId: string;
  programmeVersion: number;
  etag: string;
  /** `EventDetail` as JSON text. */
  body: string;
}

/** ETag of an event's page: the programme version, with the event's id so a reused slug never matches. */
export const eventPageEtag = (eventId: string, programmeVersion: number): string =>
  `"${eventId.slice(0, 8)}-${programmeVersion}"`;

/** Most events whose rendered page a process keeps. */
const PAGE_CACHE_EVENTS = 200;

/**
 * Reads of the programme context: public event pages (cached per process by programme version), sessions, and the
 * editor's views with their versions. Writes go through `ProgrammeWriter`.
 */
@Injectable()
export class ProgrammeService {
  /** The latest rendered page per event id. A write bumps the version, so a stale entry is never served. */
  private readonly pages = new Map<string, EventPage>();
  private readonly rendering = new Map<string, Promise<EventPage>>();

  constructor(
    private readonly repository: ProgrammeRepository,
    private readonly writer: ProgrammeWriter,
    private readonly dataSource: DataSource,
  ) {}

  /** Whether any speaker of any event still names this uploaded photo (duplicated events share them). */
  photoInUse(photo: string, manager?: EntityManager): Promise<boolean> {
    return this.repository.photoInUse(manager ?? this.dataSource.manager, photo);
  }

  async listEvents(filter: EventFilter = {}): Promise<EventList> {
    const events = await this.repository.listEvents(filter);
    return { events: events.map(toEventSummary) };
  }

  /** Events with their versions, drafts included; `ids` null means every event. */
  async listManagedEvents(ids: string[] | null): Promise<ManagedEventList> {
    const events = await this.repository.listEvents(ids === null ? {} : { ids });
    return { events: events.map(toManagedEventSummary) };
  }

  /** Id, status and programme version of the event with this slug: one indexed row, a prepared statement. */
  eventHead(slug: string): Promise<EventHead | null> {
    return this.repository.eventHead(slug);
  }

  /**
   * The event page for `head`: from this process's cache when it holds the head's programme version, else rendered
   * from one consistent snapshot (REPEATABLE READ) and kept. Concurrent misses share one rendering.
   */
  async eventPage(head: EventHead): Promise<EventPage> {
    const cached = this.pages.get(head.id);
    if (cached && cached.programmeVersion >= head.programmeVersion) {
      // Most recently used last: the oldest entries go first when the cache is full.
      this.pages.delete(head.id);
      this.pages.set(head.id, cached);
      return cached;
    }
    const key = `${head.id}:${head.programmeVersion}`;
    let pending = this.rendering.get(key);
    if (!pending) {
      pending = this.renderPage(head.id).finally(() => this.rendering.delete(key));
      this.rendering.set(key, pending);
    }
    return pending;
  }

  private async renderPage(eventId: string): Promise<EventPage> {
    const page = await this.dataSource.transaction('REPEATABLE READ', async (manager) => {
      const event = await this.repository.findEventById(eventId, manager);
      if (!event) throw new ProgrammeException('programme/event-not-found', 'This event no longer exists.');
      const detail = await this.detailOf(event, manager);
      return {
        eventId,
        programmeVersion: event.programmeVersion,
        etag: eventPageEtag(eventId, event.programmeVersion),
        body: JSON.stringify(detail),
      };
    });
    const kept = this.pages.get(eventId);
    if (!kept || kept.programmeVersion < page.programmeVersion) {
      this.pages.delete(eventId);
      this.pages.set(eventId, page);
      while (this.pages.size > PAGE_CACHE_EVENTS) {
        const oldest = this.pages.keys().next().value as string;
        this.pages.delete(oldest);
      }
    }
    return page;
  }

  private async detailOf(event: EventEntity, manager?: EntityManager): Promise<EventDetail> {
    if (manager) {
      // One transaction is one connection: its queries go one after the other. Sent together they would only queue
      // in the driver, which pg 8 warns about (a DeprecationWarning on stderr) and pg 9 refuses.
      const sessions = await this.repository.listSessions(event.id, manager);
      const speakers = await this.repository.listSpeakers(event.id, manager);
      const rooms = await this.repository.listRooms(event.id, manager);
      const partners = await this.repository.listPartners(event.id, manager);
      const blocks = await this.repository.listBlocks(event.id, manager);
      return toEventDetail(event, { sessions, speakers, rooms, partners, blocks });
    }
    const [sessions, speakers, rooms, partners, blocks] = await Promise.all([
      this.repository.listSessions(event.id),
      this.repository.listSpeakers(event.id),
      this.repository.listRooms(event.id),
      this.repository.listPartners(event.id),
      this.repository.listBlocks(event.id),
    ]);
    return toEventDetail(event, { sessions, speakers, rooms, partners, blocks });
  }

  /** The event with its days, sessions and speakers, whatever its status (for other contexts' reports). */
  async getEvent(slug: string): Promise<EventDetail> {
    return this.detailOf(await this.requireEvent(slug));
  }

  /** One session; `view.registered` shows the abstract of a `registered` session. */
  async getSession(
    event: EventEntity,
    sessionId: string,
    view: SessionView = { registered: false },
  ): Promise<Session> {
    const session = await this.repository.findSession(event.id, sessionId);
    if (!session) throw ProgrammeException.sessionNotFound();
    return toSession(session, event, view);
  }

  /**
   * The event's sessions as entities (room, speakers, `icalSequence`, `updatedAt`), in start order, for the calendar
   * files of the organising context; `ids` narrows them to those sessions.
   */
  async calendarSessions(eventId: string, ids?: string[]): Promise<SessionEntity[]> {
    const sessions = await this.repository.listSessions(eventId);
    if (!ids) return sessions;
    const wanted = new Set(ids);
    return sessions.filter((session) => wanted.has(session.id));
  }

  /** The event with this slug, whatever its status, or `programme/event-not-found`. */
  async requireEvent(slug: string): Promise<EventEntity> {
    const event = await this.repository.findEventBySlug(slug);
    if (!event) throw ProgrammeException.eventNotFound(slug);
    return event;
  }

  /** An event's status and programme version by id, or null (the live service's programme updates). */
  async eventHeadById(eventId: string): Promise<{ status: EventStatus; programmeVersion: number } | null> {
    const event = await this.repository.findEventById(eventId);
    return event ? { status: event.status, programmeVersion: event.programmeVersion } : null;
  }

  /** The event with this slug, or the event that had it before (`moved`), or null. */
  async resolveSlug(slug: string): Promise<{ event: EventEntity; moved: boolean } | null> {
    const event = await this.repository.findEventBySlug(slug);
    if (event) return { event, moved: false };
    const target = await this.repository.redirectTarget(slug);
    const moved = target ? await this.repository.findEventById(target) : null;
    return moved ? { event: moved, moved: true } : null;
  }

  // The editor's views --------------------------------------------------------------------------------------------

  async managedEvent(event: EventEntity): Promise<ManagedEvent> {
    const [partners, blocks] = await Promise.all([
      this.repository.listPartners(event.id),
      this.repository.listBlocks(event.id),
    ]);
    return toManagedEvent(event, partners, blocks);
  }

  async editorView(event: EventEntity): Promise<ProgrammeEditorView> {
    const [managed, rooms, sessions, speakers, warnings] = await Promise.all([
      this.managedEvent(event),
      this.listManagedRooms(event),
      this.listManagedSessions(event),
      this.listManagedSpeakers(event),
      this.warnings(event),
    ]);
    return { event: managed, rooms, sessions, speakers, warnings };
  }

  async listManagedRooms(event: EventEntity): Promise<ManagedRoom[]> {
    return (await this.repository.listRooms(event.id)).map(toManagedRoom);
  }

  async listManagedSessions(event: EventEntity): Promise<ManagedSession[]> {
    return (await this.repository.listSessions(event.id)).map((session) => toManagedSession(session, event));
  }

  async listManagedSpeakers(event: EventEntity): Promise<ManagedSpeaker[]> {
    return (await this.repository.listSpeakers(event.id)).map(toManagedSpeaker);
  }

  async managedRoom(event: EventEntity, roomId: string): Promise<ManagedRoom> {
    const room = await this.repository.findRoom(event.id, roomId);
    if (!room) throw ProgrammeException.roomNotFound();
    return toManagedRoom(room);
  }

  async managedSession(event: EventEntity, sessionId: string): Promise<ManagedSession> {
    const session = await this.repository.findSession(event.id, sessionId);
    if (!session) throw ProgrammeException.sessionNotFound();
    return toManagedSession(session, event);
  }

  async managedSpeaker(event: EventEntity, speakerId: string): Promise<ManagedSpeaker> {
    const speaker = await this.repository.findSpeaker(event.id, speakerId);
    if (!speaker) throw ProgrammeException.speakerNotFound();
    return toManagedSpeaker(speaker);
  }

  /** Every current warning of the event's programme: double-booked rooms and speakers, sessions off its dates. */
  async warnings(event: EventEntity): Promise<ProgrammeWarning[]> {
    const [conflicts, sessions] = await Promise.all([
      this.repository.conflicts(event.id, null),
      this.repository.listSessions(event.id),
    ]);
    return [...conflictWarnings(conflicts), ...outsideWarnings(event, sessions)];
  }

  // Writes other contexts make --------------------------------------------------------------------------------------

  /**
   * Sets a session's state (scheduled, live, ended). The rules of who may change it and when belong to the caller
   * (the media context's stage management); pass its transaction's manager to commit with the caller's own rows.
   */
  async setSessionState(sessionId: string, state: SessionState, manager?: EntityManager): Promise<void> {
    if (manager) return this.writer.setSessionState(manager, sessionId, state);
    await this.dataSource.transaction((tx) => this.writer.setSessionState(tx, sessionId, state));
  }

  /** The event with this id, if it still exists. */
  eventById(id: string): Promise<EventEntity | null> {
    return this.repository.findEventById(id);
  }

  /** Sets a session's confidentiality (the engagement context's Q&A settings), in the caller's transaction. */
  async setConfidential(manager: EntityManager, sessionId: string, confidential: boolean): Promise<void> {
    await this.writer.setConfidential(manager, sessionId, confidential);
  }
}
