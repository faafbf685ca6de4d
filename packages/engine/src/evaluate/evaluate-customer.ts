import { zoneCalendar, type ZoneCalendar } from '../calendar.js'
import type {
  CaseStatus,
  Decision,
  DeferredAction,
  DueAction,
  RuleTrace,
  SkippedAction,
} from '../decision.js'
import type { CustomerCaseFacts } from '../facts/input.js'
import { buildFactView } from '../facts/view.js'
import { filterCaseSteps, stepRef, type Candidate } from './case-filters.js'
import { applyCustomerLimits, type CustomerCandidate } from './customer-limits.js'
import type { PolicyContext } from './policy-context.js'
import type { EngineProgram, RuleOutcome } from './program.js'
import { scheduledAt } from './schedule.js'
import { nextDailyCheck, wakeTime } from './wake-time.js'

export interface EvaluateOptions {
  /** Build a per-rule explanation (slower; off by default). */
  readonly trace?: boolean
}

/** One case after its rules ran and before the customer-wide limits. */
interface CaseWork {
  readonly index: number
  readonly status: CaseStatus
  readonly segment: number | null
  readonly problem: Decision['problem']
  readonly trace: readonly RuleTrace[] | null
  readonly runnable: Candidate[]
  readonly due: DueAction[]
  readonly deferred: DeferredAction[]
  readonly skipped: SkippedAction[]
}

/**
 * Decides every case of one customer at `now` (FORMAT.md, "Evaluation"): rules per case,
 * then the per-case filters, then quiet hours and caps across all the customer's cases.
 * A generator: it yields each case's fact view and receives the fired rules, so the fast
 * and reference paths drive the same logic.
 */
export function* evaluateCustomerProgram(
  policy: PolicyContext,
  facts: CustomerCaseFacts,
  now: number,
  options: EvaluateOptions = {},
): EngineProgram<Decision[]> {
  const calendar = zoneCalendar(facts.customer.timezone)
  const work: CaseWork[] = []
  for (let index = 0; index < facts.cases.length; index++) {
    const early = precheck(policy, facts, index)
    if (early) {
      work.push(early)
      continue
    }
    const outcome = yield { view: buildFactView(facts, index, now), trace: options.trace === true }
    work.push(readOutcome(policy, facts, index, now, calendar, outcome))
  }
  const candidates: CustomerCandidate[] = work.flatMap((w) =>
    w.runnable.map((candidate) => {
      const invoice = facts.cases[w.index]!.invoice
      return { caseIndex: w.index, dueAt: invoice.due_at, invoiceId: invoice.id, candidate }
    }),
  )
  const verdicts = applyCustomerLimits(
    candidates,
    facts.contacts,
    policy.contactCaps,
    policy.window,
    calendar,
    now,
  )
  for (const verdict of verdicts) {
    const target = work[verdict.caseIndex]!
    if (verdict.kind === 'due') target.due.push(verdict.action)
    else target.deferred.push(verdict.action)
  }
  return work.map((w) => decide(policy, facts, w, now, calendar))
}

/** Cases decided without running rules: a currency the policy cannot price, or a settled invoice. */
function precheck(policy: PolicyContext, facts: CustomerCaseFacts, index: number): CaseWork | null {
  const { invoice } = facts.cases[index]!
  if (!policy.currencies.has(invoice.currency)) {
    const listed = [...policy.currencies].join(', ')
    return emptyWork(index, 'rejected', {
      code: 'currency_not_in_policy',
      message: `invoice ${invoice.id} is in ${invoice.currency}, which policy "${policy.compiled.policy.name}" does not list (it lists ${listed}); add ${invoice.currency} to the policy's currencies and thresholds, or dun this invoice under another policy`,
    })
  }
  if (invoice.status !== 'open' || invoice.balance <= 0) return emptyWork(index, 'stopped', null)
  return null
}

function emptyWork(index: number, status: CaseStatus, problem: Decision['problem']): CaseWork {
  return {
    index,
    status,
    segment: null,
    problem,
    trace: null,
    runnable: [],
    due: [],
    deferred: [],
    skipped: [],
  }
}

function readOutcome(
  policy: PolicyContext,
  facts: CustomerCaseFacts,
  index: number,
  now: number,
  calendar: ZoneCalendar,
  outcome: RuleOutcome,
): CaseWork {
  const caseFacts = facts.cases[index]!
  let stopped = false
  let pause: string | null = null
  let segment: number | null = null
  const due: Candidate[] = []
  const roles = policy.rules.roles
  for (let i = 0; i < roles.length; i++) {
    if (!outcome.fired[i]) continue
    const role = roles[i]!
    switch (role.kind) {
      case 'stop':
        stopped = true
        break
      case 'pause':
        pause ??= role.reason
        break
      case 'segment':
        segment = role.segment
        break
      case 'step': {
        const { step, order } = role.step
        const at = scheduledAt(step, caseFacts.invoice, calendar, policy.window)
        // The rule holds from the local day's midnight; the step is due at its scheduled time.
        if (at !== null && at <= now) {
          due.push({
            stepId: step.id,
            segment: step.segment,
            action: step.action,
            scheduledAt: at,
            order,
          })
        }
        break
      }
    }
  }
  const base = { ...emptyWork(index, 'active', null), trace: outcome.trace }
  if (stopped) return { ...base, status: 'stopped' }
  if (pause !== null) {
    const promise = facts.customer.promise_to_pay_until
    const earliestAt =
      promise !== null && promise > now
        ? promise
        : nextDailyCheck({ calendar, window: policy.window, now })
    const deferred = due.map((candidate): DeferredAction => ({
      ...stepRef(candidate),
      reason: 'pause',
      detail: `paused while ${pause}`,
      earliestAt,
    }))
    return { ...base, status: 'paused', segment, deferred }
  }
  const { runnable, skipped } = filterCaseSteps(
    due,
    caseFacts,
    facts.customer,
    policy.retryCaps,
    now,
  )
  return { ...base, segment, runnable, skipped }
}

function decide(
  policy: PolicyContext,
  facts: CustomerCaseFacts,
  work: CaseWork,
  now: number,
  calendar: ZoneCalendar,
): Decision {
  const caseFacts = facts.cases[work.index]!
  const settled = work.status === 'stopped' || work.status === 'rejected'
  let status = work.status
  let nextWakeAt: number | null = null
  if (!settled && work.segment === null) status = work.status === 'paused' ? 'paused' : 'completed'
  if (!settled && work.segment !== null) {
    const done = new Set(caseFacts.dunning.steps_done)
    for (const action of [...work.due, ...work.skipped]) done.add(action.stepId)
    const wake = wakeTime({
      rules: policy.rules,
      window: policy.window,
      calendar,
      segment: work.segment,
      facts: caseFacts,
      customer: facts.customer,
      done,
      deferred: work.deferred,
      paused: work.status === 'paused',
      now,
    })
    nextWakeAt = wake.nextWakeAt
    if (wake.completed) status = 'completed'
  }
  const segmentName =
    work.segment === null ? null : (policy.compiled.plan.segments[work.segment]?.name ?? null)
  const decision: Decision = {
    invoiceId: caseFacts.invoice.id,
    status,
    segment: settled ? null : segmentName,
    due: work.due,
    deferred: work.deferred,
    skipped: work.skipped,
    nextWakeAt,
    problem: work.problem,
  }
  return work.trace ? { ...decision, trace: work.trace } : decision
}
