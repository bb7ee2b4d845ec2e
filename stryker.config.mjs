// Mutation testing of the server contexts (StrykerJS with its Jest runner): on demand, never in CI.
// One context at a time on a 2-core machine, for example the door's admission:
//   MUTATE='libs/server/checkin/src/lib/scans/**/*.ts' MUTATION_TESTS='apps/api/src/app/checkin.int-spec.ts' \
//     DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npm run test:mutation
// MUTATE: what to mutate (comma-separated globs; default every server context's src/lib, which takes hours).
// MUTATION_TESTS: the test files to run (comma-separated; default the whole server project, see
// tools/jest/mutation.config.cjs). Reports: reports/mutation/ (HTML) and the console table.
const mutate = (process.env.MUTATE ?? 'libs/server/*/src/lib/**/*.ts')
  .split(',')
  .map((glob) => glob.trim())
  .filter(Boolean);

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  packageManager: 'npm',
  testRunner: 'jest',
  jest: {
    projectType: 'custom',
    configFile: 'tools/jest/mutation.config.cjs',
    enableFindRelatedTests: false,
  },
  mutate: [
    ...mutate,
    '!**/*.spec.ts',
    '!**/*.int-spec.ts',
    '!**/*.redis-spec.ts',
    '!**/index.ts',
    '!**/migrations/**',
  ],
  // Integration tests each create PostgreSQL databases and boot an api: one at a time.
  concurrency: 1,
  coverageAnalysis: 'perTest',
  timeoutMS: 60_000,
  timeoutFactor: 2,
  ignorePatterns: [
    'apps/web',
    'apps/e2e',
    'libs/web',
    'bench',
    'docs',
    'dist',
    'tmp',
    'coverage',
    'reports',
    '.nx',
  ],
  reporters: ['clear-text', 'progress', 'html'],
  htmlReporter: { fileName: 'reports/mutation/index.html' },
  tempDirName: 'tmp/stryker',
  cleanTempDir: 'always',
};
