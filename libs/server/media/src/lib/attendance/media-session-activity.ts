import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';

/**
 * Whether a session has video data: attendance in its rooms or hands raised. Such a session is cancelled rather
 * than deleted (the organising context asks before deleting).
 */
@Injectable()
export class MediaSessionActivity {
  async hasActivity(manager: EntityManager, sessionId: string): Promise<boolean> {
    const rows = await manager.query<unknown[]>(
      `SELECT 1 FROM media_presence WHERE session_id = $1
       UNION ALL SELECT 1 FROM media_hands WHERE session_id = $1
       LIMIT 1`,
      [sessionId],
    );
    return rows.length > 0;
  }
}
