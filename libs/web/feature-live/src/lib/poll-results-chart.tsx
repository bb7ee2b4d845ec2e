import type { PollView, PollResults } from '@plenary/contracts';
import { classNames } from '@plenary/web-ui';
import type { CSSProperties } from 'react';
import { useLiveTranslation } from './live-i18n';
import { pollPercentages } from './poll-results';

export interface PollResultsChartProps {
  poll: Pick<PollView, 'kind' | 'options'>;
  results: PollResults;
  /** Marks the viewer's own choices. */
  myVote?: string[] | null;
  /** `large` for the big screen. */
  size?: 'normal' | 'large';
  /** Names the chart, e.g. the poll's question's id. */
  labelledBy?: string;
}

/**
 * A horizontal bar chart of a poll's results. Every bar is also written out as text (label, per cent, count), so
 * the chart reads the same without seeing the bars; the bars themselves are decoration.
 */
export function PollResultsChart({
  poll,
  results,
  myVote,
  size = 'normal',
  labelledBy,
}: PollResultsChartProps) {
  const { t } = useLiveTranslation();
  const rows = pollPercentages(poll.kind, poll.options, results);
  const leader = Math.max(0, ...rows.map((row) => row.count));
  return (
    <div className={classNames('lv-chart', `lv-chart--${size}`)}>
      <ul className="lv-chart__bars" aria-labelledby={labelledBy}>
        {rows.map((row) => {
          const mine = myVote?.includes(row.id) ?? false;
          return (
            <li
              key={row.id}
              className={classNames(
                'lv-chart__row',
                mine && 'lv-chart__row--mine',
                leader > 0 && row.count === leader && 'lv-chart__row--leader',
              )}
            >
              <span className="lv-chart__label">
                {row.label}
                {mine && <span className="lv-chart__mine"> · {t('chart.yourChoice')}</span>}
              </span>
              <span className="lv-chart__value">
                {t('chart.percent', { percent: row.percent })}
                <span className="lv-chart__count"> ({row.count})</span>
              </span>
              <span
                className="lv-chart__track"
                aria-hidden="true"
                style={{ '--lv-share': `${(row.share * 100).toFixed(1)}%` } as CSSProperties}
              >
                <span className="lv-chart__bar" />
              </span>
            </li>
          );
        })}
      </ul>
      <p className="lv-chart__voters">{t('chart.voters', { count: results.voters })}</p>
      {poll.kind === 'multiple' && size === 'normal' && (
        <p className="lv-chart__note">{t('chart.multipleNote')}</p>
      )}
    </div>
  );
}
