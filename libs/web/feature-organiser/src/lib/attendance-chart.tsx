import type { AttendanceTimeline } from '@plenary/contracts';
import { classNames } from '@plenary/web-ui';
import { chartModel } from './attendance-chart-model';
import { useOrganiserTranslation } from './organiser-i18n';

export interface AttendanceChartProps {
  timeline: AttendanceTimeline;
  /** Formats a point's time in the event's time zone. */
  formatTime: (iso: string) => string;
}

/**
 * People in the room and online over one day, as two lines. The drawing is decoration (`aria-hidden`): the legend
 * says the latest values in words, and every point is in the table underneath (collapsed by default).
 */
export function AttendanceChart({ timeline, formatTime }: AttendanceChartProps) {
  const { t } = useOrganiserTranslation();
  const model = chartModel(timeline.points);
  return (
    <div className="po-chart">
      <ul className="po-chart__legend">
        {model.series.map((series) => (
          <li key={series.key} className={classNames('po-chart__key', `po-chart__key--${series.key}`)}>
            <span className="po-chart__swatch" aria-hidden="true" />
            {t(`attendance.chart.series.${series.key}`)}
            {series.last !== null && (
              <strong className="po-chart__last">
                {t('attendance.chart.latest', { count: series.last })}
              </strong>
            )}
          </li>
        ))}
      </ul>
      <div className="po-chart__area" aria-hidden="true">
        <svg
          className="po-chart__svg"
          viewBox={`0 0 ${model.width} ${model.height}`}
          preserveAspectRatio="none"
          focusable="false"
        >
          {model.ticks.map((tick) => (
            <line
              key={tick.value}
              className="po-chart__grid"
              x1={0}
              x2={model.width}
              y1={tick.y}
              y2={tick.y}
            />
          ))}
          {model.series.map((series) => (
            <path
              key={series.key}
              className={classNames('po-chart__line', `po-chart__line--${series.key}`)}
              d={series.path}
              vectorEffect="non-scaling-stroke"
            />
          ))}
        </svg>
        {model.ticks.map((tick) => (
          <span key={tick.value} className="po-chart__y" style={{ top: `${(tick.y / model.height) * 100}%` }}>
            {tick.value}
          </span>
        ))}
        {model.timeTicks.map((tick) => (
          <span key={tick.index} className="po-chart__x" style={{ left: `${(tick.x / model.width) * 100}%` }}>
            {formatTime(timeline.points[tick.index]?.at ?? '')}
          </span>
        ))}
      </div>
      <details className="po-chart__details">
        <summary>{t('attendance.chart.showTable')}</summary>
        <div className="po-table-wrap">
          <table className="po-table">
            <caption className="pl-visually-hidden">
              {t('attendance.chart.tableCaption', { day: timeline.day })}
            </caption>
            <thead>
              <tr>
                <th scope="col">{t('attendance.chart.time')}</th>
                <th scope="col">{t('attendance.chart.series.inRoom')}</th>
                {model.series.some((series) => series.key === 'online') && (
                  <th scope="col">{t('attendance.chart.series.online')}</th>
                )}
              </tr>
            </thead>
            <tbody>
              {timeline.points.map((point) => (
                <tr key={point.at}>
                  <th scope="row">{formatTime(point.at)}</th>
                  <td>{point.inRoom}</td>
                  {point.online !== null && <td>{point.online}</td>}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </div>
  );
}
