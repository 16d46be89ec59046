/** Jest runs the TypeScript sources as ESM (NODE_OPTIONS=--experimental-vm-modules). */
export default {
  testEnvironment: 'node',
  extensionsToTreatAsEsm: ['.ts'],
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  transform: {
    '^.+\\.ts$': [
      'ts-jest',
      {
        useESM: true,
        tsconfig: {
          isolatedModules: true,
          module: 'ESNext',
          moduleResolution: 'Bundler',
          target: 'ES2023',
          verbatimModuleSyntax: false,
        },
      },
    ],
  },
  testMatch: ['<rootDir>/test/**/*.test.ts'],
  testTimeout: 60_000,
  reporters: ['default', '<rootDir>/test/support/count-reporter.cjs'],
};
