/**
 * Generates a realistic policy of about `lines` lines: limits, stop and pause rules, and
 * many segments with guarded steps over every action kind, so the benchmark exercises
 * the whole front end (lexer, parser, AST, validator, compiler), not a toy.
 */
export function generatePolicy(lines: number): string {
  const out: string[] = [
    '# generated for the benchmark',
    'policy "bench" {',
    '  currencies USD, EUR, GBP',
    '',
    '  limits {',
    '    quiet hours 21:00 to 08:00',
    '    at most 3 messages per 7 days',
    '    at most 2 sms per 7 days',
    '  }',
    '',
    '  stop when invoice.balance <= 0',
    '  pause when invoice.disputed or customer.promise_to_pay_until > now',
  ]
  const stepLines = [
    (i: number) => `    day ${i % 5} email "reminder-${i}" when invoice.last_decline is soft`,
    (i: number) =>
      `    day ${1 + (i % 7)}, ${9 + (i % 5)} retry payment when invoice.attempts < ${3 + (i % 4)}`,
    (i: number) =>
      `    day ${3 + (i % 9)} at 10:30 sms, email "final-${i}" when customer.tags contains "t${i}"`,
    (i: number) =>
      `    day ${10 + (i % 20)} escalate to collections when invoice.amount_due > ${1000 + i} USD | ${900 + i} EUR | ${800 + i} GBP and not invoice.disputed`,
    (i: number) =>
      `    day ${2 + (i % 11)} call "script-${i}" when customer.country in ["US", "CA", "GB"]`,
    (i: number) => `    # a comment about step ${i}`,
    (i: number) => `    day ${15 + (i % 9)} task "Review account ${i}" for "credit-control"`,
  ]
  let segment = 0
  while (out.length < lines - 8) {
    out.push(
      '',
      `  segment s${segment} when customer.plan == "plan-${segment}" and history.late_payments_12m >= ${segment % 5} {`,
    )
    for (let i = 0; i < 12; i++)
      out.push(stepLines[(segment + i) % stepLines.length]!(segment * 12 + i))
    out.push('  }')
    segment++
  }
  out.push(
    '',
    '  segment everyone {',
    '    day 0 email "update-card" when invoice.last_decline is hard',
    '    day 21 suspend subscription',
    '  }',
    '}',
  )
  return out.join('\n') + '\n'
}
