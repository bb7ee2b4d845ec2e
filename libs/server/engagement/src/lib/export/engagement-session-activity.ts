import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';

/**
 * Whether a session has engagement data: questions, polls, or people who had its page open. Such a session is
 * cancelled rather than deleted (the organising context asks before deleting).
 */
@Injectable()
export class EngagementSessionActivity {
  async hasActivity(manager: EntityManager, sessionId: string): Promise<boolean> {
    const rows = await manager.query<unknown[]>(
      `SELECT 1 FROM questions WHERE session_id = $1
       UNION ALL SELECT 1 FROM polls WHERE session_id = $1
       UNION ALL SELECT 1 FROM online_presence WHERE session_id = $1
       LIMIT 1`,
      [sessionId],
    );
    return rows.length > 0;
  }
}
