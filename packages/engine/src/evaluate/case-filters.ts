import type { Action } from '../action.js'
import type { Cap } from '../compiled.js'
import type { SkippedAction, StepRef } from '../decision.js'
import type { CaseFacts, CustomerFacts } from '../facts/input.js'
import { countWithin } from '../facts/view.js'
import { MS_PER_DAY, RETRYABLE_HARD_DECLINE_CODES } from '../statutory.js'
import { supersedeKey } from './action-kind.js'

/** A due step with its position in the plan (the fixed order limits count in). */
export interface Candidate extends StepRef {
  readonly order: number
}

/**
 * The per-case rules applied to due steps before the customer-wide limits: superseding,
 * card-network retry rules, opt-outs. Returns what may still run (a notify possibly on
 * fewer channels) and what is skipped, with why.
 */
export function filterCaseSteps(
  due: readonly Candidate[],
  facts: CaseFacts,
  customer: CustomerFacts,
  retryCaps: readonly Cap[],
  now: number,
): { runnable: Candidate[]; skipped: SkippedAction[] } {
  const skipped: SkippedAction[] = []
  const runnable: Candidate[] = []
  let retriesNow = 0
  for (const candidate of supersede(due, skipped)) {
    const { action } = candidate
    if (action.type === 'retry_payment') {
      const refusal = retryRefusal(facts, retryCaps, retriesNow, now)
      if (refusal) {
        skipped.push({ ...stepRef(candidate), ...refusal })
        continue
      }
      retriesNow++
    }
    if (action.type === 'notify') {
      const channels = action.channels.filter((c) => !customer.opted_out.includes(c))
      if (channels.length === 0) {
        skipped.push({
          ...stepRef(candidate),
          reason: 'opted_out',
          detail: `customer ${customer.id} opted out of ${action.channels.join(', ')}`,
        })
        continue
      }
      if (channels.length < action.channels.length) {
        runnable.push({ ...candidate, action: { ...action, channels } satisfies Action })
        continue
      }
    }
    runnable.push(candidate)
  }
  return { runnable, skipped }
}

/** Keeps the latest-scheduled step per action key (ties: the later step in the plan). */
function supersede(due: readonly Candidate[], skipped: SkippedAction[]): Candidate[] {
  const winners = new Map<string, Candidate>()
  for (const candidate of due) {
    const key = supersedeKey(candidate.action)
    const current = winners.get(key)
    if (!current || isLater(candidate, current)) winners.set(key, candidate)
  }
  const kept: Candidate[] = []
  for (const candidate of due) {
    const winner = winners.get(supersedeKey(candidate.action))!
    if (winner === candidate) kept.push(candidate)
    else
      skipped.push({
        ...stepRef(candidate),
        reason: 'superseded',
        detail: `superseded by step "${winner.stepId}", due at the same time with the same action and scheduled later`,
      })
  }
  return kept
}

function isLater(a: Candidate, b: Candidate): boolean {
  return a.scheduledAt !== b.scheduledAt ? a.scheduledAt > b.scheduledAt : a.order > b.order
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

export function stepRef({ stepId, segment, action, scheduledAt }: StepRef): StepRef {
  return { stepId, segment, action, scheduledAt }
}
