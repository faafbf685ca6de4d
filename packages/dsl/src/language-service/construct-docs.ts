import type { AstNode, ExpectedOutcome } from '../ast.js'

/** What a construct does and one line that shows it; hovers render it as markdown. */
export interface ConstructDoc {
  readonly summary: string
  readonly example: string
}

export type DocumentedKind = AstNode['kind'] | ExpectedOutcome['kind']

/**
 * Documentation per AST node kind. A keyword's hover is the doc of the innermost node it
 * belongs to, so `at` reads as a cap in `at most 3 …` and as a send time in a step.
 */
export const CONSTRUCT_DOCS: Partial<Record<DocumentedKind, ConstructDoc>> = {
  policy: {
    summary:
      'A dunning policy: its currencies, limits, stop and pause rules, and segments of steps.',
    example: 'policy "saas-default" { … }',
  },
  currencies: {
    summary:
      'The ISO 4217 currencies this policy handles. Every money amount names one amount per currency; an invoice in another currency is reported, never converted.',
    example: 'currencies USD, EUR',
  },
  anchor: {
    summary:
      'What step days count from: `due` (the due date) or `failure` (the first failed payment). Set for the policy, or as the first line of a segment.',
    example: 'anchor failure',
  },
  limits: {
    summary:
      'Contact limits per customer: quiet hours and frequency caps. The engine defers a step that would break one, and always applies the legal limits on top.',
    example: 'limits { quiet hours 21:00 to 08:00; at most 3 messages per 7 days }',
  },
  quietHours: {
    summary:
      "No contact between these times in the customer's time zone; the range may wrap midnight. A step due then waits until the end of quiet hours.",
    example: 'quiet hours 21:00 to 08:00',
  },
  cap: {
    summary:
      'A frequency cap per customer over a rolling window: `messages` (all channels), `calls`, `retries` (per invoice) or one channel.',
    example: 'at most 3 messages per 7 days',
  },
  stop: {
    summary: 'Ends dunning for the invoice as soon as the condition holds, e.g. once it is paid.',
    example: 'stop when invoice.balance <= 0',
  },
  pause: {
    summary:
      'Holds every step while the condition holds (a dispute, a promise to pay); steps resume afterwards.',
    example: 'pause when invoice.disputed or customer.promise_to_pay_until > now',
  },
  segment: {
    summary:
      'A group of customers and its steps. Segments are tried in order and the first whose `when` holds wins; one without `when` catches everyone and comes last.',
    example: 'segment enterprise when customer.plan == "enterprise" { day 1 retry payment }',
  },
  step: {
    summary:
      "One action on a day (or hour) counted from the anchor, in the customer's time zone, with an optional send time, label and guard. Several offsets make one step per offset.",
    example: 'day 1, 3, 5 retry payment when invoice.last_decline is soft',
  },
  notify: {
    summary: 'Sends a message with a template on one or more channels.',
    example: 'day 7 sms, email "final-notice"',
  },
  call: {
    summary: 'Creates a call for a person to make, with a script; counted by the call caps.',
    example: 'day 10 call "account-manager"',
  },
  retry: {
    summary:
      'Retries the payment on the default method, or `using backup methods`. Never after a hard decline; retries per invoice are capped.',
    example: 'day 5 retry payment using backup methods',
  },
  task: {
    summary: 'Creates a task for a team or role.',
    example: 'day 12 task "Review the account" for "credit-control"',
  },
  escalate: {
    summary: 'Hands the invoice to the collections team or an outside agency.',
    example: 'day 30 escalate to agency "Acme Recoveries"',
  },
  offerPlan: {
    summary: 'Offers the customer a payment plan in instalments.',
    example: 'day 20 offer payment plan 3 instalments every 30 days',
  },
  offerPartial: {
    summary: 'Sends a link to pay part of the balance, with an optional minimum.',
    example: 'day 15 offer partial payment min 25%',
  },
  lateFee: {
    summary: 'Adds a late fee: an amount per policy currency, or a percentage of the balance.',
    example: 'day 30 late fee 25 USD | 20 EUR',
  },
  account: {
    summary:
      'An action on the account in the billing system: suspend or cancel the subscription, block changes, or write the invoice off.',
    example: 'day 14 suspend subscription',
  },
  and: {
    summary: 'Both conditions must hold.',
    example: 'invoice.disputed and customer.plan == "pro"',
  },
  or: {
    summary: 'Either condition may hold.',
    example: 'invoice.disputed or invoice.balance <= 0',
  },
  not: { summary: 'The condition must not hold.', example: 'not invoice.disputed' },
  in: {
    summary: 'The value is one of the list (or, with `not in`, none of it).',
    example: 'customer.country in ["DE", "AT"]',
  },
  contains: {
    summary: 'The list fact holds the value.',
    example: 'customer.tags contains "vip"',
  },
  is: {
    summary: 'Compares a fact that takes one of a few values with one of them (`is not` negates).',
    example: 'invoice.last_decline is hard',
  },
  money: {
    summary:
      "An amount per policy currency, in major units; compared with the invoice's currency only, never converted.",
    example: 'invoice.amount_due > 5000 USD | 4500 EUR',
  },
  duration: {
    summary: 'A length of time, compared with duration facts.',
    example: 'invoice.overdue > 30 days',
  },
  percent: { summary: 'A percentage.', example: 'late fee 1.5%' },
  boolean: { summary: 'A yes/no value.', example: 'invoice.disputed == true' },
  test: {
    summary:
      'A test of the policy: facts given, then what must (or must not) happen on given days. Run by `dun test` and in the editor.',
    example:
      'test "hard declines get a card email" { given invoice.last_decline = "hard"; at day 0 expect email "update-card" }',
  },
  given: {
    summary: 'Sets a fact for the test; `day N` is the due date plus N days.',
    example: 'given invoice.last_decline = "hard", customer.promise_to_pay_until = day 5',
  },
  relativeDay: {
    summary: 'The due date plus N calendar days.',
    example: 'given customer.promise_to_pay_until = day 5',
  },
  expectation: {
    summary:
      'What the policy does on that day (or hour) of the test: actions, steps, the segment, or a status.',
    example: 'at day 1 expect no retry payment',
  },
  expectAction: {
    summary: 'The action is done that day (or, with `no`, is not).',
    example: 'at day 3 expect email "reminder"',
  },
  expectStep: {
    summary: 'The step with this id or label is done that day (or, with `no`, is not).',
    example: 'at day 7 expect step "final-notice"',
  },
  expectNothing: { summary: 'No action at all that day.', example: 'at day 2 expect nothing' },
  expectSegment: {
    summary: 'The case is in this segment.',
    example: 'at day 0 expect segment enterprise',
  },
  expectStatus: {
    summary: 'Dunning is stopped or paused that day.',
    example: 'at day 4 expect paused',
  },
}

