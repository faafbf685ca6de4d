import type { Channel } from './channels.js'
import { formatMajorUnits, type MoneyByCurrency } from './money.js'

/** What a dunning step does. One discriminated union shared by the compiler, engine, store and runner. */
export type Action =
  | NotifyAction
  | CallAction
  | RetryPaymentAction
  | TaskAction
  | EscalateAction
  | OfferPlanAction
  | OfferPartialPaymentAction
  | LateFeeAction
  | AccountAction

/** A message on one or more channels using a template (`sms, email "final-notice"`). */
export interface NotifyAction {
  readonly type: 'notify'
  readonly channels: readonly Channel[]
  readonly template: string
}

/** A phone call by a person, with a call script; counted by the call caps. */
export interface CallAction {
  readonly type: 'call'
  readonly script: string
}

/** A payment retry on the default method or on the customer's backup methods. */
export interface RetryPaymentAction {
  readonly type: 'retry_payment'
  readonly methods: 'default' | 'backup'
}

/** A human task for someone in a role (`task "review credit" for "credit-control"`). */
export interface TaskAction {
  readonly type: 'task'
  readonly title: string
  readonly assignee: string
}

/** Hand the debt to the internal collections team or an external agency. */
export interface EscalateAction {
  readonly type: 'escalate'
  readonly to: 'collections' | 'agency'
  readonly agency?: string
}

/** Offer a payment plan of N instalments, one every `everyDays` days. */
export interface OfferPlanAction {
  readonly type: 'offer_plan'
  readonly instalments: number
  readonly everyDays: number
}

/** Send a link that accepts a partial payment of at least `minimumPercent` of the balance. */
export interface OfferPartialPaymentAction {
  readonly type: 'offer_partial_payment'
  readonly minimumPercent: number
}

/** A late fee: a fixed amount per currency, or a percentage of the amount due. */
export interface LateFeeAction {
  readonly type: 'late_fee'
  readonly fee:
    | { readonly kind: 'fixed'; readonly amounts: MoneyByCurrency }
    | { readonly kind: 'percent'; readonly percent: number }
}

export const ACCOUNT_OPERATIONS = [
  'suspend_subscription',
  'cancel_subscription',
  'block_changes',
  'write_off',
] as const
export type AccountOperation = (typeof ACCOUNT_OPERATIONS)[number]

/** An action on the customer's account in the billing system. */
export interface AccountAction {
  readonly type: 'account'
  readonly operation: AccountOperation
}

export type ActionType = Action['type']

/**
 * What a step does, as named in its stable id (FORMAT.md, "Step ids"): channels sorted,
 * template, method or operation — never the day, the guard or the layout.
 */
export function actionKey(action: Action): string {
  switch (action.type) {
    case 'notify':
      return `notify:${[...action.channels].sort().join('+')}:${action.template}`
    case 'call':
      return `call:${action.script}`
    case 'retry_payment':
      return `retry:${action.methods}`
    case 'task':
      return `task:${action.title}`
    case 'escalate':
      return `escalate:${action.to}`
    case 'offer_plan':
      return 'offer_plan'
    case 'offer_partial_payment':
      return 'offer_partial'
    case 'late_fee':
      return 'late_fee'
    case 'account':
      return `account:${action.operation}`
  }
}

/** A short human description: `email+sms "final-notice"`, `retry payment (backup)`. */
export function describeAction(action: Action): string {
  switch (action.type) {
    case 'notify':
      return `${action.channels.join('+')} "${action.template}"`
    case 'call':
      return `call "${action.script}"`
    case 'retry_payment':
      return action.methods === 'backup' ? 'retry payment (backup methods)' : 'retry payment'
    case 'task':
      return `task "${action.title}" for "${action.assignee}"`
    case 'escalate':
      return action.to === 'agency'
        ? `escalate to agency${action.agency ? ` "${action.agency}"` : ''}`
        : 'escalate to collections'
    case 'offer_plan':
      return `offer plan of ${action.instalments} instalments every ${action.everyDays} days`
    case 'offer_partial_payment':
      return `offer partial payment (min ${action.minimumPercent}%)`
    case 'late_fee':
      return action.fee.kind === 'percent'
        ? `late fee ${action.fee.percent}%`
        : `late fee ${Object.entries(action.fee.amounts)
            .map(([currency, minor]) => `${formatMajorUnits(minor, currency)} ${currency}`)
            .join(' | ')}`
    case 'account':
      return action.operation.replace('_', ' ')
  }
}
