import type { PollOption } from '@plenary/contracts';
import { screen, within } from '@testing-library/react';
import { renderLive } from '../testing/render-live';
import { pollPercentages, resultsPublic } from './poll-results';
import { PollResultsChart } from './poll-results-chart';

const OPTIONS: PollOption[] = [
  { id: 'o1', label: 'North' },
  { id: 'o2', label: 'South' },
  { id: 'o3', label: 'East' },
];

describe(pollPercentages.name, () => {
  it('makes single-choice percentages add up to exactly 100 (largest remainder)', () => {
    const rows = pollPercentages('single', OPTIONS, { counts: { o1: 1, o2: 1, o3: 1 }, voters: 3 });
    expect(rows.map((row) => row.percent)).toEqual([34, 33, 33]);
    const skewed = pollPercentages('single', OPTIONS, { counts: { o1: 2, o2: 1, o3: 4 }, voters: 7 });
    expect(skewed.map((row) => row.percent)).toEqual([29, 14, 57]);
    expect(skewed.reduce((sum, row) => sum + row.percent, 0)).toBe(100);
  });

  it('gives multiple-choice percentages of the people who voted (they may add up to more than 100)', () => {
    const rows = pollPercentages('multiple', OPTIONS, { counts: { o1: 3, o2: 2 }, voters: 4 });
    expect(rows.map((row) => [row.count, row.percent])).toEqual([
      [3, 75],
      [2, 50],
      [0, 0],
    ]);
  });

  it('shows 0 % everywhere before anyone voted', () => {
    expect(pollPercentages('single', OPTIONS, { counts: {}, voters: 0 }).map((row) => row.percent)).toEqual([
      0, 0, 0,
    ]);
  });
});

describe(PollResultsChart.name, () => {
  it('writes every bar out as text: label, per cent, count, and how many voted', () => {
    renderLive(
      <PollResultsChart
        poll={{ kind: 'single', options: OPTIONS }}
        results={{ counts: { o1: 3, o2: 1 }, voters: 4 }}
        myVote={['o2']}
      />,
    );
    const items = screen.getAllByRole('listitem');
    expect(items.map((item) => item.textContent)).toEqual([
      'North75 % (3)',
      'South · your choice25 % (1)',
      'East0 % (0)',
    ]);
    expect(within(items[0] as HTMLElement).getByText('North')).toBeTruthy();
    expect(screen.getByText('4 people voted')).toBeTruthy();
  });
});

describe(resultsPublic.name, () => {
  it('lets the room see results live only for live polls, and everyone after close', () => {
    const poll = {
      id: 'p',
      sessionId: 's',
      question: 'q',
      kind: 'single' as const,
      options: OPTIONS,
      allowChange: false,
      results: null,
      myVote: null,
    };
    expect(resultsPublic({ ...poll, state: 'open', visibility: 'live' })).toBe(true);
    expect(resultsPublic({ ...poll, state: 'open', visibility: 'after_vote' })).toBe(false);
    expect(resultsPublic({ ...poll, state: 'open', visibility: 'after_close' })).toBe(false);
    expect(resultsPublic({ ...poll, state: 'closed', visibility: 'after_close' })).toBe(true);
  });
});
