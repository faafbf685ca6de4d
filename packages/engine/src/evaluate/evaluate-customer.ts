import { zoneCalendar, type ZoneCalendar } from '../calendar.js'
import type { CaseStatus, Decision, RuleTrace, SkippedAction } from '../decision.js'
import type { FactView } from '../facts/catalogue.js'
import type { CustomerCaseFacts, CustomerFacts } from '../facts/input.js'
import { factViewAt } from '../facts/view.js'
import {
  deferredAction,
  filterCaseSteps,
  type Candidate,
  type CandidateCase,
} from './case-filters.js'
import { applyCustomerLimits } from './customer-limits.js'
import type { PolicyContext } from './policy-context.js'
import type { EngineProgram, FastRules, RuleOutcome } from './program.js'
import { scheduledAt, segmentSchedule, UNSCHEDULED } from './schedule.js'
import { nextDailyCheck, wakeTime } from './wake-time.js'

export interface EvaluateOptions {
  /** Build a per-rule explanation (slower; off by default). */
  readonly trace?: boolean
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
  options?: EvaluateOptions,
): EngineProgram<Decision[]> {
  const evaluation = startEvaluation(policy, facts, now, options)
  for (let index = 0; index < facts.cases.length; index++) {
    const view = caseView(evaluation, index)
    if (view !== null) readOutcome(evaluation, index, view, yield { view, trace: evaluation.trace })
  }
  return decisions(evaluation)
}

/**
 * The same steps as `evaluateCustomerProgram` with rules that answer at once (the fast
 * path): no generator to create and resume per customer.
 */
export function evaluateCustomerWith(
  rules: FastRules,
  policy: PolicyContext,
  facts: CustomerCaseFacts,
  now: number,
  options?: EvaluateOptions,
): Decision[] {
  const evaluation = startEvaluation(policy, facts, now, options)
  for (let index = 0; index < facts.cases.length; index++) {
    const view = caseView(evaluation, index)
    if (view !== null)
      readOutcome(evaluation, index, view, rules.run({ view, trace: evaluation.trace }))
  }
  return decisions(evaluation)
}

/** One case after its rules ran and before the customer-wide limits; filled in as it is read. */
interface CaseWork extends CandidateCase {
  readonly index: number
  status: CaseStatus
  segment: number | null
  /** The matched segment's step times for this case (`segmentSchedule`), when it has one. */
  schedule: readonly number[] | null
  /** Local days from the invoice's due day to now, as the rules saw it. */
  dayFromDue: number
  problem: Decision['problem']
  trace: readonly RuleTrace[] | null
  /** The steps due now, before the filters and limits decide what becomes of each. */
  readonly decided: Candidate[]
  readonly skipped: SkippedAction[]
}

/**
 * One customer's evaluation at one instant: the cases' work, filled in case by case. A plain
 * object, not a class: V8 builds a literal faster than it runs class field initializers.
 */
interface CustomerEvaluation {
  readonly policy: PolicyContext
  readonly facts: CustomerCaseFacts
  readonly now: number
  readonly trace: boolean
  readonly calendar: ZoneCalendar
  /** The local day and wall-clock minute of `now` in the customer's zone. */
  readonly today: number
  readonly minute: number
  readonly work: CaseWork[]
  /** Runnable steps of every case, for the customer-wide limits. */
  readonly candidates: Candidate[]
}

function startEvaluation(
  policy: PolicyContext,
  facts: CustomerCaseFacts,
  now: number,
  options: EvaluateOptions | undefined,
): CustomerEvaluation {
  const calendar = calendarOf(facts.customer)
  return {
    policy,
    facts,
    now,
    trace: options?.trace === true,
    calendar,
    today: calendar.dayOf(now),
    minute: calendar.minuteOf(now),
    work: new Array<CaseWork>(facts.cases.length),
    candidates: [],
  }
}

/** The fact view of case `index`, or null when the case is decided without rules. */
function caseView(evaluation: CustomerEvaluation, index: number): FactView | null {
  const { policy, facts } = evaluation
  const caseFacts = facts.cases[index]!
  const { invoice } = caseFacts
  if (!policy.currencies.has(invoice.currency)) {
    const listed = [...policy.currencies].join(', ')
    const work = caseWork(index, invoice.id, invoice.due_at, 'rejected')
    work.problem = {
      code: 'currency_not_in_policy',
      message: `invoice ${invoice.id} is in ${invoice.currency}, which policy "${policy.compiled.policy.name}" does not list (it lists ${listed}); add ${invoice.currency} to the policy's currencies and thresholds, or dun this invoice under another policy`,
    }
    evaluation.work[index] = work
    return null
  }
  if (invoice.status !== 'open' || invoice.balance <= 0) {
    evaluation.work[index] = caseWork(index, invoice.id, invoice.due_at, 'stopped')
    return null
  }
  const { now, calendar, today, minute } = evaluation
  return factViewAt(facts, caseFacts, now, calendar, today, minute)
}

