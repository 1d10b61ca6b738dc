import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['**/*.test.ts'],
    exclude: ['**/node_modules/**'],
    testTimeout: 180_000,
    hookTimeout: 180_000,
    // Real processes and a real browser: one file at a time on two cores.
    fileParallelism: false,
    // A browser, a service worker and a server share two cores: waiting for the page to show
    // something is not a speed check (benchmarks measure speed), so polls wait long enough.
    expect: { poll: { timeout: 15_000, interval: 100 } },
  },
});
