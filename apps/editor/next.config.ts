import type { NextConfig } from 'next'

/**
 * Workspace packages are consumed as their `tsc -b` builds (`dist/`, the `default` export
 * condition), so `npm run build` needs `tsc -b` first — `npm start` and turbo do that.
 * The server-side packages stay outside the bundle: they open database sockets and the
 * embedded PGlite (WASM files next to its JavaScript) and run as plain Node modules.
 */
const config: NextConfig = {
  // The e2e stack builds into its own folder, so running the tests never replaces the build
  // a developer's `npm start` is serving (and the other way round).
  distDir: process.env.DUN_EDITOR_DIST_DIR ?? '.next',
  reactStrictMode: true,
  // Types are checked by the root `npm run typecheck` (`tsc --noEmit -p apps/editor`, tests
  // included); the build serves what compiles, so a test's types never block `npm start`.
  typescript: { ignoreBuildErrors: true },
  poweredByHeader: false,
  serverExternalPackages: [
    '@dun/service',
    '@dun/store',
    '@electric-sql/pglite',
    '@electric-sql/pglite-socket',
    'pg',
  ],
}

export default config
