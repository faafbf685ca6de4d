import { readdirSync, readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import type { CompiledPolicy } from '../src/compiled.js'
import type { Decision } from '../src/decision.js'
import { prepare } from '../src/evaluate/prepare.js'
import { customerCaseFacts } from '../src/facts/input.js'

/**
 * Table-driven cases (OPA style): each `cases/*.json` holds `{note, policy, facts, now, want}`.
 * `policy` names a fixture (`fixtures/<name>.compiled.json`) or is a compiled policy; `want`
 * lists the expected decisions (a subset of their fields, instants as ISO text). Every case
 * runs on both paths.
 */
interface Case {
  readonly note: string
  readonly policy: string | CompiledPolicy
  readonly facts: unknown
  readonly now: string
  readonly want: readonly unknown[]
}

const folder = new URL('./cases/', import.meta.url)
const files = readdirSync(folder).filter((name) => name.endsWith('.json'))

function loadPolicy(policy: Case['policy']): CompiledPolicy {
  if (typeof policy !== 'string') return policy
  return JSON.parse(
    readFileSync(new URL(`./fixtures/${policy}.compiled.json`, import.meta.url), 'utf8'),
  )
}

const INSTANTS = new Set(['scheduledAt', 'earliestAt', 'nextWakeAt'])

/** Instants as ISO text, so cases read like a calendar. */
function readable(decisions: readonly Decision[]): unknown {
  return JSON.parse(
    JSON.stringify(decisions, (key, value: unknown) =>
      INSTANTS.has(key) && typeof value === 'number' ? new Date(value).toISOString() : value,
    ),
  )
}

for (const file of files) {
  const cases = JSON.parse(readFileSync(new URL(file, folder), 'utf8')) as Case[]
  describe(file, () => {
    for (const c of cases) {
      it(c.note, async () => {
        const compiled = loadPolicy(c.policy)
        const facts = customerCaseFacts.parse(c.facts)
        const now = Date.parse(c.now)
        const fast = prepare(compiled).evaluateCustomer(facts, now)
        expect(readable(fast)).toMatchObject(c.want)
        const reference = await prepare(compiled, { path: 'reference' }).evaluateCustomer(
          facts,
          now,
        )
        expect(reference).toEqual(fast)
      })
    }
  })
}
