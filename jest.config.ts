import type { Config } from 'jest';

// One project per package. Node 20 + Jest 30 cannot require ESM, so the ESM-only
// dependencies (NestJS 12 and friends) are compiled to CommonJS by @swc/jest too.
const swc: [string, Record<string, unknown>] = [
  '@swc/jest',
  {
    jsc: {
      target: 'es2022',
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true },
    },
    module: { type: 'commonjs' },
  },
];

const base = {
  testEnvironment: 'node',
  transform: { '^.+\\.(t|j|mj|cj)sx?$': swc },
  transformIgnorePatterns: ['/node_modules/(?!(\\.pnpm|@nestjs|content-disposition)/)'],
  moduleNameMapper: { '^@msb/shared-types$': '<rootDir>/packages/shared-types/src/index.ts' },
  rootDir: __dirname,
};

const config: Config = {
  // Jest reads testTimeout from the root config only; integration and browser specs need more than 5 s.
  testTimeout: 60_000,
  projects: [
    { ...base, displayName: 'shared-types', testMatch: ['<rootDir>/packages/shared-types/src/**/*.spec.ts'] },
    { ...base, displayName: 'bff', testMatch: ['<rootDir>/apps/bff/src/**/*.spec.ts'] },
    {
      ...base,
      displayName: 'bff-int',
      testMatch: ['<rootDir>/apps/bff/test/**/*.int-spec.ts', '<rootDir>/apps/bff/src/**/*.int-spec.ts'],
      globalSetup: '<rootDir>/apps/bff/test/support/global-setup.ts',
      setupFilesAfterEnv: ['<rootDir>/apps/bff/test/support/per-file-setup.ts'],
    },
    { ...base, displayName: 'miniapp', testMatch: ['<rootDir>/apps/miniapp/src/**/*.spec.ts'] },
    {
      // The H5 build in headless Chromium against a real BFF process (see apps/miniapp/e2e/).
      ...base,
      displayName: 'e2e',
      testMatch: ['<rootDir>/apps/miniapp/e2e/**/*.e2e-spec.ts'],
    },
  ],
};

export default config;
