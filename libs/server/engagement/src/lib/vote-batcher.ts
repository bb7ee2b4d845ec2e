import { Injectable, type BeforeApplicationShutdown } from '@nestjs/common';
import type { PollState } from '@plenary/contracts';
import { FailureLog, ServiceUnavailableException } from '@plenary/server-core';
import { DataSource, type EntityManager } from 'typeorm';
import { EngagementTicker } from './realtime/engagement.ticker';

export interface Ballot {
  pollId: string;
  personId: string;
  optionIds: string[];
  /** The poll lets voters change their ballot: the batch upserts instead of inserting. */
  allowChange: boolean;
}

export type BallotOutcome =
  /** Stored (new, changed, or the same as before): `optionIds` is what is stored now. */
  | { kind: 'recorded'; optionIds: string[] }
  /** A different ballot is stored and the poll does not allow changing it. */
  | { kind: 'already-voted'; optionIds: string[] }
  /** The poll is not open (draft or closed at commit time) or no longer exists. */
  | { kind: 'not-open'; state: PollState | null };

/** Votes are written every this many milliseconds (the first vote of a batch waits at most this long). */
export const BATCH_INTERVAL_MS = 120;
const MAX_BATCH = 5000;

interface Pending {
  ballot: Ballot;
  resolve: (outcome: BallotOutcome) => void;
  reject: (error: unknown) => void;
}

interface Row {
  poll_id: string;
  person_id: string;
  state: PollState | null;
  written: boolean;
  existing: string[] | null;
}

const sameChoice = (a: string[], b: string[]): boolean =>
  a.length === b.length && [...a].sort().join(',') === [...b].sort().join(',');

/**
 * Batches ballots per node: every ~120 ms one multi-row `INSERT … ON CONFLICT DO NOTHING` (or `DO UPDATE` for polls
 * that allow changing) writes the queue, and each vote is answered only after that statement committed. The poll row
 * is read `FOR SHARE`, so a ballot counts only if the poll was open when it committed, and closing a poll waits for
 * batches in flight. Duplicates within a batch, across batches, across nodes and retries all count once: the
 * primary key (poll, person) decides.
 */
@Injectable()
export class VoteBatcher implements BeforeApplicationShutdown {
  private queue: Pending[] = [];
  private timer: NodeJS.Timeout | null = null;
  private flushing: Promise<void> | null = null;

  constructor(
    private readonly dataSource: DataSource,
    private readonly ticker: EngagementTicker,
    private readonly failures: FailureLog,
  ) {}

  submit(ballot: Ballot): Promise<BallotOutcome> {
    return new Promise((resolve, reject) => {
      this.queue.push({ ballot, resolve, reject });
      this.schedule();
    });
  }

  async beforeApplicationShutdown(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    while (this.flushing || this.queue.length > 0) {
      if (this.flushing) await this.flushing;
      else await this.flush();
    }
  }

  private schedule(): void {
    if (this.timer || this.flushing) return;
    const delay = this.queue.length >= MAX_BATCH ? 0 : BATCH_INTERVAL_MS;
    this.timer = setTimeout(() => void this.flush(), delay);
  }

  private flush(): Promise<void> {
    this.timer = null;
    const batch = this.queue.splice(0, MAX_BATCH);
    this.flushing = this.write(batch).finally(() => {
      this.flushing = null;
      if (this.queue.length > 0) this.schedule();
    });
    return this.flushing;
  }

