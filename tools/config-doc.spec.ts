import { configVariableDocs, envVariables } from '@plenary/server-core';
import { readFileSync } from 'node:fs';
import { CONFIG_DOC, expectedConfigDoc } from './config-doc';

describe('docs/configuration.md', () => {
  const doc = readFileSync(CONFIG_DOC, 'utf8');

  it('documents every variable of the config schema, in the schema itself', () => {
    const documented = configVariableDocs();
    expect(documented.map((variable) => variable.name)).toEqual(Object.keys(envVariables.shape));
    for (const variable of documented) expect(variable.description.length).toBeGreaterThan(10);
  });

  it('lists every variable of the config schema', () => {
    const missing = configVariableDocs()
      .map((variable) => variable.name)
      .filter((name) => !doc.includes(`| \`${name}\` `));
    expect(missing).toEqual([]);
  });

  it('holds the table generated from the schema (npx tsx tools/config-doc.ts --write)', () => {
    expect(doc).toBe(expectedConfigDoc(doc));
  });
});
