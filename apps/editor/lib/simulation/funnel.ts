import type { Action, InvoiceRecord } from '@dun/engine'

/** The stages an invoice passes through in dunning, in the order the funnel draws them. */
export const FUNNEL_STAGES = [
  'in dunning',
  'reminded',
  'retried',
  'suspended or escalated',
  'paid',
  'written off',
] as const
export type FunnelStage = (typeof FUNNEL_STAGES)[number]
export type Funnel = Readonly<Record<FunnelStage, number>>

/** The stage an action puts its invoice in, or null for actions the funnel does not show. */
export function stageOf(action: Action): FunnelStage | null {
  switch (action.type) {
    case 'notify':
    case 'call':
      return 'reminded'
    case 'retry_payment':
      return 'retried'
    case 'escalate':
      return 'suspended or escalated'
    case 'account':
      return action.operation === 'write_off' ? 'written off' : 'suspended or escalated'
    case 'task':
    case 'offer_plan':
    case 'offer_partial_payment':
    case 'late_fee':
      return null
  }
}

/** Counts, per stage, the invoices that reached it; an invoice counts once per stage. */
export class FunnelCounter {
  private readonly counts = new Map<FunnelStage, number>(FUNNEL_STAGES.map((s) => [s, 0]))

  /** One replayed invoice with the actions performed on it. */
  add(record: InvoiceRecord, actions: readonly Action[]): void {
    const stages = new Set<FunnelStage>(['in dunning'])
    for (const action of actions) {
      const stage = stageOf(action)
      if (stage) stages.add(stage)
    }
    // As-was: the invoice is paid when the customer really paid; a write-off ends it unpaid.
    if (record.paidAt !== null && !stages.has('written off')) stages.add('paid')
    for (const stage of stages) this.counts.set(stage, (this.counts.get(stage) ?? 0) + 1)
  }

  result(): Funnel {
    return Object.fromEntries(this.counts) as Funnel
  }
}
