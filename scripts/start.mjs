#!/usr/bin/env node
// `npm start`: build what is needed, then take a short tour of the examples with the `dun`
// command — the same commands a new user would type. The editor and runner replace this
// tour once they exist.
import { execFileSync } from 'node:child_process'
import { readdirSync, mkdirSync, existsSync } from 'node:fs'
import { join } from 'node:path'

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

step(
  failures.length === 0
    ? `Tour done. Compiled policies are in ${out}/; the simulation report is .dun/simulation.html.\n` +
        'Next: read packages/dsl/LANGUAGE.md, copy an example and run `npx dun check your.dun`.'
    : `Tour finished with problems in: ${failures.join(', ')}`,
)
process.exitCode = failures.length === 0 ? 0 : 1

async function run(title, argv) {
  step(`${title}\n  $ npx dun ${argv.join(' ')}`)
  const code = await main(argv)
  if (code !== 0) failures.push(`dun ${argv[0]}`)
}

function step(text) {
  process.stdout.write(`\n▸ ${text}\n`)
}
