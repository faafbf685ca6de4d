import { applyExecuted, type CustomerCaseFacts, type FastPolicy } from '@dun/engine'
import type { Observation, PerformedStep } from './observation.js'
import type { TimeWindow } from './windows.js'

/** When the engine asks to be woken at once again, look one minute later. */
const MIN_STEP_MS = 60_000
/** A policy whose wake times never advance would loop forever; no real test needs this many. */
const MAX_EVALUATIONS = 100_000

/**
 * Replays the test's one case on a virtual clock, as the runner would run it: evaluate at
 * the issue date and at every wake time, perform what is due, and also evaluate at the
 * start of every expectation window to see the case's status and segment then.
 */
export function observe(
  policy: FastPolicy,
  start: CustomerCaseFacts,
  windows: readonly TimeWindow[],
): Observation[] {
  const horizon = Math.max(...windows.map((w) => w.end))
  const checkpoints = [...new Set(windows.map((w) => w.start))].sort((a, b) => a - b)
  const states = new Map<number, Pick<Observation, 'status' | 'segment' | 'problem'>>()
  const performed: PerformedStep[] = []
  let facts = start
  let now = Math.min(start.cases[0]?.invoice.issued_at ?? horizon, checkpoints[0] ?? horizon)
  for (let evaluations = 0; now < horizon; evaluations++) {
    if (evaluations === MAX_EVALUATIONS)
      throw new Error(`the replay did not advance past ${new Date(now).toISOString()}`)
    const decisions = policy.evaluateCustomer(facts, now)
    const decision = decisions[0]
    if (!decision) break
    while (checkpoints.length > 0 && checkpoints[0]! <= now) {
      states.set(checkpoints.shift()!, {
        status: decision.status,
        segment: decision.segment,
        problem: decision.problem?.message ?? null,
      })
    }
    for (const due of decision.due)
      performed.push({ stepId: due.stepId, action: due.action, executedAt: now })
    facts = applyExecuted(facts, decisions, now)
    const wake =
      decision.nextWakeAt === null ? Infinity : Math.max(decision.nextWakeAt, now + MIN_STEP_MS)
    now = Math.min(wake, checkpoints[0] ?? Infinity)
  }
  return windows.map((window) => {
    const state = states.get(window.start)
    if (!state) throw new Error(`the replay never reached ${window.label}`)
    return {
      performed: performed.filter((p) => p.executedAt >= window.start && p.executedAt < window.end),
      ...state,
    }
  })
}
