import type { NextConfig } from 'next'

/**
 * Workspace packages are consumed as their `tsc -b` builds (`dist/`, the `default` export
 * condition), so `npm run build` needs `tsc -b` first — `npm start` and turbo do that.
 * The server-side packages stay outside the bundle: they open database sockets and the
 * embedded PGlite (WASM files next to its JavaScript) and run as plain Node modules.
 */
const config: NextConfig = {
  reactStrictMode: true,
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
