import { defineConfig } from 'vitest/config';

// Four projects: unit (pure code), integration (real DynamoDB Local + local SES via the local API server),
// e2e (Debian Chromium through playwright-core against the local stack) and infra (CDK assertions + cdk-nag).
export default defineConfig({
  test: {
    projects: [
      { test: { name: 'unit', include: ['tests/unit/**/*.test.ts'], testTimeout: 30_000 } },
      {
        test: {
          name: 'integration',
          include: ['tests/integration/**/*.test.ts'],
          globalSetup: ['tests/support/global-local-aws.ts'],
          testTimeout: 60_000,
          hookTimeout: 90_000,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['tests/e2e/**/*.test.ts'],
          globalSetup: ['tests/support/global-local-aws.ts'],
          testTimeout: 120_000,
          hookTimeout: 120_000,
          // one browser at a time keeps a 2-core machine responsive
          fileParallelism: false,
        },
      },
      { test: { name: 'infra', include: ['tests/infra/**/*.test.ts'], testTimeout: 180_000, hookTimeout: 180_000 } },
    ],
  },
});
