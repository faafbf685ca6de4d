import type { Action } from './action.js'
import { applyEvent } from './apply-event.js'
import { applyExecuted } from './apply-executed.js'
import type { CaseStatus, DeferralReason, Decision, SkipReason } from './decision.js'
import type { DunningEvent } from './events.js'
import { customerCaseFactsWith } from './facts/copy.js'
import type { CaseFacts, CustomerCaseFacts } from './facts/input.js'
import { evaluateCustomerProgram, evaluateCustomerWith } from './evaluate/evaluate-customer.js'
import type { PolicyContext } from './evaluate/policy-context.js'
import type { EngineProgram, RuleRunner } from './evaluate/program.js'

/** One line of a replay's timeline. Instants are epoch milliseconds. */
export type TimelineEntry =
  | (TimelineStep & { readonly kind: 'executed'; readonly executedAt: number })
  | (TimelineStep & {
      readonly kind: 'deferred'
      readonly at: number
      readonly reason: DeferralReason
      readonly earliestAt: number
    })
  | (TimelineStep & { readonly kind: 'skipped'; readonly at: number; readonly reason: SkipReason })

export interface TimelineStep {
  readonly invoiceId: string
  readonly stepId: string
  readonly action: Action
  readonly scheduledAt: number
  readonly segment: string
}

export interface ReplayInput {
  /** One customer with all their invoices; each case enters dunning at its invoice's issue time. */
  readonly facts: CustomerCaseFacts
  /** Outside events for this customer's invoices, in time order. */
  readonly events?: readonly DunningEvent[]
  /** Nothing at or after this instant is evaluated. */
  readonly until?: number
  /**
   * Stop after the first evaluation that puts anything on the timeline: enough to learn
   * whether the policy does anything at all (the timeline is then cut short).
   */
  readonly untilFirstEntry?: boolean
}

export interface ReplayResult {
  readonly timeline: TimelineEntry[]
  /** Each invoice's last decision status (`pending` when the horizon came before its issue time). */
  readonly outcomes: ReadonlyMap<string, CaseStatus | 'pending'>
  readonly facts: CustomerCaseFacts
  readonly evaluations: number
}

/**
 * A replay in progress: the customer's facts, what is still to come (events, issue times)
 * and what has been recorded. `advance` moves it on; `replay` runs one from start to end.
 */
export interface ReplayState {
  facts: CustomerCaseFacts
  /** Outside events in time order; those before `eventIndex` have been applied. */
  events: readonly DunningEvent[]
  eventIndex: number
  /** Issue times in order; those before `issueIndex` are at or before the last moment evaluated. */
  issues: number[]
  issueIndex: number
  readonly outcomes: Map<string, CaseStatus | 'pending'>
  readonly timeline: TimelineEntry[]
  /** Deferrals already on the timeline, by invoice, as `stepId reason`. */
  readonly deferralsSeen: Map<string, Set<string>>
  /** The next moment to evaluate. */
  now: number
  evaluations: number
}

export interface AdvanceOptions {
  /** Evaluate only moments before this instant; the state then waits at the next one. */
  readonly before: number
  /** See ReplayInput. */
  readonly untilFirstEntry?: boolean
  /**
   * More invoices may still join (a replay kept live while the input streams): the replay
   * goes on to `before` even when every case known so far is settled, as it would with the
   * later invoices still pending.
   */
  readonly moreToCome?: boolean
  /** Told each moment's decisions, after they are recorded and performed. */
  readonly onDecisions?: (decisions: readonly Decision[], now: number) => void
  /**
   * The wake time of cases set aside from the state that a whole replay would still hold
   * (see LiveEpisode), as of `now`, or null; while there is one the replay is not settled.
   */
  readonly standIn?: (facts: CustomerCaseFacts, now: number) => number | null
}

/** A replay's starting state: nothing evaluated, the clock at the first issue time. */
export function startReplay(input: ReplayInput): ReplayState {
  const issues = input.facts.cases.map((c) => c.invoice.issued_at).sort((a, b) => a - b)
  return {
    facts: input.facts,
    events: input.events ?? [],
    eventIndex: 0,
    issues,
    issueIndex: 0,
    outcomes: new Map(input.facts.cases.map((c) => [c.invoice.id, 'pending'])),
    timeline: [],
    deferralsSeen: new Map(),
    now: issues[0] ?? Infinity,
    evaluations: 0,
  }
}

/**
 * Replays one customer's cases on a virtual clock: from the first issue time, jump to the
 * next moment anything can happen — a decision's wake time, an outside event, another
 * invoice's issue time — evaluate, perform the due actions, and repeat until every case is
 * stopped, rejected or completed, or the horizon. A generator over engine requests: drive
 * it with `policy.run(replay(policy, input))` on either path.
 */
