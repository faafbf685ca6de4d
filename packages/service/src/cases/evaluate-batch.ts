import { MS_PER_DAY, type EvaluateOptions } from '@dun/engine'
import {
  findContacts,
  findCustomers,
  findDunningInvoices,
  findPolicy,
  getSettings,
  type Db,
  type DunningInvoiceRow,
} from '@dun/store'
import { customerInputs } from './customer-inputs.js'
import { decideCustomer, type CustomerOutcome } from './decide-customer.js'
import { writeOutcomes } from './ledger-writes.js'
import { preparedVersions, type PreparedVersion } from './policy-cache.js'
import type { EvaluationSummary } from './summary.js'

export interface BatchOptions extends EvaluateOptions {
  /** Return each case's decision in the summary (the API shows them). */
  readonly decisions?: boolean
}

// Contacts older than this do not count against any cap; the engine still sees each
// customer's latest contact, however old.
const MIN_CONTACT_WINDOW = 30 * MS_PER_DAY

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
  const at = now.getTime()
  const customers = await findCustomers(db, workspace, customerIds)
  const invoices = await findDunningInvoices(db, workspace, customerIds)
  const live = invoices.some((i) => i.case === null && i.issued_at.getTime() <= at)
    ? await liveVersionId(db, workspace)
    : null
  const versions = await preparedVersions(db, workspace, pinnedVersions(invoices, live))
  const since = new Date(at - contactWindow(versions.values()))
  const contacts = await findContacts(db, workspace, customerIds, since)
  const inputs = customerInputs(customers, invoices, contacts, live, at)
  const outcomes = new Map<string, CustomerOutcome>()
  for (const id of customerIds) {
    const input = inputs.get(id)
    // A schedule row without its customer has nothing to evaluate: it sleeps.
    outcomes.set(
      id,
      input ? decideCustomer(input, versions, at, options) : { cases: [], wakeAt: null },
    )
  }
  const written = await writeOutcomes(db, workspace, outcomes, now)
  const summary: EvaluationSummary = { ...written, batches: 1 }
  if (!options.decisions) return summary
  const decisions = [...outcomes].flatMap(([customerId, outcome]) =>
    outcome.cases.map((c) => ({ caseId: c.input.caseId, customerId, decision: c.decision })),
  )
  return { ...summary, decisions }
}

/** The version new cases start under: the live version of the workspace's active policy. */
async function liveVersionId(db: Db, workspace: string): Promise<string | null> {
  const { activePolicyId } = await getSettings(db, workspace)
  if (activePolicyId === null) return null
  return (await findPolicy(db, workspace, activePolicyId))?.live_version_id ?? null
}

function pinnedVersions(invoices: readonly DunningInvoiceRow[], live: string | null): Set<string> {
  const ids = new Set<string>()
  for (const invoice of invoices) if (invoice.case) ids.add(invoice.case.policy_version_id)
  if (live !== null) ids.add(live)
  return ids
}

function contactWindow(versions: Iterable<PreparedVersion>): number {
  let window = MIN_CONTACT_WINDOW
  for (const { policy } of versions) {
    for (const cap of policy.contactCaps) window = Math.max(window, cap.windowDays * MS_PER_DAY)
  }
  return window
}
