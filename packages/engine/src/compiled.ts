import type { Action } from './action.js'
import type { CapScope } from './channels.js'

/**
 * The compiled form of a policy: plain JSON, stored with each version. `rules` runs
 * unchanged on a stock json-rules-engine `Engine`; `plan` carries what scheduling and
 * limits need without re-parsing the source.
 */
export interface CompiledPolicy {
  readonly format: typeof COMPILED_FORMAT
  readonly policy: { readonly name: string; readonly currencies: readonly string[] }
  readonly rules: readonly RuleJson[]
  readonly plan: Plan
}

export const COMPILED_FORMAT = 'dun.compiled/1'

// ---- json-rules-engine rule JSON (the subset the compiler emits) ----

export const OPERATORS = [
  'equal',
  'notEqual',
  'lessThan',
  'lessThanInclusive',
  'greaterThan',
  'greaterThanInclusive',
  'in',
  'notIn',
  'contains',
  'doesNotContain',
] as const
export type Operator = (typeof OPERATORS)[number]

export type ConditionValue = number | string | boolean | null | readonly (string | number)[]

/** A comparison of one fact with a literal, or with another fact (`{ fact: 'now' }`). */
export interface FactCondition {
  readonly fact: string
  readonly operator: Operator
  readonly value: ConditionValue | { readonly fact: string }
}

export type Condition =
  | FactCondition
  | { readonly all: readonly Condition[] }
  | { readonly any: readonly Condition[] }
  | { readonly not: Condition }

/** What fires when a rule's conditions hold. */
export type RuleEvent =
  | {
      readonly type: 'step'
      readonly params: { readonly step: string; readonly segment: string; readonly action: Action }
    }
  /** `stop when …`: the case ends; nothing more is sent. */
  | { readonly type: 'stop'; readonly params: { readonly reason: string } }
  /** `pause when …`: every due step is deferred until the condition no longer holds. */
  | { readonly type: 'pause'; readonly params: { readonly reason: string } }

export interface RuleJson {
  readonly name: string
  readonly priority: number
  readonly conditions: { readonly all: readonly Condition[] }
  readonly event: RuleEvent
}

// ---- the plan ----

export type Anchor = 'due' | 'failure'

/** When a step is due, relative to its anchor. */
export interface StepTiming {
  readonly anchor: Anchor
  /** `day` steps count calendar days in the customer's time zone; `hour` steps count hours. */
  readonly unit: 'day' | 'hour'
  readonly offset: number
  /** `at HH:MM` in minutes after local midnight; null = start of the day's send window. */
  readonly at: number | null
}

export interface PlanStep {
  /** Stable id: segment + action + channel/template + ordinal among equals, or the step's label. */
  readonly id: string
  readonly segment: string
  readonly timing: StepTiming
  readonly action: Action
  /** The guard's source text, for explanations; null without a guard. */
  readonly guard: string | null
  /** 1-based line of the step in the policy source. */
  readonly line: number
}

export interface PlanSegment {
  readonly name: string
  /** The segment predicate's source text; null for a catch-all. */
  readonly when: string | null
  readonly steps: readonly PlanStep[]
}

export interface Cap {
  readonly scope: CapScope
  readonly max: number
  readonly windowDays: number
}

export interface Plan {
  readonly currencies: readonly string[]
  readonly anchor: Anchor
  readonly limits: {
    /** Quiet hours in the customer's time zone, minutes after midnight; may wrap midnight. */
    readonly quietHours: { readonly start: number; readonly end: number } | null
    readonly caps: readonly Cap[]
  }
  readonly segments: readonly PlanSegment[]
}