export function* replay(
  policy: PolicyContext & { readonly runner?: RuleRunner },
  input: ReplayInput,
): EngineProgram<ReplayResult> {
  const state = startReplay(input)
  yield* advance(policy, state, {
    before: input.until ?? Infinity,
    untilFirstEntry: input.untilFirstEntry === true,
  })
  const { timeline, outcomes, facts, evaluations } = state
  return { timeline, outcomes, facts, evaluations }
}

/** Evaluates the state's moments before `options.before` (see `replay`). */
export function* advance(
  policy: PolicyContext & { readonly runner?: RuleRunner },
  state: ReplayState,
  options: AdvanceOptions,
): EngineProgram<void> {
  // rules that answer at once (the fast path) are asked directly: a simulation evaluates
  // millions of cases, and a yield per case through two generators costs more than the rules
  const fast = policy.runner?.path === 'fast' ? policy.runner : null
  const { events, issues, outcomes, timeline } = state
  while (state.now < options.before) {
    const now = state.now
    while (state.eventIndex < events.length && events[state.eventIndex]!.at <= now) {
      state.facts = applyEvent(state.facts, events[state.eventIndex++]!)
    }
    const open = openCases(state.facts, outcomes, now)
    const decisions =
      open.cases.length === 0
        ? []
        : fast
          ? evaluateCustomerWith(fast, policy, open, now)
          : yield* evaluateCustomerProgram(policy, open, now)
    state.evaluations += decisions.length === 0 ? 0 : 1
    while (state.issueIndex < issues.length && issues[state.issueIndex]! <= now) state.issueIndex++
    let next = Math.min(
      events[state.eventIndex]?.at ?? Infinity,
      issues[state.issueIndex] ?? Infinity,
    )
    for (const decision of decisions) {
      outcomes.set(decision.invoiceId, decision.status)
      record(timeline, state.deferralsSeen, decision, now)
      if (decision.nextWakeAt !== null && decision.nextWakeAt > now)
        next = Math.min(next, decision.nextWakeAt)
    }
    if (options.untilFirstEntry === true && timeline.length > 0) return
    state.facts = applyExecuted(state.facts, decisions, now)
    options.onDecisions?.(decisions, now)
    const standIn = options.standIn?.(state.facts, now) ?? null
    if (standIn !== null) next = Math.min(next, standIn)
    const settled = standIn === null && allSettled(outcomes) && state.eventIndex >= events.length
    if (options.moreToCome !== true && settled) {
      state.now = Infinity
      return
    }
    state.now = next
  }
}

const TERMINAL: ReadonlySet<CaseStatus | 'pending'> = new Set(['stopped', 'rejected'])

/** Cases issued by `now` and not yet stopped or rejected; `facts` itself when that is all of them. */
function openCases(
  facts: CustomerCaseFacts,
  outcomes: ReadonlyMap<string, CaseStatus | 'pending'>,
  now: number,
): CustomerCaseFacts {
  const { cases } = facts
  let open: CaseFacts[] | null = null
  for (let i = 0; i < cases.length; i++) {
    const { invoice } = cases[i]!
    const isOpen = invoice.issued_at <= now && !TERMINAL.has(outcomes.get(invoice.id) ?? 'pending')
    // Copied from the first closed case on: usually every case is open, and nothing is.
    if (!isOpen) open ??= cases.slice(0, i)
    else if (open) open.push(cases[i]!)
  }
  return open ? customerCaseFactsWith(facts, { cases: open }) : facts
}

function allSettled(outcomes: ReadonlyMap<string, CaseStatus | 'pending'>): boolean {
  for (const status of outcomes.values()) {
    if (status !== 'stopped' && status !== 'rejected' && status !== 'completed') return false
  }
  return true
}

/** Executions and skips each time; a deferral once per step and reason (it repeats until it ends). */
function record(
  timeline: TimelineEntry[],
  seen: Map<string, Set<string>>,
  decision: Decision,
  now: number,
): void {
  const invoiceId = decision.invoiceId
  for (const { stepId, action, scheduledAt, segment } of decision.due) {
    timeline.push({
      kind: 'executed',
      invoiceId,
      stepId,
      action,
      scheduledAt,
      segment,
      executedAt: now,
    })
  }
  for (const { stepId, action, scheduledAt, segment, reason } of decision.skipped) {
    timeline.push({
      kind: 'skipped',
      invoiceId,
      stepId,
      action,
      scheduledAt,
      segment,
      at: now,
      reason,
    })
  }
  for (const { stepId, action, scheduledAt, segment, reason, earliestAt } of decision.deferred) {
    const key = `${stepId}\u0000${reason}`
    let own = seen.get(invoiceId)
    if (own === undefined) seen.set(invoiceId, (own = new Set()))
    if (own.has(key)) continue
    own.add(key)
    timeline.push({
      kind: 'deferred',
      invoiceId,
      stepId,
      action,
      scheduledAt,
      segment,
      at: now,
      reason,
      earliestAt,
    })
  }
}
