import type { CompiledPolicy } from '@dun/engine'
import { compile } from '../compile.js'
import { changeText } from './change-text.js'
import type { DescribedChange, PolicyChange } from './policy-change.js'
import { policyLevelChanges } from './policy-level-changes.js'
import { segmentChanges } from './segment-changes.js'

type Compiled = { readonly policy: CompiledPolicy } | { readonly problem: string }

function compiled(text: string): Compiled {
  const { compiled: policy, diagnostics } = compile(text)
  if (policy) return { policy }
  const errors = diagnostics.filter((d) => d.severity === 'error')
  const first = errors[0]
  return {
    problem:
      `it has ${errors.length} error${errors.length === 1 ? '' : 's'}` +
      (first ? ` (line ${first.range.line}: ${first.message})` : ''),
  }
}

/**
 * What changed from one version of a policy to the next, in an analyst's words: limits and
 * stop/pause conditions first, then segments, then steps keyed by their stable ids. Both
 * texts are compiled, so reformatting and comments never count as changes. A text that does
 * not compile yields one `unreadable` change naming its first error.
 */
export function describeChanges(oldText: string, newText: string): DescribedChange[] {
  const older = compiled(oldText)
  const newer = compiled(newText)
  const changes: PolicyChange[] = []
  if ('problem' in older) changes.push({ kind: 'unreadable', side: 'old', problem: older.problem })
  if ('problem' in newer) changes.push({ kind: 'unreadable', side: 'new', problem: newer.problem })
  if ('policy' in older && 'policy' in newer) {
    changes.push(
      ...policyLevelChanges(older.policy, newer.policy),
      ...segmentChanges(older.policy, newer.policy),
    )
  }
  return changes.map((change) => ({ ...change, text: changeText(change) }))
}
