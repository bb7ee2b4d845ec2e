import { Injectable } from '@nestjs/common';
import type {
  EngagementSettings,
  PollKind,
  PollOption,
  PollResults,
  PollState,
  QaMode,
  QuestionSource,
  QuestionStatus,
  ResultVisibility,
} from '@plenary/contracts';
import { DataSource, type EntityManager } from 'typeorm';

export interface SettingsRecord extends EngagementSettings {
  sessionId: string;
  seq: number;
}

export interface QuestionRecord {
  id: string;
  sessionId: string;
  personId: string | null;
  text: string;
  anonymous: boolean;
  source: QuestionSource;
  status: QuestionStatus;
  highlighted: boolean;
  editedByModerator: boolean;
  createdAt: Date;
  /** The asker's current name (null for floor questions and erased people); views decide whether to show it. */
  askerName: string | null;
  votes: number;
}

export interface PollRecord {
  id: string;
  sessionId: string;
  question: string;
  kind: PollKind;
  options: PollOption[];
  state: PollState;
  visibility: ResultVisibility;
  allowChange: boolean;
  createdAt: Date;
}

export interface NewQuestion {
  id: string;
  sessionId: string;
  personId: string | null;
  enteredBy: string | null;
  text: string;
  anonymous: boolean;
  source: QuestionSource;
  status: QuestionStatus;
}

export interface NewPoll {
  id: string;
  sessionId: string;
  question: string;
  kind: PollKind;
  options: PollOption[];
  visibility: ResultVisibility;
  allowChange: boolean;
  createdBy: string;
}

interface SettingsRow {
  session_id: string;
  qa_mode: QaMode;
  anonymous_allowed: boolean;
  confidential: boolean;
  seq: string;
}

interface QuestionRow {
  id: string;
  session_id: string;
  person_id: string | null;
  text: string;
  anonymous: boolean;
  source: QuestionSource;
  status: QuestionStatus;
  highlighted: boolean;
  edited_by_moderator: boolean;
  created_at: Date;
  asker_name: string | null;
  votes: number;
}

interface PollRow {
  id: string;
  session_id: string;
  question: string;
  kind: PollKind;
  options: PollOption[];
  state: PollState;
  visibility: ResultVisibility;
  allow_change: boolean;
  created_at: Date;
}

const SETTINGS_COLUMNS = 'session_id, qa_mode, anonymous_allowed, seq';
/** Confidentiality belongs to the session itself (programme `sessions.confidential`): media refuses to record it. */
const CONFIDENTIAL = '(SELECT s.confidential FROM sessions s WHERE s.id = e.session_id) AS confidential';

const QUESTION_SELECT = `
  SELECT q.id, q.session_id, q.person_id, q.text, q.anonymous, q.source, q.status, q.highlighted,
         q.edited_by_moderator, q.created_at, p.name AS asker_name,
         (SELECT count(*)::int FROM question_votes v WHERE v.question_id = q.id) AS votes
    FROM questions q LEFT JOIN people p ON p.id = q.person_id`;

const POLL_COLUMNS = 'id, session_id, question, kind, options, state, visibility, allow_change, created_at';

const toSettings = (row: SettingsRow): SettingsRecord => ({
  sessionId: row.session_id,
  qaMode: row.qa_mode,
  anonymousAllowed: row.anonymous_allowed,
  confidential: row.confidential,
  seq: Number(row.seq),
});

const toQuestion = (row: QuestionRow): QuestionRecord => ({
  id: row.id,
  sessionId: row.session_id,
  personId: row.person_id,
  text: row.text,
  anonymous: row.anonymous,
  source: row.source,
  status: row.status,
  highlighted: row.highlighted,
  editedByModerator: row.edited_by_moderator,
  createdAt: new Date(row.created_at),
  askerName: row.asker_name,
  votes: row.votes,
});

