import { Injectable } from '@nestjs/common';
import type {
  questionAskSchema,
  questionEditSchema,
  questionFloorSchema,
  questionModerateSchema,
  questionRefSchema,
  questionUpvoteSchema,
  QuestionView,
  UpvoteResult,
} from '@plenary/contracts';
import { AuditService, type Principal } from '@plenary/server-access';
import type { EntityManager } from 'typeorm';
import type { z } from 'zod';
import { EngagementAccessService, type SessionAccess } from './engagement-access.service';
import { EngagementException } from './engagement.exception';
import { EngagementRepository, type NewQuestion, type QuestionRecord } from './engagement.repository';
import { planModeration } from './moderation';
import { EngagementTicker } from './realtime/engagement.ticker';
import { SessionChanges, type Change, type ChangeOutcome } from './session-changes';
import { isPublicQuestion, toQuestionView } from './views';

type Ask = z.output<typeof questionAskSchema>;
type Floor = z.output<typeof questionFloorSchema>;
type Edit = z.output<typeof questionEditSchema>;
type Ref = z.output<typeof questionRefSchema>;
type Upvote = z.output<typeof questionUpvoteSchema>;
type Moderate = z.output<typeof questionModerateSchema>;

const MAX_CACHED = 100_000;

/** Q&A rules: asking, editing, withdrawing, upvoting and moderating questions. */
@Injectable()
export class QuestionsService {
  /** Question id → session id (never changes), so upvotes skip a lookup. */
  private readonly sessions = new Map<string, string>();

  constructor(
    private readonly access: EngagementAccessService,
    private readonly repository: EngagementRepository,
    private readonly changes: SessionChanges,
    private readonly ticker: EngagementTicker,
    private readonly audit: AuditService,
  ) {}

  /** Asks a question; in a pre-moderated session it waits for a moderator. Retrying with the same id is harmless. */
  async ask(principal: Principal, input: Ask): Promise<QuestionView> {
    const access = await this.access.resolve(principal, input.sessionId);
    return this.create(principal, input.sessionId, {
      id: input.clientId,
      sessionId: input.sessionId,
      personId: principal.personId,
      enteredBy: null,
      text: input.text,
      anonymous: input.anonymous,
      source: input.source,
      status: access.canModerate ? 'approved' : 'pending',
    });
  }

  /** A moderator enters a question asked at the microphone or handed in in the room; it is approved at once. */
  async enterFloor(principal: Principal, input: Floor): Promise<QuestionView> {
    await this.access.requireModerator(principal, input.sessionId);
    return this.create(principal, input.sessionId, {
      id: input.clientId,
      sessionId: input.sessionId,
      personId: null,
      enteredBy: principal.personId,
      text: input.text,
      anonymous: false,
      source: input.source,
      status: 'approved',
    });
  }

  /** The asker edits their question while it is pending; moderators edit any question (audited). */
  async edit(principal: Principal, input: Edit): Promise<QuestionView> {
    const sessionId = await this.sessionOf(input.questionId);
    const access = await this.access.resolve(principal, sessionId);
    const outcome = await this.changes.run(sessionId, async (manager) => {
      const question = await this.lockVisible(manager, input.questionId, principal, access);
      const own = question.personId === principal.personId;
      if (!access.canModerate) {
        if (!own)
          throw new EngagementException('engagement/not-author', 'Only the asker can edit a question.');
        if (question.status !== 'pending')
          throw new EngagementException(
            'engagement/not-pending',
            'A question can be edited only while pending.',
          );
      } else if (question.status === 'withdrawn') {
        throw EngagementException.invalidTransition(question.status, 'edit');
      }
      if (question.text === input.text) return { result: question, changes: [] };
      const byModerator = access.canModerate && !own;
      await this.repository.setQuestion(manager, question.id, {
        text: input.text,
        editedByModerator: question.editedByModerator || byModerator,
      });
      if (byModerator) {
        await this.audit.record(manager, {
          eventId: access.eventId,
          actorId: principal.personId,
          action: 'question.edited',
          targetId: question.personId,
          details: { sessionId, questionId: question.id, before: question.text, after: input.text },
        });
      }
      return { result: question, changes: [{ type: 'question', id: question.id }] };
    });
    return this.viewAfter(outcome, principal);
  }

  /** The asker takes back their question while it is pending. */
  async withdraw(principal: Principal, input: Ref): Promise<QuestionView> {
    const sessionId = await this.sessionOf(input.questionId);
    const access = await this.access.resolve(principal, sessionId);
    const outcome = await this.changes.run(sessionId, async (manager) => {
      const question = await this.lockVisible(manager, input.questionId, principal, access);
      if (question.personId !== principal.personId)
        throw new EngagementException('engagement/not-author', 'Only the asker can withdraw a question.');
      if (question.status === 'withdrawn') return { result: question, changes: [] };
      if (question.status !== 'pending')
        throw new EngagementException(
          'engagement/not-pending',
          'A question can be withdrawn only while pending.',
        );
      await this.repository.setQuestion(manager, question.id, { status: 'withdrawn', highlighted: false });
      return { result: question, changes: [{ type: 'question', id: question.id }] };
    });
    return this.viewAfter(outcome, principal);
  }

