// The "What happens when…" table of docs/operations.md, generated from the fault suite's scenarios
// (tools/faults/catalogue.ts).
//   npx tsx tools/faults-doc.ts          exits 1 when the doc is out of date
//   npx tsx tools/faults-doc.ts --write  rewrites the table
// tools/faults.spec.ts runs the check in `npm test`.
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { FAULT_SCENARIOS } from './faults/catalogue';

const ROOT = join(__dirname, '..');
export const OPERATIONS_DOC = join(ROOT, 'docs', 'operations.md');
const START =
  '<!-- faults-table:start — generated from tools/faults/catalogue.ts by tools/faults-doc.ts, do not edit -->';
const END = '<!-- faults-table:end -->';

const cell = (text: string): string => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');

/** The Markdown table, one row per scenario, in catalogue order (not yet aligned: prettier does that). */
export function faultsTable(): string {
  const rows = FAULT_SCENARIOS.map(
    (scenario) =>
      `| ${cell(scenario.when)} | ${cell(scenario.users)} | ${cell(scenario.operators)} | ${cell(scenario.lost)} | \`${scenario.id}\` in [${scenario.spec.split('/').pop() ?? ''}](../${scenario.spec}) (\`npm run ${scenario.suite}\`) |`,
  );
  return [
    '| what happens when… | what users see | what operators see | what is lost | test |',
    '| --- | --- | --- | --- | --- |',
    ...rows,
  ].join('\n');
}

function prettierMarkdown(text: string): string {
  const result = spawnSync(
    join(ROOT, 'node_modules', '.bin', 'prettier'),
    ['--stdin-filepath', OPERATIONS_DOC],
    {
      cwd: ROOT,
      input: text,
      encoding: 'utf8',
    },
  );
  if (result.status !== 0) throw new Error(`prettier failed: ${result.stderr}`);
  return result.stdout;
}

/** docs/operations.md as it should read: its text with the generated table between the markers, formatted. */
export function expectedOperationsDoc(current = readFileSync(OPERATIONS_DOC, 'utf8')): string {
  const start = current.indexOf(START);
  const end = current.indexOf(END);
  if (start < 0 || end < start) throw new Error(`${OPERATIONS_DOC} has lost its ${START} … ${END} markers`);
  const text = `${current.slice(0, start + START.length)}\n\n${faultsTable()}\n\n${current.slice(end)}`;
  return prettierMarkdown(text);
}

function main(): void {
  const current = readFileSync(OPERATIONS_DOC, 'utf8');
  const expected = expectedOperationsDoc(current);
  if (process.argv.includes('--write')) {
    if (expected !== current) writeFileSync(OPERATIONS_DOC, expected);
    process.stdout.write(`${expected === current ? 'up to date' : 'updated'}: ${OPERATIONS_DOC}\n`);
    return;
  }
  if (expected !== current) {
    process.stderr.write(`${OPERATIONS_DOC} is out of date: run npx tsx tools/faults-doc.ts --write\n`);
    process.exit(1);
  }
}

if (require.main === module) main();