const toPoll = (row: PollRow): PollRecord => ({
  id: row.id,
  sessionId: row.session_id,
  question: row.question,
  kind: row.kind,
  options: row.options,
  state: row.state,
  visibility: row.visibility,
  allowChange: row.allow_change,
  createdAt: new Date(row.created_at),
});

/** Queries of the engagement context; no rules here. Counts are always aggregates of rows. */
@Injectable()
export class EngagementRepository {
  constructor(private readonly dataSource: DataSource) {}

  get manager(): EntityManager {
    return this.dataSource.manager;
  }

  transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }

  /** A consistent read of several queries (the snapshot). */
  readConsistently<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction('REPEATABLE READ', work);
  }

  // Settings and the sequence number ------------------------------------------------------------------------------

  async ensureSettings(sessionId: string): Promise<void> {
    await this.dataSource.query(
      'INSERT INTO session_engagement (session_id) VALUES ($1) ON CONFLICT (session_id) DO NOTHING',
      [sessionId],
    );
  }

  async settings(manager: EntityManager, sessionId: string): Promise<SettingsRecord | null> {
    const rows = await manager.query<SettingsRow[]>(
      `SELECT ${SETTINGS_COLUMNS}, ${CONFIDENTIAL} FROM session_engagement e WHERE session_id = $1`,
      [sessionId],
    );
    return rows[0] ? toSettings(rows[0]) : null;
  }

  /** Creates the row when missing and locks it: every change of a session is serialised behind this lock. */
  async lockSettings(manager: EntityManager, sessionId: string): Promise<SettingsRecord> {
    const rows = await manager.query<SettingsRow[]>(
      `WITH e AS (
         INSERT INTO session_engagement (session_id) VALUES ($1)
         ON CONFLICT (session_id) DO UPDATE SET seq = session_engagement.seq
         RETURNING ${SETTINGS_COLUMNS})
       SELECT e.*, ${CONFIDENTIAL} FROM e`,
      [sessionId],
    );
    return toSettings(rows[0] as SettingsRow);
  }

  /** Whether the session exists and belongs to the event. */
  async sessionInEvent(manager: EntityManager, eventId: string, sessionId: string): Promise<boolean> {
    const rows = await manager.query<unknown[]>('SELECT 1 FROM sessions WHERE id = $1 AND event_id = $2', [
      sessionId,
      eventId,
    ]);
    return rows.length > 0;
  }

  /** Whether the session was cancelled (its Q&A and polls are closed). */
  async isCancelled(manager: EntityManager, sessionId: string): Promise<boolean> {
    const rows = await manager.query<Array<{ cancelled: boolean }>>(
      'SELECT cancelled FROM sessions WHERE id = $1',
      [sessionId],
    );
    return rows[0]?.cancelled === true;
  }

  /** Closes the session's open polls (a cancelled session); answers their ids. */
  async closeOpenPolls(manager: EntityManager, sessionId: string): Promise<string[]> {
    const [rows] = await manager.query<[Array<{ id: string }>, number]>(
      `UPDATE polls SET state = 'closed', closed_at = now() WHERE session_id = $1 AND state = 'open' RETURNING id`,
      [sessionId],
    );
    return rows.map((row) => row.id);
  }

  /** Advances the sequence number by `count` (row locked by `lockSettings`); returns the new value. */
  async advanceSeq(manager: EntityManager, sessionId: string, count: number): Promise<number> {
    // UPDATE … RETURNING answers [rows, affected] through TypeORM.
    const [rows] = await manager.query<[Array<{ seq: string }>, number]>(
      'UPDATE session_engagement SET seq = seq + $2, updated_at = now() WHERE session_id = $1 RETURNING seq',
      [sessionId, count],
    );
    const seq = Number(rows[0]?.seq);
    if (!Number.isInteger(seq)) throw new Error(`no engagement row for session ${sessionId}`);
    return seq;
  }

  async updateSettings(
    manager: EntityManager,
    sessionId: string,
    settings: EngagementSettings,
  ): Promise<void> {
    await manager.query(
      `UPDATE session_engagement SET qa_mode = $2, anonymous_allowed = $3, updated_at = now() WHERE session_id = $1`,
      [sessionId, settings.qaMode, settings.anonymousAllowed],
    );
  }

  /** Current sequence numbers of several sessions. */
  async seqs(sessionIds: string[]): Promise<Map<string, number>> {
    const rows = await this.dataSource.query<Array<{ session_id: string; seq: string }>>(
      'SELECT session_id, seq FROM session_engagement WHERE session_id = ANY($1::uuid[])',
      [sessionIds],
    );
    return new Map(rows.map((row) => [row.session_id, Number(row.seq)]));
  }

  // Questions -------------------------------------------------------------------------------------------------------

  /** Inserts unless the id exists; true when inserted. */
  async insertQuestion(manager: EntityManager, question: NewQuestion): Promise<boolean> {
    const rows = await manager.query<unknown[]>(
      `INSERT INTO questions (id, session_id, person_id, entered_by, text, anonymous, source, status)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (id) DO NOTHING RETURNING id`,
      [
        question.id,
        question.sessionId,
        question.personId,
        question.enteredBy,
        question.text,
        question.anonymous,
        question.source,
        question.status,
      ],
    );
    return rows.length === 1;
  }

  async question(manager: EntityManager, id: string, lock = false): Promise<QuestionRecord | null> {
    if (lock) await manager.query('SELECT 1 FROM questions WHERE id = $1 FOR UPDATE', [id]);
    const rows = await manager.query<QuestionRow[]>(`${QUESTION_SELECT} WHERE q.id = $1`, [id]);
    return rows[0] ? toQuestion(rows[0]) : null;
  }

  async questions(manager: EntityManager, ids: string[]): Promise<QuestionRecord[]> {
    if (ids.length === 0) return [];
    const rows = await manager.query<QuestionRow[]>(`${QUESTION_SELECT} WHERE q.id = ANY($1::uuid[])`, [ids]);
    return rows.map(toQuestion);
  }

  /** The session a question belongs to (immutable, so callers may cache it). */
  async sessionOfQuestion(id: string): Promise<string | null> {
    const rows = await this.dataSource.query<Array<{ session_id: string }>>(
      'SELECT session_id FROM questions WHERE id = $1',
      [id],
    );
    return rows[0]?.session_id ?? null;
  }

  /** Questions a viewer may see: all but withdrawn ones for moderators; public ones and their own for others. */
  async listQuestions(
    manager: EntityManager,
    sessionId: string,
    viewer: { personId: string; moderator: boolean },
  ): Promise<QuestionRecord[]> {
    const rows = await manager.query<QuestionRow[]>(
      `${QUESTION_SELECT}
        WHERE q.session_id = $1 AND q.status <> 'withdrawn'
          AND ($2 OR q.status IN ('approved', 'answered') OR q.person_id = $3)
        ORDER BY q.created_at, q.id`,
      [sessionId, viewer.moderator, viewer.personId],
    );
    return rows.map(toQuestion);
  }

  /** Every question of a session except withdrawn ones (exports). */
  async allQuestions(sessionId: string): Promise<QuestionRecord[]> {
    const rows = await this.dataSource.query<QuestionRow[]>(
      `${QUESTION_SELECT} WHERE q.session_id = $1 AND q.status <> 'withdrawn' ORDER BY q.created_at, q.id`,
      [sessionId],
    );
    return rows.map(toQuestion);
  }

  async setQuestion(
    manager: EntityManager,
    id: string,
    patch: Partial<Pick<QuestionRecord, 'status' | 'highlighted' | 'text' | 'editedByModerator'>>,
  ): Promise<void> {
    const sets: string[] = [];
    const values: unknown[] = [id];
    const add = (column: string, value: unknown): void => {
      values.push(value);
      sets.push(`${column} = $${values.length}`);
    };
    if (patch.status !== undefined) add('status', patch.status);
    if (patch.highlighted !== undefined) add('highlighted', patch.highlighted);
    if (patch.text !== undefined) add('text', patch.text);
    if (patch.editedByModerator !== undefined) add('edited_by_moderator', patch.editedByModerator);
    if (sets.length === 0) return;
    await manager.query(`UPDATE questions SET ${sets.join(', ')}, updated_at = now() WHERE id = $1`, values);
  }

  /** Clears the session's highlight (except on `keep`); returns the ids that lost it. */
  async clearHighlight(manager: EntityManager, sessionId: string, keep: string): Promise<string[]> {
    const [rows] = await manager.query<[Array<{ id: string }>, number]>(
      `UPDATE questions SET highlighted = false, updated_at = now()
        WHERE session_id = $1 AND highlighted AND id <> $2 RETURNING id`,
      [sessionId, keep],
    );
    return rows.map((row) => row.id);
  }

  /** Adds an upvote when the question is approved and not the voter's own; true when a row was written. */
  async addUpvote(questionId: string, personId: string): Promise<boolean> {
    const rows = await this.dataSource.query<unknown[]>(
      `INSERT INTO question_votes (question_id, person_id)
       SELECT id, $2 FROM questions
        WHERE id = $1 AND status = 'approved' AND person_id IS DISTINCT FROM $2
       ON CONFLICT (question_id, person_id) DO NOTHING RETURNING question_id`,
      [questionId, personId],
    );
    return rows.length === 1;
  }

  async removeUpvote(questionId: string, personId: string): Promise<boolean> {
    const result = await this.dataSource.query<[unknown[], number]>(
      'DELETE FROM question_votes WHERE question_id = $1 AND person_id = $2',
      [questionId, personId],
    );
    return result[1] > 0;
  }

  async hasUpvote(questionId: string, personId: string): Promise<boolean> {
    const rows = await this.dataSource.query<unknown[]>(
      'SELECT 1 FROM question_votes WHERE question_id = $1 AND person_id = $2',
      [questionId, personId],
    );
    return rows.length === 1;
  }

  async myUpvotes(manager: EntityManager, sessionId: string, personId: string): Promise<string[]> {
    const rows = await manager.query<Array<{ question_id: string }>>(
      `SELECT v.question_id FROM question_votes v JOIN questions q ON q.id = v.question_id
        WHERE v.person_id = $2 AND q.session_id = $1 ORDER BY v.question_id`,
      [sessionId, personId],
    );
    return rows.map((row) => row.question_id);
  }

  /** Vote counts and statuses of some questions, with their sessions. */
  async voteCounts(
    ids: string[],
  ): Promise<Array<{ id: string; sessionId: string; status: QuestionStatus; votes: number }>> {
    const rows = await this.dataSource.query<
      Array<{ id: string; session_id: string; status: QuestionStatus; votes: number }>
    >(
      `SELECT q.id, q.session_id, q.status, count(v.person_id)::int AS votes
         FROM questions q LEFT JOIN question_votes v ON v.question_id = q.id
        WHERE q.id = ANY($1::uuid[]) GROUP BY q.id`,
      [ids],
    );
    return rows.map((row) => ({
      id: row.id,
      sessionId: row.session_id,
      status: row.status,
      votes: row.votes,
    }));
  }

  // Polls -----------------------------------------------------------------------------------------------------------

  async insertPoll(manager: EntityManager, poll: NewPoll): Promise<boolean> {
    const rows = await manager.query<unknown[]>(
      `INSERT INTO polls (id, session_id, question, kind, options, visibility, allow_change, created_by)
       VALUES ($1, $2, $3, $4, $5::jsonb, $6, $7, $8) ON CONFLICT (id) DO NOTHING RETURNING id`,
      [
        poll.id,
        poll.sessionId,
        poll.question,
        poll.kind,
        JSON.stringify(poll.options),
        poll.visibility,
        poll.allowChange,
        poll.createdBy,
      ],
    );
    return rows.length === 1;
  }

  async poll(manager: EntityManager, id: string, lock = false): Promise<PollRecord | null> {
    const rows = await manager.query<PollRow[]>(
      `SELECT ${POLL_COLUMNS} FROM polls WHERE id = $1${lock ? ' FOR UPDATE' : ''}`,
      [id],
    );
    return rows[0] ? toPoll(rows[0]) : null;
  }

  async polls(manager: EntityManager, ids: string[]): Promise<PollRecord[]> {
    if (ids.length === 0) return [];
    const rows = await manager.query<PollRow[]>(
      `SELECT ${POLL_COLUMNS} FROM polls WHERE id = ANY($1::uuid[])`,
      [ids],
    );
    return rows.map(toPoll);
  }

  async listPolls(manager: EntityManager, sessionId: string, includeDrafts: boolean): Promise<PollRecord[]> {
    const rows = await manager.query<PollRow[]>(
      `SELECT ${POLL_COLUMNS} FROM polls WHERE session_id = $1 AND ($2 OR state <> 'draft')
        ORDER BY created_at, id`,
      [sessionId, includeDrafts],
    );
    return rows.map(toPoll);
  }

  async setPollState(manager: EntityManager, id: string, state: PollState): Promise<void> {
    const stamp = state === 'open' ? 'opened_at' : 'closed_at';
    await manager.query(`UPDATE polls SET state = $2, ${stamp} = now() WHERE id = $1`, [id, state]);
  }

  /** Tallies of some polls: ballots per option and voters, counted from the rows. */
  async tallies(manager: EntityManager, pollIds: string[]): Promise<Map<string, PollResults>> {
    const results = new Map<string, PollResults>(pollIds.map((id) => [id, { counts: {}, voters: 0 }]));
    if (pollIds.length === 0) return results;
    // One statement, so one snapshot: counts and voters always agree. (Two statements read committed ballots at two
    // moments when `manager` is not in a repeatable-read transaction — the ticker's is not — and a tally could say
    // 10 voters beside the counts of 3.) The row with a null option is the poll's number of voters.
    const rows = await manager.query<Array<{ poll_id: string; option_id: string | null; n: number }>>(
      `WITH ballots AS (SELECT poll_id, option_ids FROM poll_ballots WHERE poll_id = ANY($1::uuid[]))
       SELECT poll_id, NULL::text AS option_id, count(*)::int AS n FROM ballots GROUP BY poll_id
       UNION ALL
       SELECT b.poll_id, o.option_id, count(*)::int AS n
         FROM ballots b CROSS JOIN LATERAL unnest(b.option_ids) AS o(option_id) GROUP BY b.poll_id, o.option_id`,
      [pollIds],
    );
    const options = rows.filter((row): row is typeof row & { option_id: string } => row.option_id !== null);
    const voters = rows.filter((row) => row.option_id === null);
    for (const row of options) {
      const result = results.get(row.poll_id);
      if (result) result.counts[row.option_id] = row.n;
    }
    for (const row of voters) {
      const result = results.get(row.poll_id);
      if (result) result.voters = row.n;
    }
    return results;
  }

  async myBallots(
    manager: EntityManager,
    sessionId: string,
    personId: string,
  ): Promise<Map<string, string[]>> {
    const rows = await manager.query<Array<{ poll_id: string; option_ids: string[] }>>(
      `SELECT b.poll_id, b.option_ids FROM poll_ballots b JOIN polls p ON p.id = b.poll_id
        WHERE p.session_id = $1 AND b.person_id = $2`,
      [sessionId, personId],
    );
    return new Map(rows.map((row) => [row.poll_id, row.option_ids]));
  }
}
