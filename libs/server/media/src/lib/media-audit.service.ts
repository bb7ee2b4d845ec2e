import { Injectable } from '@nestjs/common';
import { AuditEntryEntity } from '@plenary/server-access';
import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';

export interface MediaAuditRecord {
  eventId: string;
  actorId: string;
  /** `media.<verb>`, e.g. `media.ban`. */
  action: string;
  targetId?: string | null;
  details?: Record<string, unknown>;
}

/**
 * Writes moderator actions to the shared `audit_log`, inside the transaction of the action (the access context's
 * AuditService pattern; that service is not exported).
 */
@Injectable()
export class MediaAuditService {
  async record(manager: EntityManager, record: MediaAuditRecord): Promise<void> {
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
