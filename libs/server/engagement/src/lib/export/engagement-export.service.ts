import { Injectable } from '@nestjs/common';
import type { EngagementExport } from '@plenary/contracts';
import { ProgrammeException } from '@plenary/server-programme';
import { stringify } from 'csv-stringify/sync';
import { EngagementRepository } from '../engagement.repository';
import { toPollView, toQuestionView } from '../views';

/** Cells starting with these characters would run as formulas in a spreadsheet: they get a leading quote. */
const FORMULA_START = /^[=+\-@\t\r]/;
const safeCell = (value: string | number | boolean | null): string => {
  const text = value === null ? '' : String(value);
  return FORMULA_START.test(text) ? `'${text}` : text;
};

const CSV_COLUMNS = [
  'type',
  'id',
  'createdAt',
  'source',
  'status',
  'highlighted',
  'asker',
  'text',
  'option',
  'votes',
  'voters',
] as const;

/**
 * Exports a session's questions and poll results for moderators and organisers. Askers' names follow the same rule
 * as on screen: never for anonymous questions, never at all for a confidential session.
 */
@Injectable()
export class EngagementExportService {
  constructor(private readonly repository: EngagementRepository) {}

  async export(eventId: string, sessionId: string): Promise<EngagementExport> {
    const manager = this.repository.manager;
    const found = await manager.query<unknown[]>('SELECT 1 FROM sessions WHERE id = $1 AND event_id = $2', [
      sessionId,
      eventId,
    ]);
    if (found.length === 0) throw ProgrammeException.sessionNotFound();
    await this.repository.ensureSettings(sessionId);
    const settings = await this.repository.settings(manager, sessionId);
    if (!settings) throw ProgrammeException.sessionNotFound();
    const questions = await this.repository.allQuestions(sessionId);
    const polls = await this.repository.listPolls(manager, sessionId, true);
    const tallies = await this.repository.tallies(
      manager,
      polls.map((poll) => poll.id),
    );
    return {
      sessionId,
      exportedAt: new Date().toISOString(),
      confidential: settings.confidential,
      questions: questions.map((record) => {
        const { mine: _mine, sessionId: _sessionId, ...view } = toQuestionView(record, settings, false);
        return view;
      }),
      polls: polls.map((poll) => {
        const results = tallies.get(poll.id) ?? { counts: {}, voters: 0 };
        const { myVote: _myVote, sessionId: _sessionId, ...view } = toPollView(poll, results, null);
        return { ...view, results };
      }),
    };
  }

  /** One table: a row per question, then a row per poll option with its count. */
  toCsv(data: EngagementExport): string {
    const rows: Array<Array<string | number | boolean | null>> = [];
    for (const question of data.questions) {
      rows.push([
        'question',
        question.id,
        question.createdAt,
        question.source,
        question.status,
        question.highlighted,
        question.askerName,
        question.text,
        null,
        question.votes,
        null,
      ]);
    }
    for (const poll of data.polls) {
      for (const option of poll.options) {
        rows.push([
          'poll',
          poll.id,
          null,
          poll.kind,
          poll.state,
          null,
          null,
          poll.question,
          option.label,
          poll.results.counts[option.id] ?? 0,
          poll.results.voters,
        ]);
      }
    }
    return stringify(
      rows.map((row) => row.map(safeCell)),
      { header: true, columns: [...CSV_COLUMNS], bom: true },
    );
  }
}
