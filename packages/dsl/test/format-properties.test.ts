import { readdirSync, readFileSync } from 'node:fs'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { compile } from '../src/compile.js'
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
  it('finds the examples (an empty folder must not pass silently)', () => {
    expect(examples.length).toBeGreaterThanOrEqual(4)
  })

  it.each(examples)('%s: keeps the tree and is idempotent', (name) => {
    expectCanonical(readFileSync(new URL(name, examplesDir), 'utf8'))
  })
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
  'dunning.since_last_contact > 7 day',
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
    fc.oneof(
      fc.constant(['hour', undefined] as const),
      fc.tuple(fc.constant('day'), fc.option(fc.constantFrom('8:00', '10:30'), { nil: undefined })),
    ),
    fc.array(fc.integer({ min: -5, max: 40 }), { minLength: 1, maxLength: 3 }),
    // `from failure` would make negative offsets an error: every anchor here is the due date.
    fc.option(fc.constant('due'), { nil: undefined }),
    action,
    fc.option(
      fc.nat().map((n) => `"step ${n}"`),
      { nil: undefined, freq: 4 },
    ),
    fc.option(expression, { nil: undefined }),
  )
  .chain(([[unit, at], offsets, from, act, label, when]) =>
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

function segment(name: string, when: fc.Arbitrary<string | undefined>): fc.Arbitrary<string> {
  const header = when.chain((guard) => words(['segment', name, ...(guard ? ['when', guard] : [])]))
  return block(header, step)
}

const limits = block(
  fc.constant('limits'),
  fc.constantFrom(
    'quiet hours 21:00 to 8:00',
    'at most 3 messages per 7 days',
    'at most 1 sms per 1 week',
  ),
)

/** A policy that compiles: currencies first, then optional parts, and a catch-all segment last. */
const policyItems = fc
  .tuple(
    words(['currencies', 'USD', ',', 'EUR']),
    fc.subarray(['anchor due']),
    fc.option(limits, { nil: undefined }),
    fc.array(
      fc
        .tuple(fc.constantFrom('stop', 'pause'), expression)
        .map(([rule, e]) => `${rule} when ${e}`),
      { maxLength: 2 },
    ),
    fc
      .subarray(['vip', 'payment'])
      .chain((names) => fc.tuple(...names.map((name) => segment(name, expression)))),
    segment('everyone', fc.constant(undefined)),
  )
  .map(([currencies, anchor, limitsBlock, rules, segments, everyone]) => [
    currencies,
    ...anchor,
    ...(limitsBlock ? [limitsBlock] : []),
    ...rules,
    ...segments,
    everyone,
  ])

const test = (name: string) =>
  block(
    fc.constant(`test "${name}"`),
    fc.constantFrom(
      'given invoice.last_decline = "hard", customer.plan = "pro"',
      'given invoice.due_at = day -3',
      'at day 1 expect email "reminder", no retry payment',
      'at hour 2 at 9:00 expect nothing',
      'at day 3 expect no retry payment, segment everyone, stopped',
    ),
  )

const policyText = fc
  .tuple(
    fc.constantFrom('', '# header\n', '\n\n'),
    afterBrace,
    policyItems,
    fc.array(itemBreak, { minLength: 6, maxLength: 6 }),
    fc.subarray(['t1', 't2']).chain((names) => fc.tuple(...names.map(test))),
    fc.constantFrom('', '\n', '\n# end\n', ' # trailing'),
  )
  .map(([head, open, items, breaks, tests, end]) => {
    const body = items.map((item, i) => item + (breaks[i] ?? '\n')).join('')
    return [`${head}policy "generated" {${open}${body}}`, ...tests].join('\n') + end
  })

describe('formatting generated policies', () => {
  it('keeps the tree and is idempotent', () => {
    fc.assert(fc.property(policyText, expectCanonical), { numRuns: 300 })
  })
})

/** The compiled policy without the source lines of steps, which formatting moves. */
function compiledMeaning(text: string): unknown {
  const { compiled, diagnostics } = compile(text)
  const plan = compiled && {
    ...compiled,
    plan: {
      ...compiled.plan,
      segments: compiled.plan.segments.map((segment) => ({
        ...segment,
        steps: segment.steps.map(({ line: _line, ...step }) => step),
      })),
    },
  }
  return { compiled: plan, codes: diagnostics.map((d) => d.code) }
}

function expectSameCompilation(text: string): void {
  const formatted = format(text).text ?? ''
  expect(compiledMeaning(formatted)).toEqual(compiledMeaning(text))
}

describe('formatting never changes the compiled policy', () => {
  it.each(examples)('%s', (name) => {
    expectSameCompilation(readFileSync(new URL(name, examplesDir), 'utf8'))
  })

  it('for generated policies', () => {
    fc.assert(fc.property(policyText, expectSameCompilation), { numRuns: 200 })
  })
})
