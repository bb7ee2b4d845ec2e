// The standing fault suite (`npm run test:faults`, tools/faults.ts): `*.fault-spec.ts` under apps/, each a scenario
// of tools/faults/catalogue.ts against real processes, a private PostgreSQL and a private Redis. One file at a time:
// they stop and kill what they start, and time their recoveries.
const { readFileSync } = require('node:fs');
const { join } = require('node:path');

const root = join(__dirname, '../..');
const tsconfig = JSON.parse(readFileSync(join(root, 'tsconfig.base.json'), 'utf8'));
const moduleNameMapper = Object.fromEntries(
  Object.entries(tsconfig.compilerOptions.paths).map(([alias, [target]]) => [
    `^${alias.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}$`,
    join('<rootDir>', target),
  ]),
);

module.exports = {
  rootDir: root,
  displayName: 'faults',
  globalSetup: '<rootDir>/tools/jest/global-setup.cjs',
  globalTeardown: '<rootDir>/tools/jest/global-teardown.cjs',
  testEnvironment: 'node',
  testMatch: ['<rootDir>/apps/**/*.fault-spec.ts'],
  testPathIgnorePatterns: ['/node_modules/'],
  testTimeout: 60_000,
  maxWorkers: 1,
  transform: {
    '^.+\\.ts$': [
      '@swc/jest',
      {
        jsc: {
          parser: { syntax: 'typescript', decorators: true },
          transform: { legacyDecorator: true, decoratorMetadata: true },
          target: 'es2022',
        },
        module: { type: 'commonjs' },
      },
    ],
  },
  moduleNameMapper,
};
