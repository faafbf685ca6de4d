import type { Action } from './action.js'
import type { FactValue } from './facts/catalogue.js'
import type { Operator } from './compiled.js'

/** What the engine decides for one case at one instant. Deterministic: same input, same decision. */
export interface Decision {
  readonly invoiceId: string
  readonly status: CaseStatus
  /** The segment the case matched (first match wins); null when none matched or stopped first. */
  readonly segment: string | null
  /** Actions to perform now. */
  readonly due: readonly DueAction[]
  /** Actions held back by a limit: never lost, each with its earliest possible time. */
  readonly deferred: readonly DeferredAction[]
  /** Actions deliberately not performed (opt-out, superseded, card-network rule); recorded as done. */
  readonly skipped: readonly SkippedAction[]
  /** When this case next needs evaluating (epoch ms); null when nothing more can happen. */
  readonly nextWakeAt: number | null
  /** Why the case cannot be evaluated (e.g. a currency the policy does not list). */
  readonly problem: { readonly code: string; readonly message: string } | null
  /** Per-rule explanation, built only when asked for. */
  readonly trace?: readonly RuleTrace[]
}

export type CaseStatus =
  /** Steps remain; nothing stops or pauses the case. */
  | 'active'
  /** A pause condition holds: due steps are deferred. */
  | 'paused'
  /** A stop condition holds (or the invoice is settled): the case is over. */
  | 'stopped'
  /** Every step of the segment is done or can no longer fire. */
  | 'completed'
  /** The case cannot be evaluated; see `problem`. */
  | 'rejected'

export interface StepRef {
  readonly stepId: string
  readonly segment: string
  readonly action: Action
  /** The step's scheduled time (epoch ms): anchor + offset, at the start of the send window. */
  readonly scheduledAt: number
}

export type DueAction = StepRef

export type DeferralReason = 'quiet_hours' | 'cap' | 'pause'

export interface DeferredAction extends StepRef {
  readonly reason: DeferralReason
  /** For people: "at most 3 messages per 7 days reached (3 sent)". */
  readonly detail: string
  readonly earliestAt: number
}

export type SkipReason = 'opted_out' | 'superseded' | 'hard_decline' | 'retry_cap'

export interface SkippedAction extends StepRef {
  readonly reason: SkipReason
  readonly detail: string
}

/** One rule's evaluation: which conditions held, with the values seen. */
export interface RuleTrace {
  readonly rule: string
  readonly fired: boolean
  readonly conditions: ConditionTrace
}

export type ConditionTrace =
  | {
      readonly kind: 'all' | 'any'
      readonly result: boolean
      readonly children: readonly ConditionTrace[]
    }
  | { readonly kind: 'not'; readonly result: boolean; readonly child: ConditionTrace }
  | {
      readonly kind: 'fact'
      readonly fact: string
      readonly operator: Operator
      readonly expected: unknown
      readonly actual: FactValue | undefined
      readonly result: boolean
    }