/** Reads which rules fired on case `index`: its status, segment and due steps. */
function readOutcome(
  evaluation: CustomerEvaluation,
  index: number,
  view: FactView,
  outcome: RuleOutcome,
): void {
  const { policy, facts, now, calendar, today } = evaluation
  const caseFacts = facts.cases[index]!
  const { invoice } = caseFacts
  const work = caseWork(index, invoice.id, invoice.due_at, 'active')
  evaluation.work[index] = work
  work.trace = outcome.trace
  work.dayFromDue = view['dunning.day_from_due'] as number
  const fired = outcome.fired
  if (stopFired(policy, fired)) {
    work.status = 'stopped'
    return
  }
  const segment = firedSegment(policy, fired)
  if (segment !== null) {
    const failureDays = view['dunning.day_from_failure'] as number | null
    work.segment = segment
    work.schedule = segmentSchedule(
      policy.rules.segmentSteps[segment] ?? [],
      invoice,
      calendar,
      policy.window,
      today - work.dayFromDue,
      failureDays === null ? 0 : today - failureDays,
    )
  }
  const due = work.decided
  for (const { rule, step } of policy.rules.byRole.steps) {
    if (!fired[rule]) continue
    const at =
      work.schedule !== null && step.segment === segment
        ? work.schedule[step.position]!
        : (scheduledAt(step.step, invoice, calendar, policy.window) ?? UNSCHEDULED)
    // The rule holds from the local day's midnight; the step is due at its scheduled time.
    if (!Number.isNaN(at) && at <= now)
      due.push({ step, scheduledAt: at, action: step.step.action, owner: work })
  }
  const pause = firedPause(policy, fired)
  if (pause !== null) {
    const promise = facts.customer.promise_to_pay_until
    const earliestAt =
      promise !== null && promise > now ? promise : nextDailyCheck(calendar, policy.window, today)
    const detail = `paused while ${pause}`
    for (const candidate of due)
      work.deferred.push(deferredAction(candidate, 'pause', detail, earliestAt))
    work.status = 'paused'
    return
  }
  filterCaseSteps(due, caseFacts, facts.customer, policy.retryCaps, now, {
    runnable: evaluation.candidates,
    skipped: work.skipped,
  })
}

/** Applies the customer-wide limits, then decides each case, in input order. */
function decisions(evaluation: CustomerEvaluation): Decision[] {
  const { candidates, work, policy, facts, calendar, now, minute } = evaluation
  if (candidates.length > 0)
    applyCustomerLimits(candidates, policy, facts.contacts, calendar, now, minute)
  const decided = new Array<Decision>(work.length)
  for (let i = 0; i < work.length; i++) decided[i] = decide(evaluation, work[i]!)
  return decided
}

function decide(evaluation: CustomerEvaluation, work: CaseWork): Decision {
  const { policy, facts } = evaluation
  const settled = work.status === 'stopped' || work.status === 'rejected'
  let status = work.status
  let nextWakeAt: number | null = null
  if (!settled && work.segment === null) status = work.status === 'paused' ? 'paused' : 'completed'
  if (!settled && work.segment !== null) {
    const wake = wakeTime({
      window: policy.window,
      calendar: evaluation.calendar,
      steps: policy.rules.segmentSteps[work.segment] ?? [],
      times: work.schedule ?? [],
      dayFromDue: work.dayFromDue,
      customer: facts.customer,
      stepsDone: facts.cases[work.index]!.dunning.steps_done,
      decided: work.decided,
      deferred: work.deferred,
      paused: work.status === 'paused',
      now: evaluation.now,
      today: evaluation.today,
    })
    nextWakeAt = wake.nextWakeAt
    if (wake.completed) status = 'completed'
  }
  const segmentName =
    work.segment === null ? null : (policy.compiled.plan.segments[work.segment]?.name ?? null)
  const decision: Decision = {
    invoiceId: work.invoiceId,
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

/** Whether a stop rule fired. */
function stopFired(policy: PolicyContext, fired: readonly boolean[]): boolean {
  for (const rule of policy.rules.byRole.stops) if (fired[rule]) return true
  return false
}

/** The first fired pause rule's reason, in rule order. */
function firedPause(policy: PolicyContext, fired: readonly boolean[]): string | null {
  for (const { rule, reason } of policy.rules.byRole.pauses) if (fired[rule]) return reason
  return null
}

/** The matched segment: its probe fired (the last one, should several). */
function firedSegment(policy: PolicyContext, fired: readonly boolean[]): number | null {
  let matched: number | null = null
  for (const { rule, segment } of policy.rules.byRole.segments) if (fired[rule]) matched = segment
  return matched
}

// A replay evaluates one customer object at every wake: its calendar is looked up once, not
// once per wake (a zone lookup hashes the zone's name).
let lastCustomer: CustomerFacts | null = null
let lastCalendar: ZoneCalendar | null = null

function calendarOf(customer: CustomerFacts): ZoneCalendar {
  if (customer !== lastCustomer || lastCalendar === null) {
    lastCalendar = zoneCalendar(customer.timezone)
    lastCustomer = customer
  }
  return lastCalendar
}

// Every case's work has the same fields from the start: one object shape for V8.
function caseWork(index: number, invoiceId: string, dueAt: number, status: CaseStatus): CaseWork {
  return {
    index,
    invoiceId,
    dueAt,
    status,
    segment: null,
    schedule: null,
    dayFromDue: 0,
    problem: null,
    trace: null,
    decided: [],
    due: [],
    deferred: [],
    skipped: [],
  }
}
