import { Injectable } from '@nestjs/common';
import type { SessionState } from '@plenary/contracts';
import { DataSource, type EntityManager } from 'typeorm';
import {
  EventBlockEntity,
  EventEntity,
  EventPartnerEntity,
  RoomEntity,
  SessionEntity,
  SpeakerEntity,
} from './entities';

/** Queries of the programme context; no rules here. */
@Injectable()
export class ProgrammeRepository {
  constructor(private readonly dataSource: DataSource) {}

  listEvents(): Promise<EventEntity[]> {
    return this.dataSource.getRepository(EventEntity).find({ order: { startDate: 'ASC', slug: 'ASC' } });
  }

  findEventBySlug(slug: string): Promise<EventEntity | null> {
    return this.dataSource.getRepository(EventEntity).findOneBy({ slug });
  }

  listSessions(eventId: string): Promise<SessionEntity[]> {
    return this.dataSource.getRepository(SessionEntity).find({
      where: { eventId },
      relations: { room: true, speakers: { speaker: true } },
      order: { startsAt: 'ASC', title: 'ASC', speakers: { sortOrder: 'ASC' } },
    });
  }

  findSession(eventId: string, sessionId: string): Promise<SessionEntity | null> {
    return this.dataSource.getRepository(SessionEntity).findOne({
      where: { eventId, id: sessionId },
      relations: { room: true, speakers: { speaker: true } },
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

  listRooms(eventId: string): Promise<RoomEntity[]> {
    return this.dataSource.getRepository(RoomEntity).find({
      where: { eventId },
      order: { sortOrder: 'ASC', name: 'ASC' },
    });
  }

  listPartners(eventId: string): Promise<EventPartnerEntity[]> {
    return this.dataSource
      .getRepository(EventPartnerEntity)
      .find({ where: { eventId }, order: { sortOrder: 'ASC' } });
  }

  listBlocks(eventId: string): Promise<EventBlockEntity[]> {
    return this.dataSource
      .getRepository(EventBlockEntity)
      .find({ where: { eventId }, order: { sortOrder: 'ASC' } });
  }

  listSpeakers(eventId: string): Promise<SpeakerEntity[]> {
    return this.dataSource.getRepository(SpeakerEntity).find({
      where: { eventId },
      order: { sortOrder: 'ASC', name: 'ASC' },
    });
  }
}
