import type { CompiledPolicy, Condition } from '../compiled.js'

const DAY_MS = 86_400_000
const HOUR_MS = 3_600_000
/** The engine re-checks a step whose guard failed daily until 30 days after the last step. */
const RECHECK_MS = 30 * DAY_MS
/** A local day starts up to 14 hours away from UTC; one day of slack covers every zone. */
export const ZONE_SLACK_MS = DAY_MS
/** Statutory call cap window (7 days): the shortest memory whatever the policy says. */
const STATUTORY_WINDOW_DAYS = 7

/** What the simulator needs to know of the policies' timing, whatever they do. */
export interface PolicySpan {
  /** How long after its anchor an unpaid case can still act. */
  readonly caseSpanMs: number
  /** How long a contact counts in caps: episodes further apart cannot interact. */
  readonly memoryMs: number
  /** The earliest step offset from each anchor; null when no step uses that anchor. */
  readonly firstStepMs: { readonly due: number | null; readonly failure: number | null }
  /**
   * Whether an invoice paid before any step could run may skip the replay. Not when a
   * policy reads `account.*`: an open invoice counts in the account aggregates of others.
   */
  readonly skipsInert: boolean
}

export function policySpan(policies: readonly CompiledPolicy[]): PolicySpan {
  let lastStep = 0
  let window = STATUTORY_WINDOW_DAYS
  const first: { due: number | null; failure: number | null } = { due: null, failure: null }
  for (const { plan } of policies) {
    for (const segment of plan.segments) {
      for (const { timing } of segment.steps) {
        const offset = timing.offset * (timing.unit === 'day' ? DAY_MS : HOUR_MS)
        lastStep = Math.max(lastStep, offset)
        first[timing.anchor] = Math.min(first[timing.anchor] ?? Infinity, offset)
      }
    }
    for (const cap of plan.limits.caps) window = Math.max(window, cap.windowDays)
  }
  return {
    caseSpanMs: lastStep + RECHECK_MS + ZONE_SLACK_MS,
    memoryMs: window * DAY_MS + ZONE_SLACK_MS,
    firstStepMs: first,
    skipsInert: !policies.some((p) => p.rules.some((rule) => readsAccount(rule.conditions))),
  }
}

function readsAccount(condition: Condition): boolean {
  if ('all' in condition) return condition.all.some(readsAccount)
  if ('any' in condition) return condition.any.some(readsAccount)
  if ('not' in condition) return readsAccount(condition.not)
  const other = condition.value
  const readsOther = typeof other === 'object' && other !== null && 'fact' in other
  return condition.fact.startsWith('account.') || (readsOther && other.fact.startsWith('account.'))
}
