import type { EvaluateOptions } from '@dun/engine'
import type { Db } from '@dun/store'
import { decideCustomer, type CustomerOutcome } from './decide-customer.js'
import { writeOutcomes } from './ledger-writes.js'
import { loadCustomerFacts } from './load-customer-facts.js'
import type { EvaluationSummary } from './summary.js'

export interface BatchOptions extends EvaluateOptions {
  /** Return each case's decision in the summary (the API shows them). */
  readonly decisions?: boolean
}

/**
 * Evaluates customers whose schedule rows the transaction `db` already holds: reads their
 * invoices, cases and contacts, decides with each case's pinned version, and writes the
 * outcome. Every read and write goes through `db`, the open transaction.
 */
export async function evaluateBatch(
  db: Db,
  workspace: string,
  customerIds: readonly string[],
  now: Date,
  options: BatchOptions = {},
): Promise<EvaluationSummary> {
  const { inputs, versions } = await loadCustomerFacts(db, workspace, customerIds, now)
  const outcomes = new Map<string, CustomerOutcome>()
  for (const id of customerIds) {
    const input = inputs.get(id)
    // A schedule row without its customer has nothing to evaluate: it sleeps.
    outcomes.set(
      id,
      input ? decideCustomer(input, versions, now.getTime(), options) : { cases: [], wakeAt: null },
    )
  }
  const written = await writeOutcomes(db, workspace, outcomes, now)
  const summary: EvaluationSummary = { ...written, batches: 1, failures: [] }
  if (!options.decisions) return summary
  const decisions = [...outcomes].flatMap(([customerId, outcome]) =>
    outcome.cases.map((c) => ({ caseId: c.input.caseId, customerId, decision: c.decision })),
  )
  return { ...summary, decisions }
}
