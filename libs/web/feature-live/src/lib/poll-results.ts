import type { PollKind, PollOption, PollResults, PollView } from '@plenary/contracts';

export interface OptionResult {
  id: string;
  label: string;
  count: number;
  /** Whole per cent of the people who voted. */
  percent: number;
  /** Exact share of the people who voted, 0…1, for the bar's length. */
  share: number;
}

/**
 * Each option's count and share of the people who voted. Single choice: the percentages add up to exactly 100
 * (largest remainder), so the chart never reads 99 % or 101 %. Multiple choice: each is rounded on its own
 * (people chose several, so they add up to more than 100).
 */
export function pollPercentages(kind: PollKind, options: PollOption[], results: PollResults): OptionResult[] {
  const voters = results.voters;
  const rows = options.map((option) => {
    const count = results.counts[option.id] ?? 0;
    const share = voters > 0 ? count / voters : 0;
    return { id: option.id, label: option.label, count, share, percent: Math.round(share * 100) };
  });
  if (kind === 'multiple' || voters === 0) return rows;

  const total = rows.reduce((sum, row) => sum + row.count, 0);
  if (total === 0) return rows.map((row) => ({ ...row, percent: 0 }));
  // Largest remainder over the ballots actually counted.
  const exact = rows.map((row) => (row.count / total) * 100);
  const floors = exact.map(Math.floor);
  let missing = 100 - floors.reduce((sum, value) => sum + value, 0);
  const order = exact
    .map((value, index) => ({ index, remainder: value - Math.floor(value) }))
    .sort((a, b) => b.remainder - a.remainder || a.index - b.index);
  for (const { index } of order) {
    if (missing <= 0) break;
    floors[index] = (floors[index] ?? 0) + 1;
    missing -= 1;
  }
  return rows.map((row, index) => ({ ...row, percent: floors[index] ?? 0 }));
}

/**
 * Whether a room may see a poll's results, whoever is signed in: the big screen shows a moderator's snapshot
 * (which always has results), so it applies the audience's rule itself.
 */
export function resultsPublic(poll: PollView): boolean {
  if (poll.state === 'closed') return true;
  return poll.state === 'open' && poll.visibility === 'live';
}
