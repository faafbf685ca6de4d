import type { CompiledPolicy } from '../compiled.js'

const DAY_MS = 86_400_000
const HOUR_MS = 3_600_000
/** The engine re-checks a step whose guard failed daily until 30 days after the last step. */
const RECHECK_MS = 30 * DAY_MS
/** Local days start up to 14 hours away from UTC; one day of slack covers every zone. */
const ZONE_SLACK_MS = DAY_MS
/** Statutory call cap window (7 days): the shortest memory whatever the policy says. */
const STATUTORY_WINDOW_DAYS = 7

/**
 * How long a case can act after its anchor, and how long a contact counts in caps:
 * together they tell when two invoices of one customer can no longer interact.
 */
export function policySpan(policies: readonly CompiledPolicy[]): {
  caseSpanMs: number
  memoryMs: number
} {
  let lastStep = 0
  let window = STATUTORY_WINDOW_DAYS
  for (const { plan } of policies) {
    for (const segment of plan.segments) {
      for (const { timing } of segment.steps) {
        const offset = timing.unit === 'day' ? timing.offset * DAY_MS : timing.offset * HOUR_MS
        lastStep = Math.max(lastStep, offset)
      }
    }
    for (const cap of plan.limits.caps) window = Math.max(window, cap.windowDays)
  }
  return {
    caseSpanMs: lastStep + RECHECK_MS + ZONE_SLACK_MS,
    memoryMs: window * DAY_MS + ZONE_SLACK_MS,
  }
}
