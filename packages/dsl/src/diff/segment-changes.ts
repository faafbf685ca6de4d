import type { CompiledPolicy, PlanSegment } from '@dun/engine'
import { pairByKey } from './pair-by-key.js'
import type { PolicyChange } from './policy-change.js'
import { stepChanges } from './step-changes.js'
import { conditionChanges } from './thresholds.js'

/**
 * Segments matched by name: added and removed ones (with their steps, not listed one by
 * one), a new order among the ones kept (first match wins, so order is behaviour), and for
 * each kept segment its predicate and its steps.
 */
export function segmentChanges(older: CompiledPolicy, newer: CompiledPolicy): PolicyChange[] {
  const name = (segment: PlanSegment) => segment.name
  const { both, onlyOld, onlyNew } = pairByKey(older.plan.segments, newer.plan.segments, name)
  const changes: PolicyChange[] = [
    ...onlyOld.map((s): PolicyChange => ({
      kind: 'segment_removed',
      segment: s.name,
      when: s.when,
      steps: s.steps.length,
    })),
    ...onlyNew.map((s): PolicyChange => ({
      kind: 'segment_added',
      segment: s.name,
      when: s.when,
      steps: s.steps.length,
    })),
  ]
  const kept = new Set(both.map(([a]) => a.name))
  const from = older.plan.segments.map(name).filter((n) => kept.has(n))
  const to = newer.plan.segments.map(name).filter((n) => kept.has(n))
  if (from.join() !== to.join()) changes.push({ kind: 'segments_reordered', from, to })
  for (const [before, after] of both) {
    changes.push(
      ...conditionChanges({ kind: 'segment', segment: after.name }, before.when, after.when),
      ...stepChanges(before, after),
    )
  }
  return changes
}
