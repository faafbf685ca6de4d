import type { CompiledPolicy, Condition, PlanStep } from '../compiled.js'
import { sendWindow, type SendWindow } from '../evaluate/send-window.js'

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
  /** How long a contact counts in caps: episodes further apart cannot interact. */
  readonly memoryMs: number
  /**
   * Of each policy's steps timed alike (same anchor, unit and time of day), the one with the
   * smallest offset, beside the send window it is timed in: no step of the policies can be
   * scheduled before the earliest of these.
   */
  readonly firstSteps: readonly FirstStep[]
  /** A policy reads `account.*`: every open invoice counts in the aggregates of the others. */
  readonly readsAccount: boolean
  /** A policy reads contacts made for other invoices (`dunning.messages_7d`, `calls_7d`, `since_last_contact`). */
  readonly readsContacts: boolean
}

export interface FirstStep {
  readonly step: PlanStep
  readonly window: SendWindow
}

export function policySpan(policies: readonly CompiledPolicy[]): PolicySpan {
  let lastStep = 0
  let window = STATUTORY_WINDOW_DAYS
  const firstSteps: FirstStep[] = []
  for (const { plan } of policies) {
    const earliest = new Map<string, PlanStep>()
    for (const segment of plan.segments) {
      for (const step of segment.steps) {
        const { anchor, unit, offset, at } = step.timing
        lastStep = Math.max(lastStep, offset * (unit === 'day' ? DAY_MS : HOUR_MS))
        const alike = `${anchor} ${unit} ${at}`
        if (offset < (earliest.get(alike)?.timing.offset ?? Infinity)) earliest.set(alike, step)
      }
    }
    const stepWindow = sendWindow(plan.limits.quietHours)
    for (const step of earliest.values()) firstSteps.push({ step, window: stepWindow })
    for (const cap of plan.limits.caps) window = Math.max(window, cap.windowDays)
  }
  return {
    caseSpanMs: lastStep + RECHECK_MS + ZONE_SLACK_MS,
    memoryMs: window * DAY_MS + ZONE_SLACK_MS,
    firstSteps,
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
