// End-to-end tests: real processes started by `npm start`'s code path, real PostgreSQL, Chromium via playwright-core.
const { join } = require('node:path');
const root = join(__dirname, '../..');
module.exports = {
  rootDir: root,
  displayName: 'e2e',
  testEnvironment: 'node',
  testMatch: ['<rootDir>/apps/e2e/src/**/*.e2e-spec.ts'],
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
  moduleNameMapper: {
    '^@plenary/contracts$': '<rootDir>/libs/shared/contracts/src/index.ts',
  },
  testTimeout: 120000,
  maxWorkers: 1,
};
