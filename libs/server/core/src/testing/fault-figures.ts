import { appendFileSync } from 'node:fs';

/**
 * A measured figure of a fault scenario (`npm run test:faults` prints them all at the end): written to the test's
 * output and, under the runner, appended as a JSON line to the file named by PLENARY_FAULT_FIGURES.
 */
export function reportFigure(scenario: string, figure: string, value: number, unit: string): void {
  const rounded = Math.round(value * 100) / 100;
  process.stdout.write(`[fault: ${scenario}] ${figure}: ${rounded} ${unit}\n`);
  const file = process.env['PLENARY_FAULT_FIGURES'];
  if (file) appendFileSync(file, `${JSON.stringify({ scenario, figure, value: rounded, unit })}\n`);
}
