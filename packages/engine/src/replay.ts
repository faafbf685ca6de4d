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
  // rules that answer at once (the fast path) are asked directly: a simulation evaluates
  // millions of cases, and a yield per case through two generators costs more than the rules
  const fast = policy.runner?.path === 'fast' ? policy.runner : null
  const until = input.until ?? Infinity
  const events = input.events ?? []
  const issues = input.facts.cases.map((c) => c.invoice.issued_at).sort((a, b) => a - b)
  const outcomes = new Map<string, CaseStatus | 'pending'>(
    input.facts.cases.map((c) => [c.invoice.id, 'pending']),
  )
  const timeline: TimelineEntry[] = []
  const deferralsSeen = new Set<string>()
  let facts = input.facts
  let eventIndex = 0
  let issueIndex = 0
  let evaluations = 0
  let now = issues[0] ?? Infinity
  while (now < until) {
    while (eventIndex < events.length && events[eventIndex]!.at <= now) {
      facts = applyEvent(facts, events[eventIndex++]!)
    }
    const open = openCases(facts, outcomes, now)
    const decisions =
      open.cases.length === 0
        ? []
        : fast
          ? evaluateCustomerWith(fast, policy, open, now)
          : yield* evaluateCustomerProgram(policy, open, now)
    evaluations += decisions.length === 0 ? 0 : 1
    while (issueIndex < issues.length && issues[issueIndex]! <= now) issueIndex++
    let next = Math.min(events[eventIndex]?.at ?? Infinity, issues[issueIndex] ?? Infinity)
    for (const decision of decisions) {
      outcomes.set(decision.invoiceId, decision.status)
      record(timeline, deferralsSeen, decision, now)
      if (decision.nextWakeAt !== null && decision.nextWakeAt > now)
        next = Math.min(next, decision.nextWakeAt)
    }
    if (input.untilFirstEntry === true && timeline.length > 0) break
    facts = applyExecuted(facts, decisions, now)
    if (allSettled(outcomes) && eventIndex >= events.length) break
    now = next
  }
  return { timeline, outcomes, facts, evaluations }
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
  seen: Set<string>,
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
    const key = `${invoiceId}\u0000${stepId}\u0000${reason}`
    if (seen.has(key)) continue
    seen.add(key)
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
