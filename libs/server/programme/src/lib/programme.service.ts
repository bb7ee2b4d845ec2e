import { Injectable } from '@nestjs/common';
import type { EventDetail, EventList, Session, SessionState } from '@plenary/contracts';
import type { EntityManager } from 'typeorm';
import type { EventEntity } from './entities';
import { toEventDetail, toEventSummary, toSession } from './programme.mapper';
import { ProgrammeException } from './programme.exception';
import { ProgrammeRepository } from './programme.repository';

@Injectable()
export class ProgrammeService {
  constructor(private readonly repository: ProgrammeRepository) {}

  async listEvents(): Promise<EventList> {
    const events = await this.repository.listEvents();
    return { events: events.map(toEventSummary) };
  }

  /** The event with its days, sessions and speakers. */
  async getEvent(slug: string): Promise<EventDetail> {
    const event = await this.requireEvent(slug);
    const [sessions, speakers, rooms, partners, blocks] = await Promise.all([
      this.repository.listSessions(event.id),
      this.repository.listSpeakers(event.id),
      this.repository.listRooms(event.id),
      this.repository.listPartners(event.id),
      this.repository.listBlocks(event.id),
    ]);
    return toEventDetail(event, { sessions, speakers, rooms, partners, blocks });
  }

  async getSession(slug: string, sessionId: string): Promise<Session> {
    const event = await this.requireEvent(slug);
    const session = await this.repository.findSession(event.id, sessionId);
    if (!session) throw ProgrammeException.sessionNotFound();
    return toSession(session, event, { registered: false });
  }

  /**
   * Sets a session's state (scheduled, live, ended). The rules of who may change it and when belong to the caller
   * (the media context's stage management); pass its transaction's manager to commit with the caller's own rows.
   */
  async setSessionState(sessionId: string, state: SessionState, manager?: EntityManager): Promise<void> {
    await this.repository.updateSessionState(sessionId, state, manager);
  }

  /** The event with this slug, or `programme/event-not-found`. For other contexts that key data by event. */
  async requireEvent(slug: string): Promise<EventEntity> {
    const event = await this.repository.findEventBySlug(slug);
    if (!event) throw ProgrammeException.eventNotFound(slug);
    return event;
  }
}
