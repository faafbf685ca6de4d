import type { Action } from '../action.js'
import type { Cap } from '../compiled.js'
import type { DeferredAction, DueAction, SkippedAction, StepRef } from '../decision.js'
import type { CaseFacts, CustomerFacts } from '../facts/input.js'
import { countWithin } from '../facts/view.js'
import { MS_PER_DAY, RETRYABLE_HARD_DECLINE_CODES } from '../statutory.js'
import type { IndexedStep } from './rule-set.js'

/** The case a candidate belongs to: its keys in the counting order, and where verdicts go. */
export interface CandidateCase {
  readonly invoiceId: string
  readonly dueAt: number
  readonly due: DueAction[]
  readonly deferred: DeferredAction[]
}

/** A due step, with what the plan knows about it (its order is the fixed counting order). */
export interface Candidate {
  readonly step: IndexedStep
  readonly scheduledAt: number
  /** The step's action; a notify narrowed to the channels the customer did not opt out of. */
  readonly action: Action
  readonly owner: CandidateCase
}

/**
 * The per-case rules applied to due steps before the customer-wide limits: superseding,
 * card-network retry rules, opt-outs. Fills in what may still run (a notify possibly on
 * fewer channels) and what is skipped, with why.
 */
export function filterCaseSteps(
  due: readonly Candidate[],
  facts: CaseFacts,
  customer: CustomerFacts,
  retryCaps: readonly Cap[],
  now: number,
  into: { readonly runnable: Candidate[]; readonly skipped: SkippedAction[] },
): void {
  const { runnable, skipped } = into
  let retriesNow = 0
  for (const candidate of supersede(due, skipped)) {
    const { action } = candidate
    if (action.type === 'retry_payment') {
      const refusal = retryRefusal(facts, retryCaps, retriesNow, now)
      if (refusal) {
        skipped.push(skippedAction(candidate, refusal.reason, refusal.detail))
        continue
      }
      retriesNow++
    }
    if (action.type === 'notify' && customer.opted_out.length > 0) {
      const channels = action.channels.filter((c) => !customer.opted_out.includes(c))
      if (channels.length === 0) {
        const detail = `customer ${customer.id} opted out of ${action.channels.join(', ')}`
        skipped.push(skippedAction(candidate, 'opted_out', detail))
        continue
      }
      if (channels.length < action.channels.length) {
        runnable.push({ ...candidate, action: { ...action, channels } satisfies Action })
        continue
      }
    }
    runnable.push(candidate)
  }
}

/**
 * Keeps the latest-scheduled step per action key (ties: the later step in the plan). A case
 * has a handful of due steps, so pairwise comparison beats building a map; nothing is
 * copied unless a step is superseded.
 */
function supersede(due: readonly Candidate[], skipped: SkippedAction[]): readonly Candidate[] {
  if (due.length < 2) return due
  let kept: Candidate[] | null = null
  for (let i = 0; i < due.length; i++) {
    const candidate = due[i]!
    const winner = latestLike(candidate, due)
    if (winner === candidate) {
      kept?.push(candidate)
      continue
    }
    kept ??= due.slice(0, i)
    const detail = `superseded by step "${winner.step.step.id}", due at the same time with the same action and scheduled later`
    skipped.push(skippedAction(candidate, 'superseded', detail))
  }
  return kept ?? due
}

function latestLike(candidate: Candidate, due: readonly Candidate[]): Candidate {
  let winner = candidate
  for (const other of due) {
    if (other.step.actionKey === candidate.step.actionKey && isLater(other, winner)) winner = other
  }
  return winner
}

function isLater(a: Candidate, b: Candidate): boolean {
  return a.scheduledAt !== b.scheduledAt
    ? a.scheduledAt > b.scheduledAt
    : a.step.order > b.step.order
}

function retryRefusal(
  { invoice, dunning }: CaseFacts,
  caps: readonly Cap[],
  retriesNow: number,
  now: number,
): Pick<SkippedAction, 'reason' | 'detail'> | null {
  const code = invoice.last_decline_code
  if (
    invoice.last_decline_class === 'hard' &&
    (code === null || !RETRYABLE_HARD_DECLINE_CODES.has(code))
  ) {
    return {
      reason: 'hard_decline',
      detail: `the last decline on invoice ${invoice.id} (${code ?? 'no code'}) is hard: card networks forbid retrying it`,
    }
  }
  for (const cap of caps) {
    const made = countWithin(dunning.retries, now, cap.windowDays * MS_PER_DAY) + retriesNow
    if (made >= cap.max) {
      return {
        reason: 'retry_cap',
        detail: `at most ${cap.max} retries per invoice in ${cap.windowDays} days reached (${made} made on invoice ${invoice.id})`,
      }
    }
  }
  return null
}

// What a decision reports about a candidate. Literals rather than spreads: object spread
// is the slowest way V8 has to build these, and a busy evaluation builds several.
export function stepRef({ step, action, scheduledAt }: Candidate): StepRef {
  return { stepId: step.step.id, segment: step.step.segment, action, scheduledAt }
}

function skippedAction(
  { step, action, scheduledAt }: Candidate,
  reason: SkippedAction['reason'],
  detail: string,
): SkippedAction {
  return { stepId: step.step.id, segment: step.step.segment, action, scheduledAt, reason, detail }
}

export function deferredAction(
  { step, action, scheduledAt }: Candidate,
  reason: DeferredAction['reason'],
  detail: string,
  earliestAt: number,
): DeferredAction {
  const { id, segment } = step.step
  return { stepId: id, segment, action, scheduledAt, reason, detail, earliestAt }
}
