import type { AttendanceTimeline } from '@plenary/contracts';

export interface ChartSeries {
  key: 'inRoom' | 'online';
  /** SVG path data in the chart's coordinates. */
  path: string;
  last: number | null;
}

export interface ChartModel {
  /** The SVG's viewBox size; it stretches to its box, so labels are laid out in per cent of it (HTML, not SVG). */
  width: number;
  height: number;
  /** Gridlines with their value. */
  ticks: Array<{ y: number; value: number }>;
  /** A few time labels along the bottom (index into the points). */
  timeTicks: Array<{ x: number; index: number }>;
  series: ChartSeries[];
  max: number;
}

/** The smallest "nice" number (1, 2, 5 × 10ⁿ) at or above `value`. */
export function niceCeiling(value: number): number {
  if (value <= 1) return 1;
  const magnitude = 10 ** Math.floor(Math.log10(value));
  for (const step of [1, 2, 5, 10]) if (step * magnitude >= value) return step * magnitude;
  return 10 * magnitude;
}

/**
 * Lays the timeline out for an inline SVG: one line per series (people in the room, online), a zero-based value
 * axis rounded up to a nice number, and about five time labels. Pure, so the drawing is testable.
 */
export function chartModel(
  points: AttendanceTimeline['points'],
  { width = 1000, height = 300 }: { width?: number; height?: number } = {},
): ChartModel {
  const plot = { left: 0, top: 0, right: width, bottom: height };
  const online = points.some((point) => point.online !== null);
  const values = points.flatMap((point) => [point.inRoom, point.online ?? 0]);
  const max = niceCeiling(Math.max(0, ...values));
  const x = (index: number): number =>
    points.length <= 1 ? plot.left : plot.left + ((plot.right - plot.left) * index) / (points.length - 1);
  const y = (value: number): number => plot.bottom - ((plot.bottom - plot.top) * value) / max;
  const line = (value: (point: AttendanceTimeline['points'][number]) => number): string =>
    points
      .map((point, index) => `${index === 0 ? 'M' : 'L'}${x(index).toFixed(1)},${y(value(point)).toFixed(1)}`)
      .join(' ');
  const series: ChartSeries[] = [
    { key: 'inRoom', path: line((point) => point.inRoom), last: points.at(-1)?.inRoom ?? null },
  ];
  if (online) {
    series.push({
      key: 'online',
      path: line((point) => point.online ?? 0),
      last: points.at(-1)?.online ?? null,
    });
  }
  const ticks = [0, max / 2, max]
    .filter((value) => Number.isInteger(value))
    .map((value) => ({ y: y(value), value }));
  const step = Math.max(1, Math.ceil((points.length - 1) / 4));
  const timeTicks: ChartModel['timeTicks'] = [];
  for (let index = 0; index < points.length; index += step) timeTicks.push({ x: x(index), index });
  return { width, height, ticks, timeTicks, series, max };
}
