import type { ActionType } from '@dun/engine'
import {
  idempotencyKey,
  insertLedgerEntries,
  markInvoicesUncollectible,
  openCases,
  recordAssignments,
  setNextActions,
  updateCases,
  type CaseChange,
  type Db,
  type LedgerEntry,
  type NewAssignment,
  type NewCase,
  type NextAction,
} from '@dun/store'
import type { CaseInput } from './customer-inputs.js'
import type { CustomerOutcome } from './decide-customer.js'
import type { EvaluationSummary } from './summary.js'

const CLOSING = new Set(['stopped', 'rejected'])

/**
 * Writes a batch's decisions set-based, one statement per table: new cases (with the state
 * their first evaluation left them in), changed cases, ledger rows
 * (due actions `pending`, skipped ones `skipped` with their reason), case states, write-offs
 * and each customer's next wake time. Completed cases stay open: an outside event (a
 * payment failure) can still make their steps fire, exactly as in the simulator's replay.
 */
export async function writeOutcomes(
  db: Db,
  workspace: string,
  outcomes: ReadonlyMap<string, CustomerOutcome>,
  now: Date,
): Promise<Omit<EvaluationSummary, 'batches' | 'decisions' | 'failures'>> {
  const opened: NewCase[] = []
  const assignments: NewAssignment[] = []
  const changes: CaseChange[] = []
  const entries: LedgerEntry[] = []
  const writeOffs: string[] = []
  const next: NextAction[] = []
  let evaluated = 0
  let closed = 0
  for (const [customerId, outcome] of outcomes) {
    next.push({ customerId, at: outcome.wakeAt === null ? null : new Date(outcome.wakeAt) })
    for (const { input, decision, dunning } of outcome.cases) {
      const invoiceId = decision.invoiceId
      const change: CaseChange = {
        id: input.caseId,
        state: decision.status,
        segment: decision.segment,
        stepsDone: dunning.steps_done,
        retries: dunning.retries.map((at) => new Date(at)),
        problem: decision.problem,
        closedAt: CLOSING.has(decision.status) ? now : null,
      }
      if (input.stored === null) {
        opened.push({ ...change, invoiceId, customerId, versionId: input.versionId, openedAt: now })
        if (input.assignment)
          assignments.push({ caseId: input.caseId, customerId, ...input.assignment })
      } else if (changed(input, change)) {
        changes.push(change)
      }
      evaluated++
      if (change.closedAt) closed++
      const base = { caseId: input.caseId, customerId, invoiceId, decidedAt: now }
      for (const due of decision.due) {
        entries.push({
          ...base,
          stepId: due.stepId,
          action: due.action,
          status: 'pending',
          scheduledAt: new Date(due.scheduledAt),
          detail: null,
        })
        if (due.action.type === 'account' && due.action.operation === 'write_off')
          writeOffs.push(invoiceId)
      }
      for (const skip of decision.skipped) {
        entries.push({
          ...base,
          stepId: skip.stepId,
          action: skip.action,
          status: 'skipped',
          scheduledAt: new Date(skip.scheduledAt),
          detail: `${skip.reason}: ${skip.detail}`,
        })
      }
    }
  }
  await openCases(db, workspace, opened)
  await recordAssignments(db, workspace, assignments)
  const inserted = await insertLedgerEntries(db, workspace, entries)
  await updateCases(db, workspace, changes)
  await markInvoicesUncollectible(db, workspace, writeOffs)
  await setNextActions(db, workspace, next, now)
  const actionsDecided: Partial<Record<ActionType, number>> = {}
  let actionsSkipped = 0
  for (const entry of entries) {
    if (!inserted.has(idempotencyKey(entry.caseId, entry.stepId))) continue
    if (entry.status === 'skipped') actionsSkipped++
    else actionsDecided[entry.action.type] = (actionsDecided[entry.action.type] ?? 0) + 1
  }
  return {
    customers: outcomes.size,
    casesOpened: opened.length,
    casesEvaluated: evaluated,
    casesClosed: closed,
    actionsDecided,
    actionsSkipped,
  }
}

/** Steps and retries only ever grow, so comparing their counts is enough. */
function changed(input: CaseInput, change: CaseChange): boolean {
  const { stored, facts } = input
  return (
    stored === null ||
    stored.state !== change.state ||
    stored.segment !== change.segment ||
    facts.dunning.steps_done.length !== change.stepsDone.length ||
    facts.dunning.retries.length !== change.retries.length ||
    change.closedAt !== null
  )
}
