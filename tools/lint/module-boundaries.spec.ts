import { spawnSync } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = join(__dirname, '../..');

interface EslintResult {
  messages: Array<{ ruleId: string | null; message: string }>;
}

/** Lints a throw-away file placed inside a project, so the real config, tags and type information apply. */
function lintProbe(path: string, source: string): EslintResult['messages'] {
  const file = join(ROOT, path);
  writeFileSync(file, source);
  try {
    const result = spawnSync(
      join(ROOT, 'node_modules/.bin/eslint'),
      ['--format', 'json', '--no-warn-ignored', file],
      {
        cwd: ROOT,
        encoding: 'utf8',
      },
    );
    const [report] = JSON.parse(result.stdout) as EslintResult[];
    return report?.messages ?? [];
  } finally {
    rmSync(file, { force: true });
  }
}

describe('module boundaries', () => {
  it('fail lint when web code imports a server library', () => {
    const messages = lintProbe(
      'libs/web/ui/src/boundary-probe.ts',
      "import { loadConfig } from '@plenary/server-core';\n\nexport const probe = loadConfig;\n",
    );
    expect(messages.map((message) => message.ruleId)).toContain('@nx/enforce-module-boundaries');
  });

  it('fail lint when server code imports React or shared contracts import a framework', () => {
    const server = lintProbe(
      'libs/server/programme/src/boundary-probe.ts',
      "import { useState } from 'react';\n\nexport const probe = useState;\n",
    );
    expect(server.map((message) => message.ruleId)).toContain('@nx/enforce-module-boundaries');
    const shared = lintProbe(
      'libs/shared/contracts/src/boundary-probe.ts',
      "import { Injectable } from '@nestjs/common';\n\nexport const probe = Injectable;\n",
    );
    expect(shared.map((message) => message.ruleId)).toContain('@nx/enforce-module-boundaries');
  });

  it('pass for an allowed import', () => {
    const messages = lintProbe(
      'libs/web/ui/src/boundary-probe.ts',
      "import type { Speaker } from '@plenary/contracts';\n\nexport type Probe = Speaker;\n",
    );
    expect(messages).toEqual([]);
  });
});
