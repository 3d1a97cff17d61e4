import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { defineConfig } from 'vitest/config';

// Node's on-disk cache of compiled modules, for every process the tests start (test workers, CLIs, the
// build worker with Astro and Vite): ~0.5 s of CPU less per site build, and the suite starts hundreds.
process.env['NODE_COMPILE_CACHE'] ??= join(tmpdir(), 'modelscope-catalog-compile-cache');

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Builds each site several test files read once per run, on first use (test/shared-site.ts).
    globalSetup: ['test/global-setup.ts'],
    // Two files per CPU: half the suite waits rather than computes (child processes, builds, servers,
    // paced requests), and one file per CPU left the CPUs idle half the run (390 s against 255 s here).
    maxWorkers: Math.max(2, availableParallelism() * 2),
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
});
