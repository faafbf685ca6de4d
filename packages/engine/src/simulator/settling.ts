import type { CompiledPolicy, Condition, FactCondition } from '../compiled.js'
import type { PolicySpan } from './policy-span.js'

const DAY_MS = 86_400_000
const HOUR_MS = 3_600_000

/** Facts that change with time alone, one way: `fact > n` holds for good once it holds. */
const GROWING_FACTS: Readonly<Record<string, { readonly unitMs: number }>> = {
  'dunning.day_from_due': { unitMs: DAY_MS },
  'dunning.day_from_failure': { unitMs: DAY_MS },
  'dunning.hours_from_due': { unitMs: HOUR_MS },
  'dunning.hours_from_failure': { unitMs: HOUR_MS },
  'invoice.overdue': { unitMs: 1 },
}

/**
 * Facts that change while a case's own facts stand still: the clock's other readings, the
 * customer's contacts and promises (made for other invoices too), the account aggregates
 * (other invoices), retries in a sliding window.
 */
const MOVING_FACTS = new Set([
  'now',
  'dunning.local_minute',
  'dunning.retries_30d',
  'dunning.messages_7d',
  'dunning.calls_7d',
  'dunning.since_last_contact',
  'customer.tenure',
  'customer.promise_to_pay_until',
])

/** What a condition comes to once its time facts are past every threshold. */
type Settled = 'true' | 'false' | 'fixed' | 'moving'

/**
 * How long after its anchors (due date, first failure) a case's rules stop changing their
 * minds while its own facts stand still; null when they never do (a rule reads a moving
 * fact). A case past that point, with all its events applied, that has nothing due,
 * deferred or skipped and no wake time, is settled for good: no step of it can fire, and
 * it cannot become stopped or paused. (A promise to pay would still wake it: LiveEpisode
 * stands in for that.) When any policy simulated reads account aggregates, null too: every
 * open case counts in the others' aggregates, so none can be set aside.
 */
export function settlingSpan(policy: CompiledPolicy, span: PolicySpan): number | null {
  if (span.readsAccount) return null
  let thresholdMs = 0
  const settle = (condition: Condition): Settled => {
    if ('all' in condition) return allOf(condition.all.map(settle))
    if ('any' in condition) return anyOf(condition.any.map(settle))
    if ('not' in condition) return negated(settle(condition.not))
    const leaf = settleLeaf(condition)
    if (leaf.thresholdMs !== undefined) thresholdMs = Math.max(thresholdMs, leaf.thresholdMs)
    return leaf.settled
  }
  // stops and pauses too: a case set aside must stay neither stopped nor paused, as it was
  for (const rule of policy.rules) if (settle(rule.conditions) === 'moving') return null
  // a day fact's local day can start up to a day away from UTC
  return thresholdMs + 2 * DAY_MS
}

function settleLeaf(condition: FactCondition): { settled: Settled; thresholdMs?: number } {
  const { fact, operator, value } = condition
  const other = typeof value === 'object' && value !== null && 'fact' in value ? value.fact : null
  if (MOVING_FACTS.has(fact) || (other !== null && MOVING_FACTS.has(other)))
    return { settled: 'moving' }
  const growing = GROWING_FACTS[fact]
  if (other !== null && (growing || GROWING_FACTS[other])) return { settled: 'moving' }
  if (!growing) return { settled: 'fixed' }
  if (typeof value !== 'number') return { settled: 'moving' }
  const thresholdMs = (Math.abs(value) + 1) * growing.unitMs
  switch (operator) {
    case 'greaterThan':
    case 'greaterThanInclusive':
    case 'notEqual':
      return { settled: 'true', thresholdMs }
    case 'lessThan':
    case 'lessThanInclusive':
    case 'equal':
      return { settled: 'false', thresholdMs }
    default:
      return { settled: 'moving' }
  }
}

function allOf(parts: readonly Settled[]): Settled {
  if (parts.includes('false')) return 'false'
  if (parts.includes('moving')) return 'moving'
  return parts.every((part) => part === 'true') ? 'true' : 'fixed'
}

function anyOf(parts: readonly Settled[]): Settled {
  if (parts.includes('true')) return 'true'
  if (parts.includes('moving')) return 'moving'
  return parts.every((part) => part === 'false') ? 'false' : 'fixed'
}

function negated(part: Settled): Settled {
  return part === 'true' ? 'false' : part === 'false' ? 'true' : part
}
