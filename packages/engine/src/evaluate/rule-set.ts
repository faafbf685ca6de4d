import type { CompiledPolicy, Condition, PlanSegment, PlanStep, RuleJson } from '../compiled.js'
import type { ContactKind } from '../channels.js'
import { FACTS } from '../facts/catalogue.js'
import { contactKinds, supersedeKey } from './action-kind.js'
import { isFactReference } from './compile-condition.js'

/**
 * The compiled rules indexed for evaluation, plus one probe rule per segment with steps
 * (`segment:<name>`): the segment's own conditions (earlier segments negated, then its
 * predicate), taken from its first step rule. The probe tells which segment a case is in
 * even when none of its steps fires, which the wake time needs. Both execution paths run
 * this same list, so they agree on the segment too.
 */
export interface EngineRule {
  readonly name: string
  readonly priority: number
  readonly conditions: { readonly all: readonly Condition[] }
  readonly event: { readonly type: string; readonly params: Readonly<Record<string, unknown>> }
}

export type RuleRole =
  | { readonly kind: 'stop'; readonly reason: string }
  | { readonly kind: 'pause'; readonly reason: string }
  | { readonly kind: 'step'; readonly step: IndexedStep }
  | { readonly kind: 'segment'; readonly segment: number }

export interface IndexedStep {
  readonly step: PlanStep
  /** Position in the plan (segments in order, steps in order): the fixed tie-break order. */
  readonly order: number
  readonly segment: number
  /** Position among its segment's steps (`RuleSet.segmentSteps`). */
  readonly position: number
  /** Its `supersedeKey`, numbered: steps with equal numbers do the same thing. */
  readonly actionKey: number
  /** The contacts its action makes (before opt-outs narrow a notify). */
  readonly contacts: readonly ContactKind[]
  /** Its guard reads a volatile fact (`RuleSet.recheckDaily`). */
  readonly recheckDaily: boolean
}

export interface RuleSet {
  readonly rules: readonly EngineRule[]
  readonly roles: readonly RuleRole[]
  readonly indexByName: ReadonlyMap<string, number>
  /** Steps of each plan segment, in plan order. */
  readonly segmentSteps: readonly (readonly IndexedStep[])[]
  /**
   * Steps whose guard reads a fact that changes with time or with the engine's own actions
   * (`invoice.overdue`, `dunning.messages_7d`, `dunning.steps_done`, `now`…): once their
   * time has passed with the guard false, they are re-checked daily.
   */
  readonly recheckDaily: ReadonlySet<string>
  /**
   * For each step rule, its segment's probe rule and how many leading conditions it shares
   * with it: a rule whose segment does not hold cannot fire, so the fast path skips it.
   */
  readonly sharedPrefix: readonly ({ readonly probe: number; readonly length: number } | null)[]
  /** Rule indexes grouped by role, in rule order: what an evaluation reads once the rules ran. */
  readonly byRole: RulesByRole
}

export interface RulesByRole {
  readonly stops: readonly number[]
  readonly pauses: readonly { readonly rule: number; readonly reason: string }[]
  readonly segments: readonly { readonly rule: number; readonly segment: number }[]
  readonly steps: readonly { readonly rule: number; readonly step: IndexedStep }[]
}

export function buildRuleSet(compiled: CompiledPolicy): RuleSet {
  const segments = compiled.plan.segments
  const placed = placeSteps(segments)
  const recheckDaily = new Set<string>()
  for (const rule of compiled.rules) {
    const step = rule.event.type === 'step' ? placed.get(rule.event.params.step)?.step : undefined
    if (step && guardIsVolatile(rule, step)) recheckDaily.add(step.id)
  }
  const stepsById = indexSteps(placed, recheckDaily)
  const rules: EngineRule[] = []
  const roles: RuleRole[] = []
  const firstRuleOfSegment = new Map<number, RuleJson>()
  for (const rule of compiled.rules) {
    const role = roleOf(rule, stepsById)
    if (role.kind === 'step' && !firstRuleOfSegment.has(role.step.segment))
      firstRuleOfSegment.set(role.step.segment, rule)
    rules.push(rule)
    roles.push(role)
  }
  const probes = new Map<number, number>()
  segments.forEach((segment, index) => {
    const rule = firstRuleOfSegment.get(index)
    if (!rule) return
    probes.set(index, rules.length)
    rules.push(probeRule(segments, index, rule))
    roles.push({ kind: 'segment', segment: index })
  })
  const sharedPrefix = roles.map((role, index) => {
    if (role.kind !== 'step') return null
    const probe = probes.get(role.step.segment)!
    const shared = rules[probe]!.conditions.all
    const own = rules[index]!.conditions.all.slice(0, shared.length)
    // Hand-written rules may differ; only an identical prefix may be skipped.
    return JSON.stringify(own) === JSON.stringify(shared) ? { probe, length: shared.length } : null
  })
  const indexByName = new Map(rules.map((rule, index) => [rule.name, index]))
  if (indexByName.size !== rules.length) {
    throw new Error(
      `policy "${compiled.policy.name}": two rules share a name; each step id must be unique`,
    )
  }
  const segmentSteps = segments.map((_, index) =>
    [...stepsById.values()].filter((s) => s.segment === index),
  )
  const byRole = groupByRole(roles)
  return { rules, roles, indexByName, segmentSteps, recheckDaily, sharedPrefix, byRole }
}

