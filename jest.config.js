// Jest runs the TypeScript sources as native ESM (esbuild strips the types), because
// @actions/core and @actions/github can only be imported, not required.
/** @type {import('jest').Config} */
export default {
  testEnvironment: 'node',
  roots: ['<rootDir>/__tests__'],
  testMatch: ['**/*.test.ts'],
  // Fixture trees (e.g. the secrets corpus) hold files named like tests.
  testPathIgnorePatterns: ['/node_modules/', '/fixtures/'],
  extensionsToTreatAsEsm: ['.ts'],
  moduleNameMapper: {
    '^(\\.{1,2}/.*)\\.js$': '$1',
  },
  transform: {
    '^.+\\.ts$': '<rootDir>/__tests__/support/esbuild-transform.mjs',
  },
  globalSetup: '<rootDir>/__tests__/support/global-setup.mjs',
  testTimeout: 30000,
  maxWorkers: '50%',
};
