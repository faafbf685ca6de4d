import { zoneCalendar, type ZoneCalendar } from '../calendar.js'
import type {
  CaseStatus,
  Decision,
  DeferredAction,
  DueAction,
  RuleTrace,
  SkippedAction,
} from '../decision.js'
import type { CustomerCaseFacts, CustomerFacts } from '../facts/input.js'
import { buildFactView } from '../facts/view.js'
import { deferredAction, filterCaseSteps, type Candidate } from './case-filters.js'
import { applyCustomerLimits, type CustomerCandidate } from './customer-limits.js'
import type { PolicyContext } from './policy-context.js'
import type { EngineProgram, RuleOutcome } from './program.js'
import type { IndexedStep } from './rule-set.js'
import { scheduledAt, segmentSchedule } from './schedule.js'
import { nextDailyCheck, wakeTime } from './wake-time.js'

export interface EvaluateOptions {
  /** Build a per-rule explanation (slower; off by default). */
  readonly trace?: boolean
}

/** One case after its rules ran and before the customer-wide limits; filled in as it is read. */
interface CaseWork {
  readonly index: number
  status: CaseStatus
  segment: number | null
  /** The matched segment's step times for this case (`segmentSchedule`), when it has one. */
  schedule: readonly (number | null)[] | null
  /** Local days from the invoice's due day to now, as the rules saw it. */
  dayFromDue: number
  problem: Decision['problem']
  trace: readonly RuleTrace[] | null
  runnable: readonly Candidate[]
  readonly due: DueAction[]
  deferred: DeferredAction[]
  skipped: SkippedAction[]
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
  const calendar = calendarOf(facts.customer)
  const trace = options?.trace === true
  const work: CaseWork[] = []
  const candidates: CustomerCandidate[] = []
  for (let index = 0; index < facts.cases.length; index++) {
    const early = precheck(policy, facts, index)
    if (early) {
      work.push(early)
      continue
    }
    const view = buildFactView(facts, index, now, calendar)
    const outcome = yield { view, trace }
    const done = readOutcome(policy, facts, index, now, calendar, outcome)
    done.dayFromDue = view['dunning.day_from_due'] as number
    work.push(done)
    const { invoice } = facts.cases[index]!
    for (const candidate of done.runnable) {
      candidates.push({
        dueAt: invoice.due_at,
        invoiceId: invoice.id,
        candidate,
        due: done.due,
        deferred: done.deferred,
      })
    }
  }
  if (candidates.length > 0) applyCustomerLimits(candidates, policy, facts.contacts, calendar, now)
  const decisions = new Array<Decision>(work.length)
  for (let i = 0; i < work.length; i++)
    decisions[i] = decide(policy, facts, work[i]!, now, calendar)
  return decisions
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

/** Cases decided without running rules: a currency the policy cannot price, or a settled invoice. */
function precheck(policy: PolicyContext, facts: CustomerCaseFacts, index: number): CaseWork | null {
  const { invoice } = facts.cases[index]!
  if (!policy.currencies.has(invoice.currency)) {
    const listed = [...policy.currencies].join(', ')
    const work = caseWork(index, 'rejected')
    work.problem = {
      code: 'currency_not_in_policy',
      message: `invoice ${invoice.id} is in ${invoice.currency}, which policy "${policy.compiled.policy.name}" does not list (it lists ${listed}); add ${invoice.currency} to the policy's currencies and thresholds, or dun this invoice under another policy`,
    }
    return work
  }
  if (invoice.status !== 'open' || invoice.balance <= 0) return caseWork(index, 'stopped')
  return null
}

// Every case's work has the same fields from the start: one object shape for V8.
function caseWork(index: number, status: CaseStatus): CaseWork {
  return {
    index,
    status,
    segment: null,
    schedule: null,
    dayFromDue: 0,
    problem: null,
    trace: null,
    runnable: NOTHING,
    due: [],
    deferred: [],
    skipped: [],
  }
}

const NOTHING: readonly Candidate[] = []

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
  let fired: IndexedStep[] | null = null
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
      case 'step':
        ;(fired ??= []).push(role.step)
        break
    }
  }
  const work = caseWork(index, 'active')
  work.trace = outcome.trace
  if (stopped) {
    work.status = 'stopped'
    return work
  }
  const schedule =
    segment === null
      ? null
      : segmentSchedule(
          policy.rules.segmentSteps[segment] ?? [],
          caseFacts.invoice,
          calendar,
          policy.window,
        )
  work.segment = segment
  work.schedule = schedule
  const due: Candidate[] = []
  for (const step of fired ?? []) {
    const at =
      schedule !== null && step.segment === segment
        ? schedule[step.position]!
        : scheduledAt(step.step, caseFacts.invoice, calendar, policy.window)
    // The rule holds from the local day's midnight; the step is due at its scheduled time.
    if (at !== null && at <= now) due.push({ step, scheduledAt: at, action: step.step.action })
  }
  if (pause !== null) {
    const promise = facts.customer.promise_to_pay_until
    const earliestAt =
      promise !== null && promise > now
        ? promise
        : nextDailyCheck({ calendar, window: policy.window, now })
    const detail = `paused while ${pause}`
    const deferred = due.map((candidate) => deferredAction(candidate, 'pause', detail, earliestAt))
    work.status = 'paused'
    work.deferred = deferred
    return work
  }
  const { runnable, skipped } = filterCaseSteps(
    due,
    caseFacts,
    facts.customer,
    policy.retryCaps,
    now,
  )
  work.runnable = runnable
  work.skipped = skipped
  return work
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
    const wake = wakeTime({
      window: policy.window,
      calendar,
      steps: policy.rules.segmentSteps[work.segment] ?? [],
      times: work.schedule ?? [],
      dayFromDue: work.dayFromDue,
      customer: facts.customer,
      stepsDone: caseFacts.dunning.steps_done,
      due: work.due,
      skipped: work.skipped,
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
