import { Injectable } from '@nestjs/common';
import { publishDomainEvent } from '@plenary/server-core';
import type { EntityManager } from 'typeorm';
import { EngagementRepository } from '../engagement.repository';

/**
 * A cancelled session's Q&A and polls close (issue #12; bound into the organising context's cancel by the api). In
 * the cancelling transaction: the session's engagement row is locked — the lock every Q&A and poll write takes
 * first, so none slips in between — its open polls are closed, and their changes take sequence numbers; from then
 * on every write is refused (`engagement/session-cancelled`, checked under the same lock). Live nodes send the
 * session's sockets `session:resync` on commit (`engagement.session-closed`), so they read the closed state.
 */
@Injectable()
export class EngagementSessionClosing {
  constructor(private readonly repository: EngagementRepository) {}

  async closeSession(manager: EntityManager, eventId: string, sessionId: string): Promise<undefined> {
    // Not a session of this event: nothing to close, and the programme's writer answers 404.
    if (!(await this.repository.sessionInEvent(manager, eventId, sessionId))) return undefined;
    await this.repository.lockSettings(manager, sessionId);
    const closed = await this.repository.closeOpenPolls(manager, sessionId);
    if (closed.length > 0) await this.repository.advanceSeq(manager, sessionId, closed.length);
    await publishDomainEvent(manager, { type: 'engagement.session-closed', eventId, sessionId });
    return undefined;
  }
}
