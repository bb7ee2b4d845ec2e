// `npm run test:faults`: the standing fault suite (issue #11). Runs every `*.fault-spec.ts` (tools/jest/faults.config.cjs)
// against real processes, a private PostgreSQL and a private Redis, checks that each scenario of
// tools/faults/catalogue.ts run by this suite has a passing test, and prints the figures the scenarios measured.
//   npm run test:faults [-- <spec paths…>]
// Needs PostgreSQL for the test databases (DATABASE_URL, or the embedded one as in `npm test`) and `redis-server` on
// PATH (private instances on free ports; the shared Redis is never touched).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { FAULT_SCENARIOS, FAULT_TAG } from './faults/catalogue';

const ROOT = join(__dirname, '..');
const ARTIFACTS = join(ROOT, 'e2e-artifacts');
const FIGURES = join(ARTIFACTS, 'fault-figures.jsonl');
const RESULTS = join(ARTIFACTS, 'fault-results.json');

interface JestResults {
  testResults: Array<{
    name: string;
    assertionResults: Array<{ fullName: string; status: string; duration?: number | null }>;
  }>;
}

interface Figure {
  scenario: string;
  figure: string;
  value: number;
  unit: string;
}

function main(): void {
  const started = Date.now();
  const paths = process.argv.slice(2);
  if (spawnSync('redis-server', ['--version'], { stdio: 'ignore' }).status !== 0) {
    process.stderr.write(
      '✖ redis-server is not on PATH: the fault suite starts Redis instances of its own.\n',
    );
    process.exit(1);
  }
  mkdirSync(ARTIFACTS, { recursive: true });
  writeFileSync(FIGURES, '');
  const env = { ...process.env, PLENARY_FAULT_FIGURES: FIGURES };
  const jest = spawnSync(
    join(ROOT, 'node_modules', '.bin', 'jest'),
    [
      '--config',
      'tools/jest/faults.config.cjs',
      '--ci',
      '--runInBand',
      '--forceExit',
      '--json',
      `--outputFile=${RESULTS}`,
      ...paths,
    ],
    { cwd: ROOT, env, stdio: 'inherit' },
  );

  const results: JestResults = existsSync(RESULTS)
    ? (JSON.parse(readFileSync(RESULTS, 'utf8')) as JestResults)
    : { testResults: [] };
  const passed = new Set<string>();
  for (const file of results.testResults)
    for (const test of file.assertionResults)
      if (test.status === 'passed')
        for (const match of test.fullName.matchAll(FAULT_TAG)) passed.add(match[1] ?? '');
  const expected = FAULT_SCENARIOS.filter(
    (scenario) =>
      scenario.suite === 'test:faults' &&
      (paths.length === 0 || paths.some((path) => scenario.spec.endsWith(path.replace(/^\.\//, '')))),
  );
  const unproven = expected.filter((scenario) => !passed.has(scenario.id));

  const figures = readFileSync(FIGURES, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as Figure);
  process.stdout.write('\n▶ fault suite figures\n');
  for (const scenario of expected) {
    const mark = passed.has(scenario.id) ? '✔' : '✖';
    process.stdout.write(`${mark} ${scenario.id}\n`);
    for (const figure of figures.filter((one) => one.scenario === scenario.id))
      process.stdout.write(`    ${figure.figure}: ${figure.value} ${figure.unit}\n`);
  }
  const others = FAULT_SCENARIOS.filter((scenario) => scenario.suite !== 'test:faults');
  if (paths.length === 0 && others.length > 0)
    process.stdout.write(
      `  (also in the table, tested elsewhere: ${others.map((one) => `${one.id} by npm run ${one.suite}`).join(', ')})\n`,
    );
  process.stdout.write(`fault suite: ${Math.round((Date.now() - started) / 1000)} s\n`);
  if (jest.status !== 0 || unproven.length > 0) {
    if (unproven.length > 0)
      process.stderr.write(
        `✖ scenarios without a passing test: ${unproven.map((one) => one.id).join(', ')}\n`,
      );
    process.exit(jest.status || 1);
  }
}

main();
