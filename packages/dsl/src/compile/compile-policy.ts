import { COMPILED_FORMAT, type Anchor, type CompiledPolicy } from '@dun/engine'
import type { DunFile, Policy, PolicyItem } from '../ast.js'
import type { Diagnostic } from '../diagnostic.js'
import { CompileError } from './compile-error.js'
import { compileLimits } from './limits.js'
import { compileControlRules } from './policy-rules.js'
import { compileSegments } from './segment.js'

export interface CompileResult {
  /** Null when the file has errors. */
  readonly compiled: CompiledPolicy | null
  readonly diagnostics: readonly Diagnostic[]
}

/** Steps count from the due date unless the policy says `anchor failure`. */
const DEFAULT_ANCHOR: Anchor = 'due'

/**
 * Compiles a parsed policy that the validator already accepted (FORMAT.md). The output is
 * deterministic: the same tree gives byte-identical JSON, keys in a fixed order.
 *
 * The output is read-only: rules share sub-objects (the earlier segments' negated
 * predicates, a guard written the same on several steps, a step's action, the pre-due
 * condition), so changing one in place would change it in every rule that holds it.
 * json-rules-engine copies what it is given (`new Condition` and `RuleResult` clone), and
 * the engine only reads; a caller that wants to edit compiled rules must copy them first
 * (`structuredClone`).
 */
export function compilePolicy(file: DunFile): CompileResult {
  try {
    return { compiled: compileChecked(file), diagnostics: [] }
  } catch (error) {
    if (error instanceof CompileError)
      return { compiled: null, diagnostics: [error.toDiagnostic()] }
    throw error
  }
}

function compileChecked(file: DunFile): CompiledPolicy {
  const policy = file.policy
  if (!policy?.name) {
    throw new CompileError(
      'the file has no named policy to compile',
      policy?.range ?? file.range,
      'Start the file with `policy "name" { … }`.',
    )
  }
  const currencies = [
    ...new Set(itemsOf(policy, 'currencies').flatMap((c) => c.currencies.map((n) => n.text))),
  ]
  const anchor = itemsOf(policy, 'anchor')[0]?.anchor ?? DEFAULT_ANCHOR
  const segments = compileSegments(itemsOf(policy, 'segment'), anchor)
  const controls = policy.items.filter((item) => item.kind === 'stop' || item.kind === 'pause')
  return {
    format: COMPILED_FORMAT,
    policy: { name: policy.name.value, currencies },
    rules: compileControlRules(controls).concat(...segments.map((s) => s.rules)),
    plan: {
      currencies,
      anchor,
      limits: compileLimits(itemsOf(policy, 'limits')),
      segments: segments.map((s) => s.plan),
    },
  }
}

function itemsOf<K extends PolicyItem['kind']>(
  policy: Policy,
  kind: K,
): Extract<PolicyItem, { kind: K }>[] {
  return policy.items.filter((item): item is Extract<PolicyItem, { kind: K }> => item.kind === kind)
}
