import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { AuditEntryEntity } from '../entities';

export interface AuditRecord {
  eventId: string | null;
  actorId: string | null;
  action: string;
  targetId?: string | null;
  details?: Record<string, unknown>;
}

/** Writes the audit trail inside the transaction of the action it records. */
@Injectable()
export class AuditService {
  async record(manager: EntityManager, record: AuditRecord): Promise<void> {
    await manager.insert(AuditEntryEntity, {
      id: randomUUID(),
      eventId: record.eventId,
      actorId: record.actorId,
      action: record.action,
      targetId: record.targetId ?? null,
      details: (record.details ?? {}) as AuditEntryEntity['details'] & object,
    });
  }
}
