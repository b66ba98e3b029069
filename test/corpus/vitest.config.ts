// Config for the optional corpus run (`npm run test:corpus`): real-world files from other
// projects' test suites in ../shared/corpus, never committed here. The default config excludes
// test/corpus so `npm test` never depends on them.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  root: new URL('../..', import.meta.url).pathname,
  test: {
    include: ['test/corpus/**/*.test.ts'],
    testTimeout: 300_000,
    hookTimeout: 300_000,
    pool: 'forks',
  },
});
