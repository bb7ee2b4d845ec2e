import { Injectable } from '@nestjs/common';
import type { SessionState } from '@plenary/contracts';
import { DataSource, type EntityManager } from 'typeorm';
import { EventEntity, SessionEntity, SpeakerEntity } from './entities';

/** Queries of the programme context; no rules here. */
@Injectable()
export class ProgrammeRepository {
  constructor(private readonly dataSource: DataSource) {}

  listEvents(): Promise<EventEntity[]> {
    return this.dataSource.getRepository(EventEntity).find({ order: { startDate: 'ASC', slug: 'ASC' } });
  }

  findEventById(id: string): Promise<EventEntity | null> {
    return this.dataSource.getRepository(EventEntity).findOneBy({ id });
  }

  findEventBySlug(slug: string): Promise<EventEntity | null> {
    return this.dataSource.getRepository(EventEntity).findOneBy({ slug });
  }

  listSessions(eventId: string): Promise<SessionEntity[]> {
    return this.dataSource.getRepository(SessionEntity).find({
      where: { eventId },
      relations: { speakers: { speaker: true } },
      order: { startsAt: 'ASC', title: 'ASC', speakers: { sortOrder: 'ASC' } },
    });
  }

  findSession(eventId: string, sessionId: string): Promise<SessionEntity | null> {
    return this.dataSource.getRepository(SessionEntity).findOne({
      where: { eventId, id: sessionId },
      relations: { speakers: { speaker: true } },
      order: { speakers: { sortOrder: 'ASC' } },
    });
  }

  async updateSessionState(
    sessionId: string,
    state: SessionState,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<void> {
    await manager.update(SessionEntity, { id: sessionId }, { state });
  }

  listSpeakers(eventId: string): Promise<SpeakerEntity[]> {
    return this.dataSource.getRepository(SpeakerEntity).find({
      where: { eventId },
      order: { sortOrder: 'ASC', name: 'ASC' },
    });
  }
}
