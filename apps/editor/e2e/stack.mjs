// The server stack the e2e suite runs against: a fresh temporary data directory, the
// runner (which creates the embedded database and the first admin from DUN_ADMIN_PASSWORD)
// with the examples published, and the editor on DUN_E2E_PORT. Nothing of a developer's
// `.dun/` is read or written. Stops both and removes the directory on SIGTERM/SIGINT.
import { execFileSync, spawn } from 'node:child_process'
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import {
  editorDir,
  ensureEditorBuild,
  startEditor,
  waitForHttp,
} from '../scripts/editor-process.mjs'

const root = join(editorDir, '..', '..')
const port = process.env.DUN_E2E_PORT
const password = process.env.DUN_ADMIN_PASSWORD
if (!port || !password) {
  console.error(
    'e2e/stack.mjs: set DUN_E2E_PORT and DUN_ADMIN_PASSWORD (playwright.config.ts does)',
  )
  process.exit(2)
}
const log = (text) => console.log(`[e2e stack] ${text}`)
// Where specs that seed through the runner's API find it (e2e/runner-api.ts).
const infoFile = join(tmpdir(), `dun-e2e-stack-${port}.json`)
// Its own build folder (see next.config.ts); `next start` inherits it through the environment.
process.env.DUN_EDITOR_DIST_DIR ??= '.next-e2e'

execFileSync('npx', ['tsc', '-b'], { cwd: root, stdio: 'inherit' })
ensureEditorBuild(log)

const home = mkdtempSync(join(tmpdir(), 'dun-e2e-'))
const dun = join(root, 'apps', 'runner', 'bin', 'dun.js')
const apiPort = await freePort()
const env = {
  ...process.env,
  DATABASE_URL: '',
  DUN_HTTP_PORT: String(apiPort),
  DUN_LOG_LEVEL: 'warn',
}
log(`data directory ${home}; runner API on ${apiPort}; editor on ${port}`)

const children = []
let stopping = false
const stop = () => {
  if (stopping) return
  stopping = true
  for (const child of children) child.kill('SIGTERM')
  Promise.all(
    children.map((c) => new Promise((r) => (c.exitCode === null ? c.once('exit', r) : r()))),
  )
    .then(() => {
      rmSync(home, { recursive: true, force: true })
      rmSync(infoFile, { force: true })
    })
    .finally(() => process.exit(0))
}
process.on('SIGTERM', stop)
process.on('SIGINT', stop)

const runner = spawn(process.execPath, [dun, 'runner'], { cwd: home, env, stdio: 'inherit' })
children.push(runner)
runner.once('exit', (code) => {
  if (!stopping) {
    console.error(`[e2e stack] the runner exited (${code}); see its output above`)
    process.exit(1)
  }
})
if (!(await waitForHttp(`http://127.0.0.1:${apiPort}/readyz`, () => runner.exitCode !== null))) {
  console.error('[e2e stack] the runner did not become ready')
  stop()
}
const examples = readdirSync(join(root, 'examples')).filter((f) => f.endsWith('.dun'))
for (const file of examples) {
  execFileSync(
    process.execPath,
    [dun, 'publish', join(root, 'examples', file), '--comment', 'e2e'],
    {
      cwd: home,
      env,
      stdio: 'inherit',
    },
  )
}
writeFileSync(infoFile, JSON.stringify({ apiUrl: `http://127.0.0.1:${apiPort}`, home }))
children.push(startEditor({ port, dataDir: join(home, '.dun'), env }))

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const { port: free } = server.address()
      server.close(() => resolve(free))
    })
  })
}
