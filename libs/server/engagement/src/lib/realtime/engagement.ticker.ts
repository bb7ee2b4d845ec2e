import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { FailureLog, LOGGER } from '@plenary/server-core';
import type { Logger } from 'pino';
import { EngagementRepository } from '../engagement.repository';
import { isPublicQuestion } from '../views';
import { EngagementBroadcaster } from './engagement.broadcaster';

/** Ranked lists and tallies go out at most this often (per session, per poll, per node): 4 per second. */
export const TICK_MS = 250;

/**
 * Coalesces high-rate changes: upvotes and poll ballots only mark their question or poll; every tick re-counts the
 * marked ones from the rows (aggregates, never counters) and broadcasts one message per session or poll. Fan-out is
 * then independent of the vote rate.
 */
@Injectable()
export class EngagementTicker implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly questions = new Set<string>();
  private readonly polls = new Set<string>();
  private timer: NodeJS.Timeout | null = null;
  private running = false;

  constructor(
    private readonly repository: EngagementRepository,
    private readonly broadcaster: EngagementBroadcaster,
    @Inject(LOGGER) private readonly logger: Logger,
    private readonly failures: FailureLog,
  ) {}

  questionVotesChanged(questionId: string): void {
    this.questions.add(questionId);
  }

  pollBallotsChanged(pollId: string): void {
    this.polls.add(pollId);
  }

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => void this.tick(), TICK_MS);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  /** One round: re-counts what changed since the last one and broadcasts it. */
  async tick(): Promise<void> {
    if (this.running || (this.questions.size === 0 && this.polls.size === 0)) return;
    this.running = true;
    const questionIds = [...this.questions];
    const pollIds = [...this.polls];
    this.questions.clear();
    this.polls.clear();
    try {
      await this.rankQuestions(questionIds);
      await this.tallyPolls(pollIds);
    } catch (error) {
      questionIds.forEach((id) => this.questions.add(id));
      pollIds.forEach((id) => this.polls.add(id));
      if (!this.failures.recordOutage(error, 'engagement tick'))
        this.logger.warn({ err: error }, 'engagement tick failed; retrying on the next one');
    } finally {
      this.running = false;
    }
  }

  private async rankQuestions(ids: string[]): Promise<void> {
    if (ids.length === 0) return;
    const counts = (await this.repository.voteCounts(ids)).filter((row) => isPublicQuestion(row.status));
    const bySession = new Map<string, Array<{ id: string; votes: number }>>();
    for (const row of counts) {
      const list = bySession.get(row.sessionId) ?? [];
      list.push({ id: row.id, votes: row.votes });
      bySession.set(row.sessionId, list);
    }
    if (bySession.size === 0) return;
    const seqs = await this.repository.seqs([...bySession.keys()]);
    for (const [sessionId, votes] of bySession) {
      votes.sort((a, b) => b.votes - a.votes || a.id.localeCompare(b.id));
      this.broadcaster.ranked(sessionId, seqs.get(sessionId) ?? 0, votes);
    }
  }

  private async tallyPolls(ids: string[]): Promise<void> {
    if (ids.length === 0) return;
    const manager = this.repository.manager;
    const polls = await this.repository.polls(manager, ids);
    const tallies = await this.repository.tallies(manager, ids);
    const seqs = await this.repository.seqs([...new Set(polls.map((poll) => poll.sessionId))]);
    for (const poll of polls) {
      const results = tallies.get(poll.id);
      if (results) this.broadcaster.tally(poll, seqs.get(poll.sessionId) ?? 0, results);
    }
  }
}
