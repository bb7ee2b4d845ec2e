import { Injectable } from '@nestjs/common';
import type { EventDetail, EventList, Session } from '@plenary/contracts';
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
    const [sessions, speakers] = await Promise.all([
      this.repository.listSessions(event.id),
      this.repository.listSpeakers(event.id),
    ]);
    return toEventDetail(event, sessions, speakers);
  }

  async getSession(slug: string, sessionId: string): Promise<Session> {
    const event = await this.requireEvent(slug);
    const session = await this.repository.findSession(event.id, sessionId);
    if (!session) throw ProgrammeException.sessionNotFound();
    return toSession(session, event);
  }

  /** The event with this slug, or `programme/event-not-found`. For other contexts that key data by event. */
  async requireEvent(slug: string): Promise<EventEntity> {
    const event = await this.repository.findEventBySlug(slug);
    if (!event) throw ProgrammeException.eventNotFound(slug);
    return event;
  }
}
