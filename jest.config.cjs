// One Jest run over every project: `server` (node: unit *.spec.ts, integration *.int-spec.ts against real
// PostgreSQL/Redis) and `web` (jsdom). Path aliases come from tsconfig.base.json. PLENARY_SKIP_REDIS_TESTS=true (set by
// tools/test.ts when Redis is unreachable outside CI) adds the Redis tests to the server project's ignore list.
const { readFileSync } = require('node:fs');
const { join } = require('node:path');

const tsconfig = JSON.parse(readFileSync(join(__dirname, 'tsconfig.base.json'), 'utf8'));
const moduleNameMapper = Object.fromEntries(
  Object.entries(tsconfig.compilerOptions.paths).map(([alias, [target]]) => [
    `^${alias.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}$`,
    join('<rootDir>', target),
  ]),
);

const swc = (tsx) => [
  '@swc/jest',
  {
    jsc: {
      parser: { syntax: 'typescript', decorators: true, tsx },
      transform: { legacyDecorator: true, decoratorMetadata: true, react: { runtime: 'automatic' } },
      target: 'es2022',
    },
    module: { type: 'commonjs' },
  },
];

module.exports = {
  // Integration tests boot an api or live node (migrations, seed, job runner) in their hooks: seconds on a busy
  // 2-core machine, past Jest's 5 s default. Waits inside tests have their own, shorter deadlines. (Jest reads the
  // timeout from the global configuration only: a project's own `testTimeout` is ignored.)
  testTimeout: 30_000,
  globalSetup: '<rootDir>/tools/jest/global-setup.cjs',
  globalTeardown: '<rootDir>/tools/jest/global-teardown.cjs',
  projects: [
    {
      displayName: 'server',
      rootDir: __dirname,
      testEnvironment: 'node',
      testMatch: [
        '<rootDir>/{apps,libs}/**/*.spec.ts',
        '<rootDir>/tools/**/*.spec.ts',
        '<rootDir>/{apps,libs}/**/*.int-spec.ts',
        '<rootDir>/{apps,libs}/**/*.redis-spec.ts',
      ],
      testPathIgnorePatterns: [
        '/node_modules/',
        '<rootDir>/apps/web/',
        '<rootDir>/libs/web/',
        '<rootDir>/apps/e2e/',
        ...(process.env.PLENARY_SKIP_REDIS_TESTS === 'true' ? ['\\.redis-spec\\.ts$'] : []),
      ],
      transform: { '^.+\\.ts$': swc(false) },
      moduleNameMapper,
    },
    {
      displayName: 'web',
      rootDir: __dirname,
      testEnvironment: 'jsdom',
      testMatch: ['<rootDir>/{apps/web,libs/web}/**/*.spec.{ts,tsx}'],
      setupFiles: ['<rootDir>/apps/web/src/test-setup.ts'],
      transform: { '^.+\\.(ts|tsx)$': swc(true) },
      moduleNameMapper: { ...moduleNameMapper, '\\.(css|svg|png)$': '<rootDir>/tools/jest/asset-stub.cjs' },
    },
  ],
};
