import type { Decision } from './decision.js'
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
    const index = facts.cases.findIndex((c) => c.invoice.id === decision.invoiceId)
    const current = (cases ?? facts.cases)[index]
    if (!current) {
      throw new Error(
        `decision for invoice ${decision.invoiceId}, which is not one of customer ${facts.customer.id}'s cases`,
      )
    }
    cases ??= [...facts.cases]
    cases[index] = performed(current, decision, at, contacts)
  }
  if (!cases) return facts
  return {
    ...facts,
    cases,
    contacts: contacts.length === 0 ? facts.contacts : [...facts.contacts, ...contacts],
  }
}

function performed(
  facts: CaseFacts,
  decision: Decision,
  at: number,
  contacts: ContactFacts[],
): CaseFacts {
  const stepsDone = [...facts.dunning.steps_done]
  let retries = facts.dunning.retries
  let invoice = facts.invoice
  for (const { stepId } of decision.skipped) stepsDone.push(stepId)
  for (const { stepId, action } of decision.due) {
    stepsDone.push(stepId)
    for (const kind of contactKinds(action)) {
      contacts.push({ at, kind, invoice_id: invoice.id, step: stepId })
    }
    if (action.type === 'retry_payment') {
      retries = [...retries, at]
      invoice = { ...invoice, attempts: invoice.attempts + 1 }
    }
    if (action.type === 'account' && action.operation === 'write_off') {
      invoice = { ...invoice, status: 'uncollectible' }
    }
  }
  return { invoice, dunning: { steps_done: stepsDone, retries } }
}
