import { caseIndexOf } from './apply-event.js'
import type { Decision } from './decision.js'
import { copyInvoice, customerCaseFactsWith } from './facts/copy.js'
import type { CaseFacts, ContactFacts, CustomerCaseFacts } from './facts/input.js'
import { contactKinds } from './evaluate/action-kind.js'

/**
 * The pure effect of performing a decision's due actions at `at`: due and skipped steps
 * become done, every contact is logged (one per notify channel, one per call), payment
 * retries are recorded, and `write off` ends the case (the invoice becomes uncollectible).
 * Shared by the replay, `test` blocks and the production runner. Returns `facts` itself
 * when nothing changed.
 */
export function applyExecuted(
  facts: CustomerCaseFacts,
  decisions: readonly Decision[],
  at: number,
): CustomerCaseFacts {
  let cases: CaseFacts[] | null = null
  const contacts: ContactFacts[] = []
  for (const decision of decisions) {
    if (decision.due.length === 0 && decision.skipped.length === 0) continue
    const index = caseIndexOf(facts, decision.invoiceId)
    const current = (cases ?? facts.cases)[index]
    if (!current) {
      throw new Error(
        `decision for invoice ${decision.invoiceId}, which is not one of customer ${facts.customer.id}'s cases`,
      )
    }
    cases ??= facts.cases.slice()
    cases[index] = performed(current, decision, at, contacts)
  }
  if (!cases) return facts
  if (contacts.length === 0) return customerCaseFactsWith(facts, { cases })
  return customerCaseFactsWith(facts, { cases, contacts: facts.contacts.concat(contacts) })
}

function performed(
  facts: CaseFacts,
  decision: Decision,
  at: number,
  contacts: ContactFacts[],
): CaseFacts {
  const stepsDone = facts.dunning.steps_done.slice()
  let retries = facts.dunning.retries
  let invoice = facts.invoice
  for (const { stepId } of decision.skipped) stepsDone.push(stepId)
  for (const { stepId, action } of decision.due) {
    stepsDone.push(stepId)
    for (const kind of contactKinds(action)) {
      contacts.push({ at, kind, invoice_id: invoice.id, step: stepId })
    }
    if (action.type === 'retry_payment') {
      retries = retries.concat(at)
      const next = copyInvoice(invoice)
      next.attempts = invoice.attempts + 1
      invoice = next
    }
    if (action.type === 'account' && action.operation === 'write_off') {
      const next = copyInvoice(invoice)
      next.status = 'uncollectible'
      invoice = next
    }
  }
  return { invoice, dunning: { steps_done: stepsDone, retries } }
}
