import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs'
import { basename, join } from 'node:path'
import { compile, format, runTests } from '@dun/dsl'
import { customerCaseFacts, prepare, replay, type CompiledPolicy } from '@dun/engine'
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

  it('replays the same on a stock json-rules-engine Engine as on the fast path', async () => {
    const { compiled } = compile(text)
    if (!compiled) throw new Error(`${file} does not compile`)
    for (const [amount, decline] of [
      [10_000, null],
      [1_000_000, 'soft'],
      [50_000, 'hard'],
    ] as const) {
      const input = {
        facts: caseFacts(compiled, amount, decline),
        until: Date.parse('2026-03-31T00:00:00Z'),
      }
      const fast = prepare(compiled)
      const reference = prepare(compiled, { path: 'reference' })
      const expected = fast.run(replay(fast, input)).timeline
      expect(expected.length).toBeGreaterThan(0)
      expect((await reference.run(replay(reference, input))).timeline).toEqual(expected)
    }
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

/** One invoice in the policy's first currency, due 2026-01-15, failed on its due date when `decline` is set. */
function caseFacts(compiled: CompiledPolicy, amount: number, decline: 'soft' | 'hard' | null) {
  const currency = compiled.policy.currencies[0] ?? 'USD'
  const due = '2026-01-15T00:00:00Z'
  return customerCaseFacts.parse({
    customer: { id: 'c1', currency, timezone: 'Europe/London' },
    cases: [
      {
        invoice: {
          id: 'i1',
          amount_due: amount,
          balance: amount,
          currency,
          issued_at: '2025-12-16T00:00:00Z',
          due_at: due,
          last_decline_class: decline,
          first_failed_at: decline ? due : null,
        },
      },
    ],
  })
}
