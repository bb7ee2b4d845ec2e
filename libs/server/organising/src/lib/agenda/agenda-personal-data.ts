import { Injectable, type OnModuleInit } from '@nestjs/common';
import { PersonalDataRegistry } from '@plenary/server-access';
import { DataSource } from 'typeorm';

/** The person's starred sessions and calendar feeds (when made; never the secret) in their data download. */
@Injectable()
export class AgendaPersonalData implements OnModuleInit {
  constructor(
    private readonly registry: PersonalDataRegistry,
    private readonly dataSource: DataSource,
  ) {}

  onModuleInit(): void {
    this.registry.register('agendaStars', (personId) =>
      this.dataSource.query(
        `SELECT st.event_id AS "eventId", st.session_id AS "sessionId", s.title, st.created_at AS "createdAt"
           FROM session_stars st JOIN sessions s ON s.id = st.session_id
          WHERE st.person_id = $1 ORDER BY st.created_at`,
        [personId],
      ),
    );
    this.registry.register('agendaFeeds', (personId) =>
      this.dataSource.query(
        `SELECT event_id AS "eventId", created_at AS "createdAt" FROM agenda_feeds
          WHERE person_id = $1 ORDER BY created_at`,
        [personId],
      ),
    );
  }
}
