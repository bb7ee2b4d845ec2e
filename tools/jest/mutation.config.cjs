// Jest for mutation testing (`npm run test:mutation`, stryker.config.mjs): the server project of jest.config.cjs
// alone, limited to the test files named in MUTATION_TESTS (comma-separated paths or globs from the repository root)
// so one context's run does not boot every integration test for every mutant.
const base = require('../../jest.config.cjs');

const server = base.projects.find((project) => project.displayName === 'server');
const only = (process.env.MUTATION_TESTS ?? '')
  .split(',')
  .map((path) => path.trim())
  .filter(Boolean)
  .map((path) => `<rootDir>/${path}`);

module.exports = {
  ...server,
  displayName: undefined,
  testTimeout: base.testTimeout,
  globalSetup: base.globalSetup,
  globalTeardown: base.globalTeardown,
  ...(only.length > 0 ? { testMatch: only } : {}),
};
