import { Injectable, type OnModuleInit } from '@nestjs/common';
import { PersonalDataRegistry } from '@plenary/server-access';
import { DataSource } from 'typeorm';

/** The person's questions, upvotes, poll ballots and time on session pages in their data download. */
@Injectable()
export class EngagementPersonalData implements OnModuleInit {
  constructor(
    private readonly registry: PersonalDataRegistry,
    private readonly dataSource: DataSource,
  ) {}

  onModuleInit(): void {
    this.registry.register('questions', (personId) =>
      this.dataSource.query(
        `SELECT q.id, q.session_id AS "sessionId", s.title AS "sessionTitle", q.text, q.anonymous, q.source, q.status,
                q.created_at AS "createdAt"
           FROM questions q JOIN sessions s ON s.id = q.session_id
          WHERE q.person_id = $1 ORDER BY q.created_at`,
        [personId],
      ),
    );
    this.registry.register('questionUpvotes', (personId) =>
      this.dataSource.query(
        `SELECT question_id AS "questionId", created_at AS "createdAt"
           FROM question_votes WHERE person_id = $1 ORDER BY created_at`,
        [personId],
      ),
    );
    this.registry.register('sessionPages', (personId) =>
      this.dataSource.query(
        `SELECT session_id AS "sessionId", joined_at AS "joinedAt", left_at AS "leftAt"
           FROM online_presence WHERE person_id = $1 ORDER BY joined_at`,
        [personId],
      ),
    );
    this.registry.register('pollBallots', (personId) =>
      this.dataSource.query(
        `SELECT b.poll_id AS "pollId", p.question, b.option_ids AS "optionIds", b.created_at AS "createdAt",
                b.updated_at AS "updatedAt"
           FROM poll_ballots b JOIN polls p ON p.id = b.poll_id
          WHERE b.person_id = $1 ORDER BY b.created_at`,
        [personId],
      ),
    );
  }
}
