/** A delay for attempt `n` (0-based): exponential from `baseMs`, capped, with ±50 % jitter so clients spread out. */
export function jitteredBackoff(
  attempt: number,
  {
    baseMs = 500,
    maxMs = 10_000,
    random = Math.random,
  }: { baseMs?: number; maxMs?: number; random?: () => number } = {},
): number {
  const exponential = Math.min(maxMs, baseMs * 2 ** attempt);
  return Math.round(exponential * (0.5 + random()));
}
