import { defineConfig } from 'vitest/config';
import { WxtVitest } from 'wxt/testing/vitest-plugin';

export default defineConfig({
  plugins: [WxtVitest({ root: import.meta.dirname })],
  test: { include: ['src/**/*.test.ts', 'src/**/*.test.tsx'], environment: 'happy-dom', mockReset: true, restoreMocks: true },
});
