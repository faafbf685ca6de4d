import { randomUUID } from 'node:crypto'
import {
  contactKinds,
  type CaseFacts,
  type ContactFacts,
  type CustomerCaseFacts,
} from '@dun/engine'
import {
  invoiceFacts,
  type CustomerRow,
  type DunningInvoiceRow,
  type LedgerContact,
  type OpenCaseRow,
} from '@dun/store'
import type { ArmAssignment, LiveSetting } from '../experiments/live-setting.js'

/** One case as the scheduler evaluates it: an open case, or one it is about to open. */
export interface CaseInput {
  readonly caseId: string
  readonly versionId: string
  readonly facts: CaseFacts
  /** The stored case as loaded; null for a case this evaluation opens. */
  readonly stored: Pick<OpenCaseRow, 'state' | 'segment'> | null
  /** The experiment arm a case this evaluation opens was assigned to, if an experiment is live. */
  readonly assignment?: ArmAssignment | null
}

/** Everything needed to evaluate one customer, read in the batch's transaction. */
export interface CustomerInput {
  readonly facts: Omit<CustomerCaseFacts, 'cases'>
  readonly cases: readonly CaseInput[]
  /** The earliest issue time of an open invoice issued after now: it enters dunning then. */
  readonly nextIssueAt: number | null
}

const NO_HISTORY: CustomerCaseFacts['history'] = {
  late_payments_12m: 0,
  avg_days_late_12m: 0,
  failed_payments_12m: 0,
  lifetime_value: 0,
}

/**
 * Groups a batch's rows by customer. An invoice without a case gets a new one pinned to
 * the live version (none live: it waits); an invoice issued after `now` waits for its
 * issue time, as in the simulator's replay.
 */
export function customerInputs(
  customers: readonly CustomerRow[],
  invoices: readonly DunningInvoiceRow[],
  contacts: readonly LedgerContact[],
  live: LiveSetting | null,
  now: number,
): Map<string, CustomerInput> {
  const contactsOf = groupBy(contacts, (c) => c.customerId)
  const invoicesOf = groupBy(invoices, (i) => i.customer_id)
  const inputs = new Map<string, CustomerInput>()
  for (const row of customers) {
    const cases: CaseInput[] = []
    let nextIssueAt: number | null = null
    for (const invoice of invoicesOf.get(row.id) ?? []) {
      const facts = invoiceFacts(invoice)
      if (invoice.case) {
        cases.push({
          caseId: invoice.case.id,
          stored: invoice.case,
          versionId: invoice.case.policy_version_id,
          facts: {
            // The engine counts dunning's own retries as attempts; the invoice row holds the
            // attempts billing and outside events reported.
            invoice: { ...facts, attempts: facts.attempts + invoice.case.retries.length },
            dunning: {
              steps_done: invoice.case.steps_done,
              retries: invoice.case.retries.map((at) => at.getTime()),
            },
          },
        })
      } else if (facts.issued_at > now) {
        nextIssueAt = Math.min(nextIssueAt ?? Infinity, facts.issued_at)
      } else if (live !== null) {
        cases.push({
          caseId: randomUUID(),
          stored: null,
          ...live.versionFor(row.id),
          facts: { invoice: facts, dunning: { steps_done: [], retries: [] } },
        })
      }
    }
    inputs.set(row.id, {
      facts: {
        customer: row.facts,
        history: row.history ?? NO_HISTORY,
        account: null,
        contacts: (contactsOf.get(row.id) ?? []).flatMap(contactFacts),
      },
      cases,
      nextIssueAt,
    })
  }
  return inputs
}

/** A ledger action as the engine's contacts: one per notify channel, or one call. */
function contactFacts(contact: LedgerContact): ContactFacts[] {
  return contactKinds(contact.action).map((kind) => ({
    at: contact.decidedAt.getTime(),
    kind,
    invoice_id: contact.invoiceId,
    step: contact.stepId,
  }))
}

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>()
  for (const item of items) {
    const k = key(item)
    const group = groups.get(k)
    if (group) group.push(item)
    else groups.set(k, [item])
  }
  return groups
}
