#!/usr/bin/env node
// `npm start`: build what is needed, take a short tour of the examples with the `dun`
// command — the same commands a new user would type — then bring the runner up on the
// embedded database (or DATABASE_URL) with the examples published and, on a first start,
// the sample invoices imported as live data; then the editor on the same database.
// Runs until Ctrl-C.
import { execFileSync, spawn } from 'node:child_process'
import { readdirSync, mkdirSync, existsSync } from 'node:fs'
import { join } from 'node:path'
import { ensureEditorBuild, startEditor, waitForHttp } from '../apps/editor/scripts/editor-process.mjs'

const root = new URL('..', import.meta.url).pathname
process.chdir(root)

step('Building the packages (tsc -b)')
execFileSync('npx', ['tsc', '-b'], { stdio: 'inherit' })

const { main } = await import('../apps/runner/dist/cli.js')
const examples = readdirSync('examples')
  .filter((name) => name.endsWith('.dun'))
  .map((name) => join('examples', name))
const out = '.dun/compiled'
mkdirSync(out, { recursive: true })

const failures = []
await run('Checking every example policy for errors', ['check', ...examples])
await run('Checking that every example is in canonical format', ['fmt', '--check', ...examples])
for (const file of examples) {
  const target = join(out, file.replace(/^examples\//, '').replace(/\.dun$/, '.json'))
  await run(`Compiling ${file} to json-rules-engine rules`, ['compile', file, '-o', target])
}
await run('Running the test blocks of every example', ['test', ...examples])
const sample = 'examples/data/sample-invoices.csv'
if (existsSync(sample)) {
  await run(`Simulating examples/saas-cards.dun against ${sample}`, [
    'simulate',
    'examples/saas-cards.dun',
    '--invoices',
    sample,
    '--html',
    '.dun/simulation.html',
  ])
}

if (failures.length > 0) {
  step(`Tour finished with problems in: ${failures.join(', ')}`)
  process.exit(1)
}
step(`Tour done. Compiled policies are in ${out}/; the simulation report is .dun/simulation.html.`)

// The runner owns the embedded database (a second process never opens its directory);
// the commands below reach it through the URL it publishes in .dun/server.json.
const port = process.env.DUN_HTTP_PORT ?? '4000'
step(`Starting the runner (scheduler, delivery, HTTP API on port ${port})\n  $ npx dun runner`)
const runner = spawn(process.execPath, ['apps/runner/bin/dun.js', 'runner'], {
  stdio: 'inherit',
  env: { ...process.env, DUN_HTTP_PORT: port, DUN_LOG_LEVEL: process.env.DUN_LOG_LEVEL ?? 'warn' },
})
const exited = new Promise((resolve) => runner.once('exit', (code) => resolve(code ?? 0)))
const api = `http://127.0.0.1:${port}`
if (!(await ready(`${api}/readyz`, exited))) {
  step('The runner did not become ready; see its output above.')
  process.exit(1)
}
// Publish the examples, the one new cases start under last (publishing the same text again
// changes nothing), and import the samples as live invoices on a first start only.
for (const file of [
  ...examples.filter((f) => !f.endsWith('saas-cards.dun')),
  'examples/saas-cards.dun',
]) {
  await run(`Publishing ${file}`, ['publish', file, '--comment', 'npm start'])
}
if (existsSync(sample)) {
  await run('Importing the sample invoices as live data (first start only)', [
    'import',
    sample,
    '--customers',
    'examples/data/sample-customers.csv',
    '--if-empty',
  ])
  await run('Storing the sample as a simulation dataset for the editor (first start only)', [
    'dataset',
    'import',
    sample,
    '--name',
    'Sample invoices',
    '--customers',
    'examples/data/sample-customers.csv',
    '--events',
    'examples/data/sample-events.jsonl',
    '--if-absent',
  ])
}
// The editor joins the database the runner serves (the URL in .dun/server.json).
ensureEditorBuild(step)
const editorPort = process.env.DUN_EDITOR_PORT ?? '3000'
const editorUrl = `http://localhost:${editorPort}`
step(`Starting the editor on port ${editorPort}\n  $ npm run start -w @dun/editor`)
const editor = startEditor({ port: editorPort, host: 'localhost', dataDir: join(root, '.dun') })
const editorExited = new Promise((resolve) => editor.once('exit', (code) => resolve(code ?? 0)))
let editorGone = false
void editorExited.then(() => (editorGone = true))
if (!(await waitForHttp(`${editorUrl}/sign-in`, () => editorGone))) {
  failures.push('the editor')
}
const signIn = process.env.DUN_ADMIN_PASSWORD
  ? 'admin, with the password in DUN_ADMIN_PASSWORD'
  : 'admin, with the password the runner printed above when it created the admin ' +
    '(shown once; on later starts use that same password)'
step(
  (failures.length === 0 ? 'Dun is up.' : `Dun is up, with problems in: ${failures.join(', ')}.`) +
    `\n  Editor     ${editorUrl}  (sign in as ${signIn})` +
    `\n  API        ${api}/v1  (bearer tokens; see apps/runner/README.md)` +
    `\n  OpenAPI    ${api}/openapi.json` +
    `\n  Metrics    ${api}/metrics` +
    `\n  Health     ${api}/healthz, ${api}/readyz` +
    '\n  In another terminal: npx dun cases, npx dun publish FILE, npx dun user add NAME --role analyst' +
    '\nPress Ctrl-C to stop (the runner finishes the batch in hand).',
)
// Ctrl-C reaches the runner and the editor too (same process group) and they stop: wait for
// them. A SIGTERM sent to this script alone (a test harness stopping its web server) is
// passed on. If either stops, the other is stopped too.
process.on('SIGINT', () => {})
const stopAll = () => {
  runner.kill('SIGTERM')
  editor.kill('SIGTERM')
}
process.on('SIGTERM', stopAll)
void exited.then(() => editor.kill('SIGTERM'))
void editorExited.then(() => runner.kill('SIGTERM'))
const [runnerCode, editorCode] = await Promise.all([exited, editorExited])
process.exitCode = runnerCode || editorCode

/** Polls the readiness URL until it answers 200, or the runner exits first. */
async function ready(url, exit) {
  let gone = false
  void exit.then(() => (gone = true))
  for (let attempt = 0; attempt < 240 && !gone; attempt++) {
    const ok = await fetch(url)
      .then((response) => response.ok)
      .catch(() => false)
    if (ok) return true
    await new Promise((resolve) => setTimeout(resolve, 250))
  }
  return false
}

async function run(title, argv) {
  step(`${title}\n  $ npx dun ${argv.join(' ')}`)
  const code = await main(argv)
  if (code !== 0) failures.push(`dun ${argv[0]}`)
}

function step(text) {
  process.stdout.write(`\n▸ ${text}\n`)
}