  private async write(batch: Pending[]): Promise<void> {
    if (batch.length === 0) return;
    // Group by (poll, person): one row per key in the statement (ON CONFLICT cannot touch a row twice).
    const groups = new Map<string, Pending[]>();
    for (const pending of batch) {
      const key = `${pending.ballot.pollId}:${pending.ballot.personId}`;
      const group = groups.get(key);
      if (group) group.push(pending);
      else groups.set(key, [pending]);
    }
    try {
      const keep = [...groups.values()];
      // Without change, the first ballot of a person is the one that can count; with change, the last one wins.
      const fixed = keep.filter((group) => !group[0]?.ballot.allowChange).map((group) => group[0] as Pending);
      const changeable = keep
        .filter((group) => group[0]?.ballot.allowChange)
        .map((group) => group[group.length - 1] as Pending);
      // One batch, one outcome: both statements commit together or not at all (every voter is nacked on failure,
      // so nothing may stay stored). A batch of one kind is a single statement, atomic on its own.
      const rows =
        fixed.length > 0 && changeable.length > 0
          ? await this.dataSource.transaction(async (manager) => [
              ...(await this.insert(manager, fixed, false)),
              ...(await this.insert(manager, changeable, true)),
            ])
          : [
              ...(await this.insert(this.dataSource.manager, fixed, false)),
              ...(await this.insert(this.dataSource.manager, changeable, true)),
            ];
      const written = new Set<string>();
      for (const row of rows) {
        const key = `${row.poll_id}:${row.person_id}`;
        const group = groups.get(key) ?? [];
        const chosen = group[0]?.ballot.allowChange ? group[group.length - 1] : group[0];
        if (!chosen) continue;
        if (row.written) written.add(row.poll_id);
        const outcome = await this.outcome(row, chosen.ballot);
        for (const pending of group) pending.resolve(this.answer(outcome, pending.ballot));
      }
      for (const pollId of written) this.ticker.pollBallotsChanged(pollId);
    } catch (error) {
      // PostgreSQL away: one warning per interval, however many batches fail (ADR 0018).
      this.failures.record(error, 'vote batch', { size: batch.length });
      const unavailable = new ServiceUnavailableException('Votes cannot be stored right now; try again.');
      for (const pending of batch) pending.reject(unavailable);
    }
  }

  /** What the statement did for the chosen ballot of a key. */
  private async outcome(row: Row, chosen: Ballot): Promise<BallotOutcome> {
    if (row.state !== 'open') return { kind: 'not-open', state: row.state };
    if (row.written || chosen.allowChange) return { kind: 'recorded', optionIds: chosen.optionIds };
    // Not written: a ballot existed. The statement's snapshot may predate a ballot committed concurrently.
    const stored =
      row.existing ??
      (
        await this.dataSource.query<Array<{ option_ids: string[] }>>(
          'SELECT option_ids FROM poll_ballots WHERE poll_id = $1 AND person_id = $2',
          [row.poll_id, row.person_id],
        )
      )[0]?.option_ids ??
      null;
    if (!stored) throw new Error('a ballot was neither written nor found');
    return sameChoice(stored, chosen.optionIds)
      ? { kind: 'recorded', optionIds: stored }
      : { kind: 'already-voted', optionIds: stored };
  }

  /** The answer for one submitted ballot of a key, given what happened to the key. */
  private answer(outcome: BallotOutcome, ballot: Ballot): BallotOutcome {
    if (outcome.kind === 'not-open' || ballot.allowChange) return outcome;
    return sameChoice(outcome.optionIds, ballot.optionIds)
      ? { kind: 'recorded', optionIds: outcome.optionIds }
      : { kind: 'already-voted', optionIds: outcome.optionIds };
  }

  private async insert(manager: EntityManager, batch: Pending[], allowChange: boolean): Promise<Row[]> {
    if (batch.length === 0) return [];
    const values = JSON.stringify(
      batch.map(({ ballot }) => ({
        poll_id: ballot.pollId,
        person_id: ballot.personId,
        option_ids: ballot.optionIds,
      })),
    );
    const conflict = allowChange
      ? `DO UPDATE SET option_ids = EXCLUDED.option_ids, updated_at = now()
           WHERE poll_ballots.option_ids IS DISTINCT FROM EXCLUDED.option_ids`
      : 'DO NOTHING';
    return manager.query<Row[]>(
      `WITH v AS (
         SELECT * FROM jsonb_to_recordset($1::jsonb) AS v(poll_id uuid, person_id uuid, option_ids text[])
       ), p AS (
         SELECT id, state FROM polls WHERE id IN (SELECT DISTINCT poll_id FROM v) FOR SHARE
       ), ins AS (
         INSERT INTO poll_ballots (poll_id, person_id, option_ids)
         SELECT v.poll_id, v.person_id, v.option_ids FROM v JOIN p ON p.id = v.poll_id AND p.state = 'open'
         ON CONFLICT (poll_id, person_id) ${conflict}
         RETURNING poll_id, person_id
       )
       SELECT v.poll_id, v.person_id, p.state::text AS state, (ins.person_id IS NOT NULL) AS written,
              b.option_ids AS existing
         FROM v
         LEFT JOIN p ON p.id = v.poll_id
         LEFT JOIN ins ON ins.poll_id = v.poll_id AND ins.person_id = v.person_id
         LEFT JOIN poll_ballots b ON b.poll_id = v.poll_id AND b.person_id = v.person_id`,
      [values],
    );
  }
}