function groupByRole(roles: readonly RuleRole[]): RulesByRole {
  const stops: number[] = []
  const pauses: { rule: number; reason: string }[] = []
  const segments: { rule: number; segment: number }[] = []
  const steps: { rule: number; step: IndexedStep }[] = []
  roles.forEach((role, rule) => {
    switch (role.kind) {
      case 'stop':
        stops.push(rule)
        break
      case 'pause':
        pauses.push({ rule, reason: role.reason })
        break
      case 'segment':
        segments.push({ rule, segment: role.segment })
        break
      case 'step':
        steps.push({ rule, step: role.step })
        break
    }
  })
  return { stops, pauses, segments, steps }
}

/** Facts that change without an outside event: derived from the clock, or by dunning itself. */
const VOLATILE_FACTS: ReadonlySet<string> = new Set([
  ...[...FACTS.values()].filter((fact) => fact.derivedFrom !== undefined).map((fact) => fact.path),
  'now',
  'dunning.steps_done',
  'invoice.attempts',
])

// FORMAT.md: the guard, when a step has one, is the last condition of its rule.
function guardIsVolatile(rule: RuleJson, step: PlanStep): boolean {
  const guard =
    step.guard === null ? undefined : rule.conditions.all[rule.conditions.all.length - 1]
  return guard !== undefined && readsVolatileFact(guard)
}

function readsVolatileFact(condition: Condition): boolean {
  if ('all' in condition) return condition.all.some(readsVolatileFact)
  if ('any' in condition) return condition.any.some(readsVolatileFact)
  if ('not' in condition) return readsVolatileFact(condition.not)
  const value = condition.value
  return (
    VOLATILE_FACTS.has(condition.fact) || (isFactReference(value) && VOLATILE_FACTS.has(value.fact))
  )
}

type PlacedStep = Pick<IndexedStep, 'step' | 'order' | 'segment'>

function placeSteps(segments: readonly PlanSegment[]): Map<string, PlacedStep> {
  const placed = new Map<string, PlacedStep>()
  segments.forEach((segment, segmentIndex) => {
    for (const step of segment.steps) {
      placed.set(step.id, { step, order: placed.size, segment: segmentIndex })
    }
  })
  return placed
}

// Everything about a step that does not change between evaluations, worked out once.
function indexSteps(
  placed: ReadonlyMap<string, PlacedStep>,
  recheckDaily: ReadonlySet<string>,
): Map<string, IndexedStep> {
  const actionKeys = new Map<string, number>()
  const positions: number[] = []
  const steps = new Map<string, IndexedStep>()
  for (const [id, { step, order, segment }] of placed) {
    const key = supersedeKey(step.action)
    if (!actionKeys.has(key)) actionKeys.set(key, actionKeys.size)
    const position = positions[segment] ?? 0
    positions[segment] = position + 1
    steps.set(id, {
      step,
      order,
      segment,
      position,
      actionKey: actionKeys.get(key)!,
      contacts: contactKinds(step.action),
      recheckDaily: recheckDaily.has(id),
    })
  }
  return steps
}

function roleOf(rule: RuleJson, steps: ReadonlyMap<string, IndexedStep>): RuleRole {
  switch (rule.event.type) {
    case 'stop':
    case 'pause':
      return { kind: rule.event.type, reason: rule.event.params.reason }
    case 'step': {
      const step = steps.get(rule.event.params.step)
      if (!step) {
        throw new Error(
          `rule "${rule.name}" fires step "${rule.event.params.step}", which the plan does not list; recompile the policy`,
        )
      }
      return { kind: 'step', step }
    }
  }
}

/** Segment `index`'s own conditions: one `not` per earlier segment with a predicate, then its own. */
function probeRule(
  segments: readonly PlanSegment[],
  index: number,
  stepRule: RuleJson,
): EngineRule {
  const segment = segments[index]!
  const negated = segments.slice(0, index).filter((s) => s.when !== null).length
  const length = negated + (segment.when === null ? 0 : 1)
  const prefix = stepRule.conditions.all.slice(0, length)
  const wellFormed =
    prefix.length === length &&
    prefix.every((condition, i) => (i < negated ? 'not' in condition : 'all' in condition))
  if (!wellFormed) {
    throw new Error(
      `rule "${stepRule.name}" does not start with the conditions of segment "${segment.name}" as FORMAT.md describes (earlier segments negated, then its own); recompile the policy`,
    )
  }
  return {
    name: `segment:${segment.name}`,
    priority: 1,
    conditions: { all: prefix },
    event: { type: 'segment', params: { segment: segment.name } },
  }
}
