import { listMonthly } from '@dun/store'
import type { ServiceContext } from '../context.js'
import { ratio } from './ratio.js'

/**
 * Dunning DSO of one month: the amount-weighted mean of days from case opening to payment,
 * over what was collected that month (UTC), per version and currency.
 */
export interface DsoPoint {
  readonly month: string
  readonly policyVersionId: string
  readonly currency: string
  readonly payments: number
  readonly amount: number
  readonly dsoDays: number
}

export async function dsoOverTime(ctx: ServiceContext): Promise<DsoPoint[]> {
  const rows = await listMonthly(ctx.db, ctx.workspace)
  return rows.map((r) => ({
    month: r.month,
    policyVersionId: r.policy_version_id,
    currency: r.currency,
    payments: r.payments,
    amount: r.amount,
    dsoDays: ratio(r.amount_days, r.amount),
  }))
}
