import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { FAULT_SCENARIOS, FAULT_TAG } from './faults/catalogue';
import { expectedOperationsDoc, OPERATIONS_DOC } from './faults-doc';

const ROOT = join(__dirname, '..');
const SPEC = /\.(fault-spec|e2e-spec|int-spec|redis-spec)\.ts$/;

function specFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (name === 'node_modules') return [];
    if (statSync(path).isDirectory()) return specFiles(path);
    return SPEC.test(name) ? [relative(ROOT, path)] : [];
  });
}

/** Every `(fault: id)` tag in a spec under apps/, with its file. */
function taggedTests(): Array<{ id: string; spec: string }> {
  return specFiles(join(ROOT, 'apps')).flatMap((spec) =>
    [...readFileSync(join(ROOT, spec), 'utf8').matchAll(FAULT_TAG)].map((match) => ({
      id: match[1] ?? '',
      spec,
    })),
  );
}

describe('the standing fault suite', () => {
  it('has unique scenario ids', () => {
    const ids = FAULT_SCENARIOS.map((scenario) => scenario.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('has a test for every scenario, in the spec the table names, run by the suite it names', () => {
    const tagged = taggedTests();
    const missing = FAULT_SCENARIOS.filter(
      (scenario) => !tagged.some((test) => test.id === scenario.id && test.spec === scenario.spec),
    ).map((scenario) => `${scenario.id} (${scenario.spec})`);
    expect(missing).toEqual([]);
    for (const scenario of FAULT_SCENARIOS) {
      const kind = scenario.spec.endsWith('.fault-spec.ts')
        ? 'test:faults'
        : scenario.spec.endsWith('.e2e-spec.ts')
          ? 'test:e2e'
          : 'test';
      expect({ id: scenario.id, suite: scenario.suite }).toEqual({ id: scenario.id, suite: kind });
    }
  });

  it('has a scenario (a row of the table) for every tagged test', () => {
    const known = new Set(FAULT_SCENARIOS.map((scenario) => scenario.id));
    expect(taggedTests().filter((test) => !known.has(test.id))).toEqual([]);
  });

  it('is the "What happens when…" table of docs/operations.md (npx tsx tools/faults-doc.ts --write)', () => {
    expect(readFileSync(OPERATIONS_DOC, 'utf8')).toBe(expectedOperationsDoc());
  });
});