  /**
   * Adds or removes the person's upvote (one per person, by primary key; never on their own question). Counts go out
   * on the next tick.
   */
  async upvote(principal: Principal, input: Upvote): Promise<UpvoteResult> {
    const sessionId = await this.sessionOf(input.questionId);
    const access = await this.access.resolve(principal, sessionId);
    if (input.up) {
      const added = await this.repository.addUpvote(input.questionId, principal.personId);
      if (added) this.ticker.questionVotesChanged(input.questionId);
      else if (!(await this.repository.hasUpvote(input.questionId, principal.personId))) {
        const question = await this.repository.question(this.repository.manager, input.questionId);
        if (!question || !this.mayView(question, principal, access))
          throw EngagementException.questionNotFound();
        if (question.personId === principal.personId) throw EngagementException.ownQuestion();
        throw EngagementException.invalidTransition(question.status, 'upvote');
      }
    } else if (await this.repository.removeUpvote(input.questionId, principal.personId)) {
      this.ticker.questionVotesChanged(input.questionId);
    }
    return { questionId: input.questionId, up: input.up };
  }

  /** Moderator actions: approve, reject, highlight (one at a time per session), unhighlight, answer, archive. */
  async moderate(principal: Principal, input: Moderate): Promise<QuestionView> {
    const sessionId = await this.sessionOf(input.questionId);
    await this.access.requireModerator(principal, sessionId);
    const outcome = await this.changes.run(sessionId, async (manager) => {
      const question = await this.repository.question(manager, input.questionId, true);
      if (!question || question.sessionId !== sessionId) throw EngagementException.questionNotFound();
      const next = planModeration(question, input.action);
      if (!next) return { result: question, changes: [] };
      const changes: Change[] = [];
      if (next.highlighted && !question.highlighted) {
        const cleared = await this.repository.clearHighlight(manager, sessionId, question.id);
        changes.push(...cleared.map((id): Change => ({ type: 'question', id })));
      }
      await this.repository.setQuestion(manager, question.id, next);
      changes.push({ type: 'question', id: question.id });
      return { result: question, changes };
    });
    return this.viewAfter(outcome, principal);
  }

  private async create(
    principal: Principal,
    sessionId: string,
    question: NewQuestion,
  ): Promise<QuestionView> {
    const existing = await this.repository.question(this.repository.manager, question.id);
    if (existing) return this.retried(existing, question, principal);
    const { result, settings, published } = await this.changes.run(sessionId, async (manager, settings) => {
      if (question.anonymous && !settings.anonymousAllowed) {
        throw new EngagementException(
          'engagement/anonymous-not-allowed',
          'This session does not take anonymous questions.',
        );
      }
      const status =
        question.status === 'pending' && settings.qaMode === 'open' ? 'approved' : question.status;
      const inserted = await this.repository.insertQuestion(manager, { ...question, status });
      return { result: inserted, changes: inserted ? [{ type: 'question', id: question.id }] : [] };
    });
    if (!result) {
      // A concurrent retry inserted it first.
      const stored = await this.repository.question(this.repository.manager, question.id);
      if (!stored) throw EngagementException.questionNotFound();
      return this.retried(stored, question, principal);
    }
    this.remember(question.id, sessionId);
    const record = published.find((change) => change.type === 'question');
    if (record?.type !== 'question') throw new Error('the new question was not published');
    return toQuestionView(record.question, settings, question.personId === principal.personId);
  }

  /** Answers a retried create with what is stored, or refuses an id that names something else. */
  private async retried(
    existing: QuestionRecord,
    attempt: NewQuestion,
    principal: Principal,
  ): Promise<QuestionView> {
    if (existing.sessionId !== attempt.sessionId || existing.personId !== attempt.personId)
      throw EngagementException.idConflict();
    const settings = await this.repository.settings(this.repository.manager, existing.sessionId);
    if (!settings) throw EngagementException.questionNotFound();
    return toQuestionView(existing, settings, existing.personId === principal.personId);
  }

  /** Locks a question the person may see (others' pending questions do not exist for them). */
  private async lockVisible(
    manager: EntityManager,
    id: string,
    principal: Principal,
    access: SessionAccess,
  ): Promise<QuestionRecord> {
    const question = await this.repository.question(manager, id, true);
    if (!question || question.sessionId !== access.sessionId || !this.mayView(question, principal, access))
      throw EngagementException.questionNotFound();
    return question;
  }

  private mayView(question: QuestionRecord, principal: Principal, access: SessionAccess): boolean {
    return (
      access.canModerate || isPublicQuestion(question.status) || question.personId === principal.personId
    );
  }

  /** The caller's view after a change: the published record when something changed, else what was locked. */
  private viewAfter(outcome: ChangeOutcome<QuestionRecord>, principal: Principal): QuestionView {
    let record = outcome.result;
    for (const change of outcome.published)
      if (change.type === 'question' && change.question.id === record.id) record = change.question;
    return toQuestionView(record, outcome.settings, record.personId === principal.personId);
  }

  private async sessionOf(questionId: string): Promise<string> {
    const known = this.sessions.get(questionId);
    if (known) return known;
    const sessionId = await this.repository.sessionOfQuestion(questionId);
    if (!sessionId) throw EngagementException.questionNotFound();
    this.remember(questionId, sessionId);
    return sessionId;
  }

  private remember(questionId: string, sessionId: string): void {
    if (this.sessions.size >= MAX_CACHED) this.sessions.clear();
    this.sessions.set(questionId, sessionId);
  }
}
