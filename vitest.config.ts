import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // End-to-end tests spawn the built server and wait on real sockets; a loaded 2-core machine needs headroom.
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
});
