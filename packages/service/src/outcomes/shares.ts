import type { Action } from '@dun/engine'
import type {
  AttributionShare,
  CollectCreditDelta,
  CollectDayDelta,
  OutcomeDimension,
  RollupDelta,
  UnattributedPayment,
} from '@dun/store'
import type { Attribution } from './attribution.js'

/** The rollup key of a payment credited to no action. */
export const UNATTRIBUTED = 'unattributed'
/** The template key of an action that has none (a retry, a call). */
export const NO_TEMPLATE = '(none)'
const DAY_MS = 86_400_000

/**
 * Where an action reached the customer: a message on each of its channels (sharing the
 * action's credit equally); any other action counts under its type (`retry_payment`, `call`).
 */
function channelsOf(action: Action): readonly string[] {
  return action.type === 'notify' ? action.channels : [action.type]
}

function templateOf(action: Action): string {
  return action.type === 'notify' ? action.template : NO_TEMPLATE
}

/** One row per (action, channel) of each model's credits, numbered within the model. */
export function sharesOf(
  eventKey: string,
  attributions: readonly Attribution[],
): AttributionShare[] {
  return attributions.flatMap(({ model, credits }) => {
    let position = 0
    return credits.flatMap(({ touch, credit }): AttributionShare[] => {
      if (!touch) {
        return [
          {
            eventKey,
            model,
            position: position++,
            actionId: null,
            stepId: null,
            channel: null,
            template: null,
            credit,
          },
        ]
      }
      const channels = channelsOf(touch.action)
      return channels.map((channel) => ({
        eventKey,
        model,
        position: position++,
        actionId: touch.id,
        stepId: touch.stepId,
        channel,
        template: templateOf(touch.action),
        credit: credit / channels.length,
      }))
    })
  })
}

/** Whole days from the case opening to the payment. */
export function daysToCollect(payment: UnattributedPayment): number {
  return Math.max(0, Math.floor((payment.paidAt.getTime() - payment.openedAt.getTime()) / DAY_MS))
}

function shareKey(share: AttributionShare, dimension: 'step' | 'channel' | 'template'): string {
  if (share.actionId === null) return UNATTRIBUTED
  const value =
    dimension === 'step' ? share.stepId : dimension === 'channel' ? share.channel : share.template
  return value ?? NO_TEMPLATE
}

/**
 * Sums deltas with the same key: one upsert per row (Postgres refuses to update a row
 * twice in one statement).
 */
class DeltaSum<T extends { readonly payments: number; readonly amount: number }> {
  readonly #rows = new Map<string, T>()
  readonly #keyOf: (delta: T) => readonly (string | number)[]
  constructor(keyOf: (delta: T) => readonly (string | number)[]) {
    this.#keyOf = keyOf
  }
  add(delta: T): void {
    const id = this.#keyOf(delta).join('\u0000')
    const prior = this.#rows.get(id)
    this.#rows.set(
      id,
      prior
        ? {
            ...prior,
            payments: prior.payments + delta.payments,
            amount: prior.amount + delta.amount,
          }
        : delta,
    )
  }
  rows(): T[] {
    return [...this.#rows.values()]
  }
}

/**
 * What newly attributed payments add to the rollups: each payment counts once per model
 * under its version and segment, and by its credit under step, channel and template.
 */
export function rollupDeltas(
  payments: readonly UnattributedPayment[],
  shares: readonly AttributionShare[],
): RollupDelta[] {
  const byKey = new Map(payments.map((p) => [p.eventKey, p]))
  const sum = new DeltaSum<RollupDelta>((d) => [d.model, d.dimension, d.key, d.currency])
  for (const p of payments) {
    for (const model of ['last_touch', 'position'] as const) {
      const whole = { model, currency: p.currency, payments: 1, amount: p.amount }
      sum.add({ ...whole, dimension: 'version', key: p.policyVersionId })
      sum.add({ ...whole, dimension: 'segment', key: p.segment })
    }
  }
  for (const share of shares) {
    const payment = byKey.get(share.eventKey)
    if (!payment) continue
    for (const dimension of ['step', 'channel', 'template'] as const satisfies OutcomeDimension[]) {
      sum.add({
        model: share.model,
        dimension,
        key: shareKey(share, dimension),
        currency: payment.currency,
        payments: share.credit,
        amount: share.credit * payment.amount,
      })
    }
  }
  return sum.rows()
}

/** What newly attributed payments add to the days-to-collect histograms by version and segment. */
export function collectDayDeltas(payments: readonly UnattributedPayment[]): CollectDayDelta[] {
  const sum = new DeltaSum<CollectDayDelta>((d) => [
    d.policyVersionId,
    d.segment,
    d.currency,
    d.day,
  ])
  for (const p of payments) {
    sum.add({
      policyVersionId: p.policyVersionId,
      segment: p.segment,
      currency: p.currency,
      day: daysToCollect(p),
      payments: 1,
      amount: p.amount,
    })
  }
  return sum.rows()
}

/**
 * What newly attributed payments add to the days-to-collect histograms by step and channel:
 * each share by its credit, at its payment's days to collect. Unattributed shares count
 * under `unattributed`.
 */
export function collectCreditDeltas(
  payments: readonly UnattributedPayment[],
  shares: readonly AttributionShare[],
): CollectCreditDelta[] {
  const byKey = new Map(payments.map((p) => [p.eventKey, p]))
  const sum = new DeltaSum<CollectCreditDelta>((d) => [
    d.model,
    d.dimension,
    d.key,
    d.currency,
    d.day,
  ])
  for (const share of shares) {
    const payment = byKey.get(share.eventKey)
    if (!payment) continue
    for (const dimension of ['step', 'channel'] as const) {
      sum.add({
        model: share.model,
        dimension,
        key: shareKey(share, dimension),
        currency: payment.currency,
        day: daysToCollect(payment),
        payments: share.credit,
        amount: share.credit * payment.amount,
      })
    }
  }
  return sum.rows()
}
