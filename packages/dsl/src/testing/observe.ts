import { replay, type CustomerCaseFacts, type FastPolicy } from '@dun/engine'
import type { Observation, PerformedStep } from './observation.js'
import type { TimeWindow } from './windows.js'

/**
 * What happened in each window when the test's case is replayed by the engine's own
 * replay — the one the simulator uses — so a test sees exactly what a simulation would.
 * The status and segment at a window's start come from evaluating the case as the
 * replay left it just before that instant.
 */
export function observe(
  policy: FastPolicy,
  facts: CustomerCaseFacts,
  windows: readonly TimeWindow[],
): Observation[] {
  const horizon = Math.max(...windows.map((w) => w.end))
  const performed: PerformedStep[] = policy
    .run(replay(policy, { facts, until: horizon }))
    .timeline.flatMap((entry) => (entry.kind === 'executed' ? [entry] : []))
  return windows.map((window) => {
    const before = policy.run(replay(policy, { facts, until: window.start })).facts
    const decision = policy.evaluateCustomer(before, window.start)[0]
    if (!decision) throw new Error(`the test case has no invoice to evaluate at ${window.label}`)
    return {
      performed: performed.filter((p) => p.executedAt >= window.start && p.executedAt < window.end),
      status: decision.status,
      segment: decision.segment,
      problem: decision.problem?.message ?? null,
    }
  })
}
