import { isChannel, type Action, type Channel } from '@dun/engine'
import type { ActionNode, LateFeeNode, Name, StringLiteral } from '../ast.js'
import type { SourceRange } from '../source-range.js'
import { CompileError } from './compile-error.js'
import { durationDays } from './durations.js'
import { majorUnits } from './major-units.js'

/** `offer payment plan 3 instalments` without `every`: one instalment a month. */
export const DEFAULT_PLAN_INTERVAL_DAYS = 30
/** `offer partial payment` without `min`: any amount is accepted. */
export const DEFAULT_PARTIAL_MINIMUM_PERCENT = 0

/** The engine's action for a validated action node, with defaults for what was left out. */
export function toAction(node: ActionNode): Action {
  switch (node.kind) {
    case 'notify':
      return {
        type: 'notify',
        channels: node.channels.map(channel),
        template: text(node.template, node.range, 'a template name'),
      }
    case 'call':
      return { type: 'call', script: text(node.script, node.range, 'a call script') }
    case 'retry':
      return { type: 'retry_payment', methods: node.methods }
    case 'task':
      return {
        type: 'task',
        title: text(node.title, node.range, 'a task title'),
        assignee: text(node.assignee, node.range, 'an assignee role'),
      }
    case 'escalate':
      return node.agency
        ? { type: 'escalate', to: node.to, agency: node.agency.value }
        : { type: 'escalate', to: node.to }
    case 'offerPlan':
      return {
        type: 'offer_plan',
        instalments: node.instalments,
        everyDays: node.every
          ? durationDays(node.every, 'The interval between instalments')
          : DEFAULT_PLAN_INTERVAL_DAYS,
      }
    case 'offerPartial':
      return {
        type: 'offer_partial_payment',
        minimumPercent: node.minimumPercent ?? DEFAULT_PARTIAL_MINIMUM_PERCENT,
      }
    case 'lateFee':
      return { type: 'late_fee', fee: lateFee(node) }
    case 'account':
      return { type: 'account', operation: node.operation }
  }
}

function channel(name: Name): Channel {
  if (isChannel(name.text)) return name.text
  throw new CompileError(
    `"${name.text}" is not a channel`,
    name.range,
    'Use email, sms, letter, webhook or in_app.',
  )
}

function text(literal: StringLiteral | null, range: SourceRange, what: string): string {
  if (literal) return literal.value
  throw new CompileError(`this action needs ${what}`, range, `Add ${what} in quotes.`)
}

function lateFee(node: LateFeeNode): Extract<Action, { type: 'late_fee' }>['fee'] {
  if (node.fee.kind === 'percent') return { kind: 'percent', percent: node.fee.value }
  const amounts: Record<string, number> = {}
  for (const amount of node.fee.amounts) {
    const parsed = majorUnits(amount.amount, amount.currency.text)
    if (!parsed.ok) {
      throw new CompileError(
        parsed.error,
        amount.range,
        'Write a plain decimal amount, e.g. 25 USD.',
      )
    }
    amounts[amount.currency.text] = parsed.minor
  }
  return { kind: 'fixed', amounts }
}
