import { readdirSync, readFileSync } from 'node:fs'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { format } from '../src/format.js'
import { parse } from '../src/parse.js'

/**
 * The tree as the compiler sees it: ranges dropped, and spellings the formatter may
 * canonicalise (number and time text, money decimals, comment trailing spaces) replaced by
 * their values.
 */
function meaning(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(meaning)
  if (value === null || typeof value !== 'object') return value
  const node = value as Record<string, unknown>
  const out: Record<string, unknown> = {}
  for (const [key, field] of Object.entries(node)) {
    if (key === 'range') continue
    if (key === 'text' && (node.kind === 'number' || node.kind === 'timeOfDay')) continue
    if (key === 'text' && node.kind === 'comment') out[key] = String(field).trimEnd()
    else if (key === 'amount' && node.kind === 'moneyAmount') out[key] = Number(field)
    else out[key] = meaning(field)
  }
  return out
}

function expectCanonical(text: string): void {
  const original = parse(text)
  expect(original.diagnostics).toEqual([])
  const once = format(text).text
  expect(once).not.toBeNull()
  const reparsed = parse(once ?? '')
  expect(reparsed.diagnostics).toEqual([])
  expect(meaning(reparsed.ast)).toEqual(meaning(original.ast))
  expect(format(once ?? '').text).toBe(once)
}

const examplesDir = new URL('../../../examples/', import.meta.url)
const examples = readdirSync(examplesDir).filter((name) => name.endsWith('.dun'))

describe('formatting the examples', () => {
  it.skipIf(examples.length === 0).each(examples)(
    '%s: keeps the tree and is idempotent',
    (name) => {
      expectCanonical(readFileSync(new URL(name, examplesDir), 'utf8'))
    },
  )
})

// ---------- generated policies, written with arbitrary (valid) layout ----------

/** Any whitespace the grammar allows between two words. */
const gap = fc.constantFrom(' ', '  ', '\t', '\n', '\n\n    ')
/** What may separate two items: a line break, a `;`, blank lines, comments. */
const itemBreak = fc.constantFrom(
  '\n',
  '; ',
  '\n\n\n',
  '   # a note \n',
  '\n# own line\n\n',
  ' ;\n',
)

function words(parts: readonly string[]): fc.Arbitrary<string> {
  return fc
    .array(gap, { minLength: parts.length, maxLength: parts.length })
    .map((gaps) => parts.map((part, i) => (i === 0 ? part : gaps[i] + part)).join(''))
}

const predicate = fc.constantFrom(
  'invoice.amount_due > 5000 USD | 4500 EUR',
  'invoice.amount_due>=049.9 USD',
  'invoice.disputed',
  'customer.country in ["DE", "AT"]',
  'customer.plan not in []',
  'customer.tags contains "vip"',
  'invoice.last_decline is hard',
  'invoice.last_decline is not soft',
  'invoice.attempts >= 3.50',
  'dunning.days_since_trigger > 7 day',
  'customer.plan == "enterprise-with-a-rather-long-name"',
)

const expression: fc.Arbitrary<string> = fc.letrec<{ expr: string }>((tie) => ({
  expr: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    predicate,
    fc
      .tuple(tie('expr'), fc.constantFrom('and', 'or'), tie('expr'))
      .map(([a, op, b]) => `${a} ${op} ${b}`),
    tie('expr').map((e) => `not ${e}`),
    tie('expr').map((e) => `( ${e} )`),
  ),
})).expr

const action = fc.constantFrom(
  'email "reminder"',
  'notify sms,email "final"',
  'call "am"',
  'retry payment',
  'retry payment using backup methods',
  'task "Review" for "credit-control"',
  'escalate to collections',
  'escalate to agency "Acme"',
  'offer payment plan 3 instalments every 30 days',
  'offer partial payment min 25%',
  'late fee 25 USD | 20.5 EUR',
  'late fee 1.5%',
  'suspend subscription',
  'write off',
)

const step = fc
  .tuple(
    fc.constantFrom('day', 'hour'),
    fc.array(fc.integer({ min: -5, max: 40 }), { minLength: 1, maxLength: 3 }),
    fc.option(fc.constantFrom('8:00', '10:30'), { nil: undefined }),
    fc.option(fc.constantFrom('due', 'failure'), { nil: undefined }),
    action,
    fc.option(fc.constantFrom('"label"', '"x y"'), { nil: undefined }),
    fc.option(expression, { nil: undefined }),
  )
  .chain(([unit, offsets, at, from, act, label, when]) =>
    words([
      unit,
      offsets.join(' , '),
      ...(at ? ['at', at] : []),
      ...(from ? ['from', from] : []),
      act,
      ...(label ? ['as', label] : []),
      ...(when ? ['when', when] : []),
    ]),
  )

/** What may follow a `{`: no `;`, since a `;` only ends an item. */
const afterBrace = fc.constantFrom('', '\n', ' # after the brace\n', '\n\n  ')

function block(header: fc.Arbitrary<string>, item: fc.Arbitrary<string>): fc.Arbitrary<string> {
  return fc
    .tuple(header, fc.array(fc.tuple(item, itemBreak), { maxLength: 4 }), afterBrace)
    .map(([head, items, end]) => `${head} {${end}${items.map(([i, b]) => i + b).join('')}}`)
}

const segment = block(
  fc
    .tuple(fc.constantFrom('vip', 'everyone', 'payment'), fc.option(expression, { nil: undefined }))
    .chain(([name, when]) => words(['segment', name, ...(when ? ['when', when] : [])])),
  step,
)

const limits = block(
  fc.constant('limits'),
  fc.constantFrom(
    'quiet hours 21:00 to 8:00',
    'at most 3 messages per 7 days',
    'at most 1 sms per 1 week',
  ),
)

const policyItem = fc.oneof(
  fc.constantFrom('currencies USD , EUR', 'anchor failure', 'anchor due'),
  limits,
  expression.map((e) => `stop when ${e}`),
  expression.map((e) => `pause when ${e}`),
  segment,
)

const test = block(
  fc.constant('test "generated"'),
  fc.constantFrom(
    'given invoice.last_decline = "hard", customer.plan = "pro"',
    'given invoice.due_at = day -3',
    'at day 1 expect email "reminder", no retry payment',
    'at hour 2 at 9:00 expect nothing',
    'at day 3 expect no step "label", segment vip, stopped',
  ),
)

const policyText = fc
  .tuple(
    fc.constantFrom('', '# header\n', '\n\n'),
    block(fc.constant('policy "generated"'), policyItem),
    fc.array(test, { maxLength: 2 }),
    fc.constantFrom('', '\n', '\n# end\n', ' # trailing'),
  )
  .map(([head, policy, tests, end]) => [head + policy, ...tests].join('\n') + end)

describe('formatting generated policies', () => {
  it('keeps the tree and is idempotent', () => {
    fc.assert(fc.property(policyText, expectCanonical), { numRuns: 300 })
  })
})