/** Words that mean the same wherever they appear; they win over the enclosing construct. */
export const WORD_DOCS: Readonly<Record<string, ConstructDoc>> = {
  email: { summary: 'The email channel.', example: 'day 2 email "payment-failed"' },
  sms: { summary: 'The SMS channel.', example: 'day 7 sms "final-notice"' },
  letter: {
    summary: 'A printed letter, sent through the mail house.',
    example: 'day 20 letter "formal-notice"',
  },
  webhook: {
    summary: 'A signed HTTP POST to your own system.',
    example: 'day 3 webhook "crm-sync"',
  },
  in_app: {
    summary: 'A notice shown inside your product.',
    example: 'day 1 in_app "card-expired"',
  },
  due: {
    summary: 'The anchor at the invoice due date.',
    example: 'day 3 from due email "reminder"',
  },
  failure: {
    summary: 'The anchor at the first failed payment.',
    example: 'day 1 from failure retry payment',
  },
  messages: {
    summary: 'A cap scope counting messages on every channel.',
    example: 'at most 3 messages per 7 days',
  },
  calls: { summary: 'A cap scope counting calls.', example: 'at most 7 calls per 7 days' },
  retries: {
    summary: 'A cap scope counting payment retries on one invoice.',
    example: 'at most 4 retries per 30 days',
  },
}

/** Renders a doc as hover/completion markdown. */
export function docMarkdown(title: string, doc: ConstructDoc): string {
  return [`**${title}**: ${doc.summary}`, '', '```dun', doc.example, '```'].join('\n')
}
