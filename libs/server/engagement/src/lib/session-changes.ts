import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { EngagementException } from './engagement.exception';
import { EngagementRepository, type SettingsRecord } from './engagement.repository';
import { EngagementBroadcaster, type SequencedChange } from './realtime/engagement.broadcaster';

/** What a unit of work changed, in order; each entry becomes one event with its own sequence number. */
export type Change = { type: 'question'; id: string } | { type: 'poll'; id: string } | { type: 'settings' };

export interface ChangeOutcome<T> {
  result: T;
  settings: SettingsRecord;
  published: SequencedChange[];
}

/**
 * The one way to change a session's Q&A and polls: the work runs in a transaction that first locks the session's
 * engagement row, so changes of one session are serialised and numbered in commit order; the events are published
 * only after the commit. A unit of work that changes nothing consumes no sequence number.
 */
@Injectable()
export class SessionChanges {
  constructor(
    private readonly repository: EngagementRepository,
    private readonly broadcaster: EngagementBroadcaster,
  ) {}

  async run<T>(
    sessionId: string,
    work: (manager: EntityManager, settings: SettingsRecord) => Promise<{ result: T; changes: Change[] }>,
  ): Promise<ChangeOutcome<T>> {
    const outcome = await this.repository.transaction(async (manager): Promise<ChangeOutcome<T>> => {
      const locked = await this.repository.lockSettings(manager, sessionId);
      // A cancelled session's Q&A and polls are closed (issue #12): decided under the lock the cancel takes too.
      if (await this.repository.isCancelled(manager, sessionId))
        throw new EngagementException(
          'engagement/session-cancelled',
          'This session was cancelled: its questions and polls are closed.',
        );
      const { result, changes } = await work(manager, locked);
      if (changes.length === 0) return { result, settings: locked, published: [] };
      const last = await this.repository.advanceSeq(manager, sessionId, changes.length);
      const settings = (await this.repository.settings(manager, sessionId)) ?? locked;
      const questionIds = changes.flatMap((change) => (change.type === 'question' ? [change.id] : []));
      const pollIds = changes.flatMap((change) => (change.type === 'poll' ? [change.id] : []));
      const questions = new Map(
        (await this.repository.questions(manager, questionIds)).map((record) => [record.id, record]),
      );
      const polls = new Map(
        (await this.repository.polls(manager, pollIds)).map((record) => [record.id, record]),
      );
      const tallies = await this.repository.tallies(manager, pollIds);
      const first = last - changes.length + 1;
      const published = changes.map((change, index): SequencedChange => {
        const seq = first + index;
        switch (change.type) {
          case 'question': {
            const question = questions.get(change.id);
            if (!question) throw new Error(`question ${change.id} vanished inside its transaction`);
            return { seq, type: 'question', question };
          }
          case 'poll': {
            const poll = polls.get(change.id);
            if (!poll) throw new Error(`poll ${change.id} vanished inside its transaction`);
            return { seq, type: 'poll', poll, results: tallies.get(poll.id) ?? { counts: {}, voters: 0 } };
          }
          case 'settings':
            return { seq, type: 'settings' };
        }
      });
      return { result, settings, published };
    });
    if (outcome.published.length > 0) this.broadcaster.publish(outcome.settings, outcome.published);
    return outcome;
  }
}
