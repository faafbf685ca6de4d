import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs'
import { basename, join } from 'node:path'
import { compile, format, runTests } from '@dun/dsl'
import { describe, expect, it } from 'vitest'

/**
 * Every example policy is clean, canonically formatted, compiles to exactly its reviewed
 * golden JSON, and passes its own tests. `UPDATE_GOLDEN=1 npx vitest run examples`
 * rewrites the goldens; review the diff like code.
 */
const EXAMPLES = join(import.meta.dirname, '..')
const GOLDEN = join(EXAMPLES, 'golden')
const update = process.env.UPDATE_GOLDEN === '1'

const files = readdirSync(EXAMPLES)
  .filter((name) => name.endsWith('.dun'))
  .sort()

function golden(name: string, actual: string): void {
  const path = join(GOLDEN, name)
  if (update) {
    mkdirSync(GOLDEN, { recursive: true })
    writeFileSync(path, actual)
  }
  if (!existsSync(path))
    throw new Error(`${path} is missing: run UPDATE_GOLDEN=1 npx vitest run examples`)
  expect(actual).toBe(readFileSync(path, 'utf8'))
}

it('finds the examples', () => {
  expect(files.length).toBeGreaterThanOrEqual(4)
})

describe.each(files)('%s', (file) => {
  const text = readFileSync(join(EXAMPLES, file), 'utf8')
  const name = basename(file, '.dun')

  it('compiles without diagnostics to its golden JSON', () => {
    const { compiled, diagnostics } = compile(text)
    expect(diagnostics).toEqual([])
    golden(`${name}.compiled.json`, `${JSON.stringify(compiled, null, 2)}\n`)
  })

  it('is in canonical format', () => {
    const formatted = format(text)
    expect(formatted.diagnostics).toEqual([])
    expect(formatted.text).toBe(text)
  })

  it('passes its tests, several of them', () => {
    const report = runTests(text)
    const failures = report.tests
      .filter((t) => !t.passed)
      .map((t) => ({ test: t.name, failures: t.failures }))
    expect(failures).toEqual([])
    expect(report.passed).toBeGreaterThanOrEqual(4)
    for (const test of report.tests) expect(test.expectations).toBeGreaterThan(0)
  })
})
