// The variable table of docs/configuration.md, generated from the config schema's own documentation
// (`documented()` in libs/server/core/src/lib/config/config.schema.ts).
//   npx tsx tools/config-doc.ts          exits 1 when the doc is out of date
//   npx tsx tools/config-doc.ts --write  rewrites the table
// tools/config-doc.spec.ts runs the check in `npm test`.
import { configVariableDocs } from '@plenary/server-core';
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = join(__dirname, '..');
export const CONFIG_DOC = join(ROOT, 'docs', 'configuration.md');
const START =
  '<!-- config-table:start — generated from config.schema.ts by tools/config-doc.ts, do not edit -->';
const END = '<!-- config-table:end -->';

const cell = (text: string): string => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');

/** The Markdown table, one row per variable, in schema order (not yet aligned: prettier does that). */
export function configTable(): string {
  const rows = configVariableDocs().map(
    (variable) =>
      `| \`${variable.name}\` | ${cell(variable.default)} | ${variable.secret ? 'yes' : 'no'} | ${cell(variable.description)} |`,
  );
  return ['| variable | default | secret | purpose |', '| --- | --- | --- | --- |', ...rows].join('\n');
}

/** Formats Markdown as `npm test`'s format check wants it (the prettier CLI: its API loads ESM, which Jest cannot). */
function prettierMarkdown(text: string): string {
  const result = spawnSync(join(ROOT, 'node_modules', '.bin', 'prettier'), ['--stdin-filepath', CONFIG_DOC], {
    cwd: ROOT,
    input: text,
    encoding: 'utf8',
  });
  if (result.status !== 0) throw new Error(`prettier failed: ${result.stderr}`);
  return result.stdout;
}

/** docs/configuration.md as it should read: its text with the generated table between the markers, formatted. */
export function expectedConfigDoc(current = readFileSync(CONFIG_DOC, 'utf8')): string {
  const start = current.indexOf(START);
  const end = current.indexOf(END);
  if (start < 0 || end < start) throw new Error(`${CONFIG_DOC} has lost its ${START} … ${END} markers`);
  const text = `${current.slice(0, start + START.length)}\n\n${configTable()}\n\n${current.slice(end)}`;
  return prettierMarkdown(text);
}

function main(): void {
  const current = readFileSync(CONFIG_DOC, 'utf8');
  const expected = expectedConfigDoc(current);
  if (process.argv.includes('--write')) {
    if (expected !== current) writeFileSync(CONFIG_DOC, expected);
    process.stdout.write(`${expected === current ? 'up to date' : 'updated'}: ${CONFIG_DOC}\n`);
    return;
  }
  if (expected !== current) {
    process.stderr.write(`${CONFIG_DOC} is out of date: run npx tsx tools/config-doc.ts --write\n`);
    process.exit(1);
  }
}

if (require.main === module) main();
