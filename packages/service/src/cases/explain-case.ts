import type { Decision } from '@dun/engine'
import type { CaseRow } from '@dun/store'
import type { ServiceContext } from '../context.js'
import { decideCustomer } from './decide-customer.js'
import { loadCustomerFacts } from './load-customer-facts.js'

/** What the engine would decide for a case at one instant, and why (the per-rule trace). */
export interface CaseExplanation {
  readonly at: Date
  /** Null when the case is closed: nothing is evaluated for it any more. */
  readonly decision: Decision | null
  /** Why there is no decision, for people. */
  readonly note: string | null
}

/**
 * Evaluates the case's customer at `at` exactly as the scheduler would — the same facts
 * (invoices, cases, contacts as stored now), the pinned versions, every case of the
 * customer together so caps apply — with the trace on, and writes nothing.
 */
export async function explainCase(
  ctx: ServiceContext,
  row: CaseRow,
  at: Date,
): Promise<CaseExplanation> {
  if (row.closed_at !== null) {
    return {
      at,
      decision: null,
      note: `the case closed (${row.state}) at ${row.closed_at.toISOString()}; closed cases are not evaluated`,
    }
  }
  const { inputs, versions } = await loadCustomerFacts(ctx.db, ctx.workspace, [row.customer_id], at)
  const input = inputs.get(row.customer_id)
  const outcome = input && decideCustomer(input, versions, at.getTime(), { trace: true })
  const found = outcome?.cases.find((c) => c.input.caseId === row.id)
  if (!found) {
    return {
      at,
      decision: null,
      note: `the scheduler no longer reaches this case through customer ${row.customer_id}: its invoice moved to another customer, or the customer is gone`,
    }
  }
  return { at, decision: found.decision, note: null }
}
