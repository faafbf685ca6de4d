import type { Cap, CompiledPolicy } from '../compiled.js'
import { CARD_NETWORK_RETRY_CAP, STATUTORY_CALL_CAP } from '../statutory.js'
import { buildRuleSet, type RuleSet } from './rule-set.js'
import { sendWindow, type SendWindow } from './send-window.js'

/** Everything evaluation needs from a compiled policy, computed once by `prepare`. */
export interface PolicyContext {
  readonly compiled: CompiledPolicy
  readonly rules: RuleSet
  readonly window: SendWindow
  /** Caps on contacts per customer: the policy's, plus the statutory call cap. */
  readonly contactCaps: readonly Cap[]
  /** Caps on payment retries per invoice: the policy's, plus the card networks'. */
  readonly retryCaps: readonly Cap[]
  readonly currencies: ReadonlySet<string>
}

export function policyContext(compiled: CompiledPolicy): PolicyContext {
  const { limits, currencies } = compiled.plan
  return {
    compiled,
    rules: buildRuleSet(compiled),
    window: sendWindow(limits.quietHours),
    contactCaps: [...limits.caps.filter((cap) => cap.scope !== 'retries'), STATUTORY_CALL_CAP],
    retryCaps: [...limits.caps.filter((cap) => cap.scope === 'retries'), CARD_NETWORK_RETRY_CAP],
    currencies: new Set(currencies),
  }
}
