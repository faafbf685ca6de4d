import type { Action, Anchor, Cap, StepTiming } from '@dun/engine'

/** Where a condition lives in a policy: what a threshold or predicate change belongs to. */
export type ConditionPlace =
  | { readonly kind: 'segment'; readonly segment: string }
  | { readonly kind: 'guard'; readonly segment: string; readonly stepId: string }
  | { readonly kind: 'stop' }
  | { readonly kind: 'pause' }

/** One step as a change reports it: enough to say what it did and when. */
export interface StepSnapshot {
  readonly id: string
  readonly timing: StepTiming
  readonly action: Action
  readonly guard: string | null
}

/**
 * One difference between two versions of a policy, in the analyst's terms. Steps are keyed
 * by their stable ids (FORMAT.md "Step ids"), so moving a step to another day is a move,
 * not a removal and an addition.
 */
export type PolicyChange =
  | { readonly kind: 'unreadable'; readonly side: 'old' | 'new'; readonly problem: string }
  | {
      readonly kind: 'currencies_changed'
      readonly from: readonly string[]
      readonly to: readonly string[]
    }
  | { readonly kind: 'anchor_changed'; readonly from: Anchor; readonly to: Anchor }
  | {
      readonly kind: 'quiet_hours_changed'
      readonly from: QuietHoursWindow | null
      readonly to: QuietHoursWindow | null
    }
  | { readonly kind: 'cap_added'; readonly cap: Cap }
  | { readonly kind: 'cap_removed'; readonly cap: Cap }
  | { readonly kind: 'cap_changed'; readonly from: Cap; readonly to: Cap }
  | { readonly kind: 'condition_added'; readonly place: ControlPlace; readonly condition: string }
  | { readonly kind: 'condition_removed'; readonly place: ControlPlace; readonly condition: string }
  | {
      readonly kind: 'condition_changed'
      readonly place: ConditionPlace
      readonly from: string | null
      readonly to: string | null
    }
  | {
      readonly kind: 'threshold_changed'
      readonly place: ConditionPlace
      /** The fact compared with the amount, e.g. `customer.arr`. */
      readonly fact: string
      /** Amounts per currency as written, e.g. `{ USD: "5000", EUR: "4500" }`. */
      readonly from: Readonly<Record<string, string>>
      readonly to: Readonly<Record<string, string>>
    }
  | {
      readonly kind: 'segment_added'
      readonly segment: string
      readonly when: string | null
      readonly steps: number
    }
  | {
      readonly kind: 'segment_removed'
      readonly segment: string
      readonly when: string | null
      readonly steps: number
    }
  | {
      readonly kind: 'segments_reordered'
      readonly from: readonly string[]
      readonly to: readonly string[]
    }
  | { readonly kind: 'step_added'; readonly segment: string; readonly step: StepSnapshot }
  | { readonly kind: 'step_removed'; readonly segment: string; readonly step: StepSnapshot }
  | {
      readonly kind: 'step_moved'
      readonly segment: string
      readonly stepId: string
      readonly action: Action
      readonly from: StepTiming
      readonly to: StepTiming
    }
  | {
      readonly kind: 'step_action_changed'
      readonly segment: string
      /** The step's id now; a change of channel or template gives an unlabelled step a new id. */
      readonly stepId: string
      readonly previousStepId: string
      readonly from: Action
      readonly to: Action
    }

export type ControlPlace = Extract<ConditionPlace, { kind: 'stop' | 'pause' }>

export interface QuietHoursWindow {
  /** Minutes after local midnight. */
  readonly start: number
  readonly end: number
}

export type PolicyChangeKind = PolicyChange['kind']

/** A change with the sentence the editor shows for it. */
export type DescribedChange = PolicyChange & { readonly text: string }
