import type { CompiledPolicy } from '@dun/engine'
import { pairByKey, withOrdinals } from './pair-by-key.js'
import type { ControlPlace, PolicyChange } from './policy-change.js'
import { conditionChanges } from './thresholds.js'

/** Currencies, the default anchor, quiet hours, caps, and the stop and pause conditions. */
export function policyLevelChanges(older: CompiledPolicy, newer: CompiledPolicy): PolicyChange[] {
  const changes: PolicyChange[] = []
  const [from, to] = [older.plan, newer.plan]
  if (from.currencies.join() !== to.currencies.join()) {
    changes.push({ kind: 'currencies_changed', from: from.currencies, to: to.currencies })
  }
  if (from.anchor !== to.anchor) {
    changes.push({ kind: 'anchor_changed', from: from.anchor, to: to.anchor })
  }
  const [quietFrom, quietTo] = [from.limits.quietHours, to.limits.quietHours]
  if (quietFrom?.start !== quietTo?.start || quietFrom?.end !== quietTo?.end) {
    changes.push({ kind: 'quiet_hours_changed', from: quietFrom, to: quietTo })
  }
  return [
    ...changes,
    ...capChanges(older, newer),
    ...controlChanges('stop', older, newer),
    ...controlChanges('pause', older, newer),
  ]
}

function capChanges(older: CompiledPolicy, newer: CompiledPolicy): PolicyChange[] {
  // Caps are matched by what they count; a second cap on the same scope is its own entry.
  const keyed = (policy: CompiledPolicy) => withOrdinals(policy.plan.limits.caps, (c) => c.scope)
  const { both, onlyOld, onlyNew } = pairByKey(keyed(older), keyed(newer), (c) => c.key)
  return [
    ...both
      .filter(([a, b]) => a.item.max !== b.item.max || a.item.windowDays !== b.item.windowDays)
      .map(([a, b]): PolicyChange => ({ kind: 'cap_changed', from: a.item, to: b.item })),
    ...onlyOld.map((c): PolicyChange => ({ kind: 'cap_removed', cap: c.item })),
    ...onlyNew.map((c): PolicyChange => ({ kind: 'cap_added', cap: c.item })),
  ]
}

function controlConditions(policy: CompiledPolicy, type: ControlPlace['kind']): string[] {
  return policy.rules.flatMap((rule) =>
    rule.event.type === type ? [rule.event.params.reason] : [],
  )
}

/**
 * Stop and pause conditions: identical ones are unchanged wherever they moved; of the rest,
 * the k-th removed and the k-th added are one condition rewritten.
 */
function controlChanges(
  type: ControlPlace['kind'],
  older: CompiledPolicy,
  newer: CompiledPolicy,
): PolicyChange[] {
  const place: ControlPlace = { kind: type }
  const keyed = (policy: CompiledPolicy) => withOrdinals(controlConditions(policy, type), (c) => c)
  const { onlyOld, onlyNew } = pairByKey(keyed(older), keyed(newer), (c) => c.key)
  const rewritten = Math.min(onlyOld.length, onlyNew.length)
  return [
    ...onlyOld
      .slice(0, rewritten)
      .flatMap((c, i) => conditionChanges(place, c.item, onlyNew[i]!.item)),
    ...onlyOld
      .slice(rewritten)
      .map((c): PolicyChange => ({ kind: 'condition_removed', place, condition: c.item })),
    ...onlyNew
      .slice(rewritten)
      .map((c): PolicyChange => ({ kind: 'condition_added', place, condition: c.item })),
  ]
}
