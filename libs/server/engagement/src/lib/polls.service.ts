import { Injectable } from '@nestjs/common';
import type {
  pollCreateSchema,
  pollRefSchema,
  pollVoteSchema,
  PollView,
  PollVoteResult,
} from '@plenary/contracts';
import type { Principal } from '@plenary/server-access';
import type { z } from 'zod';
import { EngagementAccessService } from './engagement-access.service';
import { EngagementException } from './engagement.exception';
import { EngagementRepository, type PollRecord } from './engagement.repository';
import { EngagementBroadcaster } from './realtime/engagement.broadcaster';
import { SessionChanges, type ChangeOutcome } from './session-changes';
import { VoteBatcher } from './vote-batcher';
import { toPollView } from './views';

type Create = z.output<typeof pollCreateSchema>;
type Ref = z.output<typeof pollRefSchema>;
type Vote = z.output<typeof pollVoteSchema>;

const MAX_CACHED = 10_000;

/** Poll rules: drafts, opening and closing (moderators), and votes (through the batcher). */
@Injectable()
export class PollsService {
  /** What never changes about a poll (session, kind, options, policies), so votes skip a lookup. */
  private readonly definitions = new Map<string, PollRecord>();

  constructor(
    private readonly access: EngagementAccessService,
    private readonly repository: EngagementRepository,
    private readonly changes: SessionChanges,
    private readonly batcher: VoteBatcher,
    private readonly broadcaster: EngagementBroadcaster,
  ) {}

  /** A moderator drafts a poll; options get the ids `o1`, `o2`, … in order. Retrying with the same id is harmless. */
  async create(principal: Principal, input: Create): Promise<PollView> {
    await this.access.requireModerator(principal, input.sessionId);
    const existing = await this.repository.poll(this.repository.manager, input.clientId);
    if (existing) {
      if (existing.sessionId !== input.sessionId) throw EngagementException.idConflict();
      return this.moderatorView(existing);
    }
    const outcome = await this.changes.run(input.sessionId, async (manager) => {
      const inserted = await this.repository.insertPoll(manager, {
        id: input.clientId,
        sessionId: input.sessionId,
        question: input.question,
        kind: input.kind,
        options: input.options.map((label, index) => ({ id: `o${index + 1}`, label })),
        visibility: input.visibility,
        allowChange: input.allowChange,
        createdBy: principal.personId,
      });
      return { result: inserted, changes: inserted ? [{ type: 'poll' as const, id: input.clientId }] : [] };
    });
    const published = outcome.published.find((change) => change.type === 'poll');
    if (published?.type === 'poll') return toPollView(published.poll, published.results, null);
    const stored = await this.repository.poll(this.repository.manager, input.clientId);
    if (!stored || stored.sessionId !== input.sessionId) throw EngagementException.idConflict();
    return this.moderatorView(stored);
  }

  /** Opens a draft for voting. */
  open(principal: Principal, input: Ref): Promise<PollView> {
    return this.transition(principal, input.pollId, 'open');
  }

  /** Closes an open poll; its results become visible to everyone. Ballots in flight that lose the race are refused. */
  close(principal: Principal, input: Ref): Promise<PollView> {
    return this.transition(principal, input.pollId, 'closed');
  }

  /**
   * Casts a ballot. Answered after the batch holding it committed: `myVote` is what is stored. One ballot per person
   * per poll; a different second ballot is refused unless the poll allows changing.
   */
  async vote(principal: Principal, input: Vote): Promise<PollVoteResult> {
    const poll = await this.definition(input.pollId);
    const access = await this.access.resolve(principal, poll.sessionId);
    if (poll.state === 'draft' && !access.canModerate) {
      // Drafts are invisible to attendees; the batch re-checks the state at commit anyway.
      const current = await this.repository.poll(this.repository.manager, poll.id);
      if (!current || current.state === 'draft') throw EngagementException.pollNotFound();
      this.definitions.set(poll.id, current);
    }
    const known = new Set(poll.options.map((option) => option.id));
    if (!input.optionIds.every((id) => known.has(id)))
      throw new EngagementException('engagement/invalid-option', 'This poll has no such option.');
    if (poll.kind === 'single' && input.optionIds.length !== 1)
      throw new EngagementException('engagement/invalid-option', 'Choose exactly one option.');
    const outcome = await this.batcher.submit({
      pollId: poll.id,
      personId: principal.personId,
      optionIds: input.optionIds,
      allowChange: poll.allowChange,
    });
    switch (outcome.kind) {
      case 'recorded':
        // The voters' room only serves tallies of polls showing results after voting; joining it is a cluster-wide
        // operation (one Redis stream entry per vote with the adapter), so other polls skip it (benchmark B2).
        if (poll.visibility === 'after_vote')
          this.broadcaster.voted(poll.sessionId, principal.personId, poll.id);
        return { pollId: poll.id, myVote: outcome.optionIds };
      case 'already-voted':
        throw new EngagementException('engagement/already-voted', 'You have already voted in this poll.', {
          myVote: outcome.optionIds,
        });
      case 'not-open':
        if (outcome.state === null) throw EngagementException.pollNotFound();
        if (outcome.state === 'closed')
          throw new EngagementException('engagement/poll-closed', 'This poll is closed.');
        throw new EngagementException('engagement/poll-not-open', 'This poll is not open yet.');
    }
  }

  private async transition(principal: Principal, pollId: string, to: 'open' | 'closed'): Promise<PollView> {
    const poll = await this.definition(pollId);
    await this.access.requireModerator(principal, poll.sessionId);
    const outcome: ChangeOutcome<PollRecord> = await this.changes.run(poll.sessionId, async (manager) => {
      const current = await this.repository.poll(manager, pollId, true);
      if (!current) throw EngagementException.pollNotFound();
      if (current.state === to) return { result: current, changes: [] };
      const from = to === 'open' ? 'draft' : 'open';
      if (current.state !== from)
        throw EngagementException.invalidTransition(current.state, to === 'open' ? 'open' : 'close');
      await this.repository.setPollState(manager, pollId, to);
      return { result: current, changes: [{ type: 'poll', id: pollId }] };
    });
    const published = outcome.published.find((change) => change.type === 'poll');
    if (published?.type === 'poll') {
      this.definitions.set(pollId, published.poll);
      return toPollView(published.poll, published.results, null);
    }
    return this.moderatorView(outcome.result);
  }

  private async moderatorView(poll: PollRecord): Promise<PollView> {
    const tallies = await this.repository.tallies(this.repository.manager, [poll.id]);
    return toPollView(poll, tallies.get(poll.id) ?? null, null);
  }

  private async definition(pollId: string): Promise<PollRecord> {
    const known = this.definitions.get(pollId);
    if (known) return known;
    const poll = await this.repository.poll(this.repository.manager, pollId);
    if (!poll) throw EngagementException.pollNotFound();
    if (this.definitions.size >= MAX_CACHED) this.definitions.clear();
    this.definitions.set(pollId, poll);
    return poll;
  }
}
