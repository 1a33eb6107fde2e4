import { defineConfig } from 'vitest/config';

// Property suites live in properties/ (*.prop.ts), example-based and meta tests in test/ (*.test.ts).
export default defineConfig({
  test: {
    include: ['properties/**/*.prop.ts', 'test/**/*.test.ts'],
    // Compiles dist/ first: the CLI tests run the compiled binary.
    globalSetup: ['test/setup/build-dist.ts'],
    pool: 'forks',
    maxWorkers: 2,
    testTimeout: 120_000,
    hookTimeout: 120_000,
    reporters: ['default'],
  },
});
