import { defineConfig } from 'vitest/config'

// One run over every package: a single summary, files spread over both cores.
// The `@dun/source` condition makes workspace packages resolve to their TypeScript
// sources, so tests never depend on a stale build.
export default defineConfig({
  resolve: { conditions: ['@dun/source'] },
  ssr: { resolve: { conditions: ['@dun/source'] } },
  test: {
    include: ['{packages,apps,examples}/*/test/**/*.test.ts', 'examples/test/**/*.test.ts'],
    testTimeout: 30_000,
    reporters: ['default'],
  },
})
