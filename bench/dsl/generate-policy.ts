/**
 * Generates a policy of about `lines` lines shaped like the ones analysts write, only longer:
 * a header (currencies, anchor, limits, stop and pause), segments of ~50 lines (a comment,
 * a guard, an anchor now and then, ~40 steps over every action kind, most of them guarded,
 * comments between groups of steps), a catch-all last, then test blocks making up ~20% of
 * the lines. Every construct of the grammar appears, and the policy checks without errors.
 *
 * Why this shape: the compiled format repeats every earlier segment's negated predicate in
 * each rule (FORMAT.md), so a policy made of many tiny segments measures that repetition,
 * not the front end. Real policies have a handful of segments with many steps each.
 */
export function generatePolicy(lines: number): string {
  const out: string[] = header()
  const policyLines = Math.round(lines * 0.8)
  let segments = 0
  while (out.length < policyLines - 10) out.push(...segmentLines(segments++))
  out.push(...catchAll(), '}')
  for (let test = 0; out.length < lines - 1; test++) out.push(...testLines(test, segments))
  return out.join('\n') + '\n'
}

function header(): string[] {
  return [
    '# Generated for the benchmark: long segments, guarded steps, comments and tests.',
    'policy "bench" {',
    '  currencies USD, EUR, GBP',
    '  anchor due',
    '',
    '  limits {',
    '    quiet hours 21:00 to 08:00',
    '    at most 3 messages per 7 days; at most 2 sms per 7 days',
    '    at most 4 retries per 30 days',
    '  }',
    '',
    '  stop when invoice.balance <= 0 or invoice.status is void',
    '  pause when invoice.disputed == true or customer.promise_to_pay_until > now',
  ]
}

/** A segment's guard, different for each segment so none shadows another. */
function guard(segment: number): string {
  const amount = 1000 + segment * 10
  switch (segment % 4) {
    case 0:
      return `customer.plan == "plan-${segment}" and history.late_payments_12m >= ${segment % 5}`
    case 1:
      return `customer.arr >= ${amount} USD | ${amount - 100} EUR | ${amount - 200} GBP or customer.tags contains "t${segment}"`
    case 2:
      return `(customer.plan == "plan-${segment}" or customer.country in ["US", "CA"]) and not (customer.tenure < 30 days)`
    default:
      return `customer.plan == "plan-${segment}" and customer.country not in ["DE", "AT", "CH"]`
  }
}

/** The steps of one segment: `n` is the step's number in the segment, `k` unique in the file. */
const STEPS: readonly ((n: number, k: number) => string)[] = [
  (n, k) => `day ${n} email "reminder-${k}" when invoice.last_decline is soft`,
  (n) => `day ${n}, ${n + 2} retry payment when invoice.attempts < ${3 + (n % 4)}`,
  (n, k) => `day ${n} at 10:30 sms, email "final-${k}" when customer.tags contains "t${k}"`,
  (n, k) =>
    `day ${n} escalate to collections when invoice.amount_due > ${1000 + k} USD | ${900 + k} EUR | ${800 + k} GBP and not invoice.disputed`,
  (n, k) => `day ${n} call "script-${k}" when customer.country in ["US", "CA", "GB"]`,
  (n, k) => `day ${n} task "Review account ${k}" for "credit-control"`,
  (n, k) => `day ${n} letter "demand-${k}" as "demand-${k}" when invoice.last_decline is not hard`,
  (n) => `day ${n} from failure retry payment using backup methods when invoice.attempts >= 2`,
  (n, k) =>
    `day ${n} offer payment plan ${2 + (k % 4)} instalments every 2 weeks when account.unpaid_invoices > 1`,
  (n) => `day ${n} offer partial payment min 25% when dunning.since_last_contact > 3 days`,
  (n) => `day ${n} late fee 1.5% when invoice.overdue > 14 days`,
  (n, k) =>
    `day ${n} late fee ${10 + (k % 30)} USD | ${9 + (k % 30)} EUR | ${8 + (k % 30)} GBP when history.lifetime_value < 5000 USD | 4500 EUR | 4000 GBP`,
  (n, k) =>
    `day ${n} escalate to agency "Agency ${k}" when account.total_unpaid > 2000 USD | 1800 EUR | 1600 GBP`,
  (n, k) => `hour ${n * 6} notify webhook, in_app "event-${k}"`,
  (n) => `day ${n} block changes when dunning.messages_7d >= 2`,
]

const ACCOUNT_STEPS: readonly string[] = [
  'day 60 suspend subscription',
  'day 75 cancel subscription when customer.plan != "annual"',
  'day 90 write off when invoice.balance < 50 USD | 45 EUR | 40 GBP',
]

const STEPS_PER_SEGMENT = 40

function segmentLines(segment: number): string[] {
  const out = [
    '',
    `  # Segment ${segment}: customers who ${segment % 2 === 0 ? 'pay late' : 'are worth a call'}.`,
    `  segment s${segment} when ${guard(segment)} {`,
  ]
  if (segment % 3 === 1) out.push('    anchor failure')
  for (let n = 0; n < STEPS_PER_SEGMENT; n++) {
    if (n % 10 === 5) out.push(`    # after day ${n}, firmer wording`)
    const step = STEPS[(segment + n) % STEPS.length]!
    out.push(`    ${step(n, segment * STEPS_PER_SEGMENT + n)}`)
  }
  out.push(...ACCOUNT_STEPS.map((step) => `    ${step}`), '  }')
  return out
}

function catchAll(): string[] {
  return [
    '',
    '  # Everyone else.',
    '  segment everyone {',
    '    day 0 email "update-card" when invoice.last_decline is hard',
    '    day 1, 3, 5 retry payment when invoice.last_decline is soft',
    '    day 7 sms, email "final-notice" as "final-notice"',
    '    day 21 suspend subscription',
    '  }',
  ]
}

/** One test in four checks a numbered segment's choice, the others the catch-all's steps. */
function testLines(test: number, segments: number): string[] {
  if (test % 4 !== 0 || segments === 0) {
    return [
      '',
      `test "everyone ${test}: hard declines get a new card" {`,
      '  given invoice.last_decline = "hard", customer.plan = "none", invoice.amount_due = 10 USD',
      `  given customer.promise_to_pay_until = day ${20 + (test % 5)}`,
      '  at day 0 expect email "update-card", no retry payment',
      '  at day 7 at 09:00 expect step "final-notice"',
      `  at day 21 expect suspend subscription`,
      '}',
    ]
  }
  const segment = (test / 4) % segments
  return [
    '',
    `test "${test}: segment s${segment} is chosen for its plan" {`,
    `  given customer.plan = "plan-${segment}", history.late_payments_12m = ${segment % 5}`,
    '  given invoice.last_decline = "soft", customer.tags = ["t0"], customer.country = "FR"',
    `  at day 0 expect segment s${segment}`,
    `  at day 1 expect no call "script-0", nothing`,
    '  at day 100 expect stopped, no write off',
    '}',
  ]
}
