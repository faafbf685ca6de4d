// Builds the editor when its sources (or the workspace packages it uses) changed since the
// last `next build`, and starts `next start`. Shared by `npm start` and the e2e stack.
import { execFileSync, spawn } from 'node:child_process'
import { existsSync, readdirSync, statSync } from 'node:fs'
import { join } from 'node:path'

export const editorDir = new URL('..', import.meta.url).pathname
const root = join(editorDir, '..', '..')
const nextBin = join(root, 'node_modules', 'next', 'dist', 'bin', 'next')

/** What a build depends on: the app's files and the `dist/` of the packages it imports. */
const inputs = [
  ...['app', 'components', 'lib', 'next.config.ts', 'package.json', 'tsconfig.json'].map((p) =>
    join(editorDir, p),
  ),
  ...['engine', 'dsl', 'store', 'service'].map((p) => join(root, 'packages', p, 'dist')),
]

function newestChange(path) {
  if (!existsSync(path)) return 0
  const stat = statSync(path)
  if (!stat.isDirectory()) return stat.mtimeMs
  return readdirSync(path).reduce(
    (newest, name) => Math.max(newest, newestChange(join(path, name))),
    stat.mtimeMs,
  )
}

/** Runs `next build` unless `.next` is newer than every input; says which it did. */
export function ensureEditorBuild(log) {
  const buildId = join(editorDir, process.env.DUN_EDITOR_DIST_DIR ?? '.next', 'BUILD_ID')
  const built = existsSync(buildId) ? statSync(buildId).mtimeMs : 0
  if (built > Math.max(...inputs.map(newestChange))) {
    log(`The editor build in ${buildId.replace(/BUILD_ID$/, '')} is up to date.`)
    return
  }
  log(
    'Building the editor (next build; a minute or two on a cold cache)\n  $ npm run build -w @dun/editor',
  )
  execFileSync(process.execPath, [nextBin, 'build'], {
    cwd: editorDir,
    stdio: 'inherit',
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1' },
  })
}

/**
 * Starts `next start` on `port`, joined to the database served from `dataDir` (its
 * `server.json`), or `DATABASE_URL` when set. Returns the child process.
 */
export function startEditor({
  port,
  host = '127.0.0.1',
  dataDir,
  env = process.env,
  stdio = 'inherit',
}) {
  return spawn(process.execPath, [nextBin, 'start', '--port', String(port), '--hostname', host], {
    cwd: editorDir,
    stdio,
    env: { ...env, DUN_DATA_DIR: dataDir, NEXT_TELEMETRY_DISABLED: '1' },
  })
}

/** Polls `url` until it answers (any status below 500), or `gone` says the process died. */
export async function waitForHttp(url, isGone, attempts = 480) {
  for (let attempt = 0; attempt < attempts && !isGone(); attempt++) {
    const ok = await fetch(url, { redirect: 'manual' })
      .then((response) => response.status < 500)
      .catch(() => false)
    if (ok) return true
    await new Promise((resolve) => setTimeout(resolve, 250))
  }
  return false
}
