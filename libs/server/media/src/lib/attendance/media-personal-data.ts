import { Injectable, type OnModuleInit } from '@nestjs/common';
import { PersonalDataRegistry } from '@plenary/server-access';
import { DataSource } from 'typeorm';

/** The person's time in video rooms, raised hands and media bans in their data download. */
@Injectable()
export class MediaPersonalData implements OnModuleInit {
  constructor(
    private readonly registry: PersonalDataRegistry,
    private readonly dataSource: DataSource,
  ) {}

  onModuleInit(): void {
    this.registry.register('videoAttendance', (personId) =>
      this.dataSource.query(
        `SELECT session_id AS "sessionId", room, joined_at AS "joinedAt", left_at AS "leftAt"
           FROM media_presence WHERE person_id = $1 ORDER BY joined_at`,
        [personId],
      ),
    );
    this.registry.register('raisedHands', (personId) =>
      this.dataSource.query(
        `SELECT session_id AS "sessionId", status, raised_at AS "raisedAt"
           FROM media_hands WHERE person_id = $1 ORDER BY raised_at`,
        [personId],
      ),
    );
    this.registry.register('mediaBans', (personId) =>
      this.dataSource.query(
        `SELECT event_id AS "eventId", session_id AS "sessionId", reason, created_at AS "createdAt"
           FROM media_bans WHERE person_id = $1 ORDER BY created_at`,
        [personId],
      ),
    );
  }
}
