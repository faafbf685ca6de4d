import type { CompiledPolicy, Condition } from '../compiled.js'
import { sendWindow, type SendWindow } from '../evaluate/send-window.js'
import { ConditionSlots, guardedSteps, type GuardedStep } from './guard-outlook.js'

const DAY_MS = 86_400_000
const HOUR_MS = 3_600_000
/** The engine re-checks a step whose guard failed daily until 30 days after the last step. */
const RECHECK_MS = 30 * DAY_MS
/** A local day starts up to 14 hours away from UTC; one day of slack covers every zone. */
const ZONE_SLACK_MS = DAY_MS
/** Statutory call cap window (7 days): the shortest memory whatever the policy says. */
const STATUTORY_WINDOW_DAYS = 7

/** What the simulator needs to know of the policies' timing, whatever they do. */
export interface PolicySpan {
  /** How long after its anchor an unpaid case can still act. */
  readonly caseSpanMs: number
  /** How long a contact counts in the customer's caps: episodes further apart cannot interact. */
  readonly memoryMs: number
  /**
   * Each policy's steps timed alike (same anchor, unit and time of day), by offset, beside
   * the send window they are timed in: a step is never scheduled before the first step of
   * its group, nor before the first of the steps whose guard can hold.
   */
  readonly stepGroups: readonly StepGroup[]
  /** The distinct conditions of the step groups' outlooks, each judged once per invoice. */
  readonly conditions: ConditionSlots
  /** A policy reads `account.*`: every open invoice counts in the aggregates of the others. */
  readonly readsAccount: boolean
  /** A policy reads contacts made for other invoices (`dunning.messages_7d`, `calls_7d`, `since_last_contact`). */
  readonly readsContacts: boolean
}

export interface StepGroup {
  /** Ordered by offset: a larger offset of the same timing is never scheduled earlier. */
  readonly steps: readonly GuardedStep[]
  readonly window: SendWindow
}

export function policySpan(policies: readonly CompiledPolicy[]): PolicySpan {
  let lastStep = 0
  let window = STATUTORY_WINDOW_DAYS
  const stepGroups: StepGroup[] = []
  const conditions = new ConditionSlots()
  for (const policy of policies) {
    const alike = new Map<string, GuardedStep[]>()
    for (const guarded of guardedSteps(policy, conditions)) {
      const { anchor, unit, offset, at } = guarded.step.timing
      lastStep = Math.max(lastStep, offset * (unit === 'day' ? DAY_MS : HOUR_MS))
      const timing = `${anchor} ${unit} ${at}`
      const group = alike.get(timing)
      if (group) group.push(guarded)
      else alike.set(timing, [guarded])
    }
    const stepWindow = sendWindow(policy.plan.limits.quietHours)
    for (const steps of alike.values()) {
      steps.sort((a, b) => a.step.timing.offset - b.step.timing.offset)
      stepGroups.push({ steps, window: stepWindow })
    }
    // a retry cap counts one invoice's retries: it ties nothing between invoices
    for (const cap of policy.plan.limits.caps) {
      if (cap.scope !== 'retries') window = Math.max(window, cap.windowDays)
    }
  }
  return {
    caseSpanMs: lastStep + RECHECK_MS + ZONE_SLACK_MS,
    memoryMs: window * DAY_MS + ZONE_SLACK_MS,
    stepGroups,
    conditions,
    readsAccount: policies.some((p) => reads(p, (fact) => fact.startsWith('account.'))),
    readsContacts: policies.some((p) => reads(p, (fact) => CONTACT_FACTS.has(fact))),
  }
}

const CONTACT_FACTS = new Set([
  'dunning.messages_7d',
  'dunning.calls_7d',
  'dunning.since_last_contact',
])

function reads(policy: CompiledPolicy, matches: (fact: string) => boolean): boolean {
  const inCondition = (condition: Condition): boolean => {
    if ('all' in condition) return condition.all.some(inCondition)
    if ('any' in condition) return condition.any.some(inCondition)
    if ('not' in condition) return inCondition(condition.not)
    const other = condition.value
    const readsOther = typeof other === 'object' && other !== null && 'fact' in other
    return matches(condition.fact) || (readsOther && matches(other.fact))
  }
  return policy.rules.some((rule) => inCondition(rule.conditions))
}
