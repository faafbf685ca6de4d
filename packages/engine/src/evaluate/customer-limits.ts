import type { ZoneCalendar } from '../calendar.js'
import type { Cap } from '../compiled.js'
import type { ContactKind } from '../channels.js'
import type { DeferredAction, DueAction } from '../decision.js'
import type { ContactFacts } from '../facts/input.js'
import { MS_PER_DAY } from '../statutory.js'
import { contactKinds } from './action-kind.js'
import { deferredAction, stepRef, type Candidate } from './case-filters.js'
import type { PolicyContext } from './policy-context.js'

/** A runnable step of one of the customer's cases, with the keys of the fixed counting order. */
export interface CustomerCandidate {
  readonly dueAt: number
  readonly invoiceId: string
  readonly candidate: Candidate
  /** Where the verdict goes: the case's due or deferred actions. */
  readonly due: DueAction[]
  readonly deferred: DeferredAction[]
}

/**
 * Quiet hours and frequency caps, per customer across all their cases: each candidate
 * lands in its case's due or deferred actions. Contacts due at the same instant are counted
 * in a fixed order — by the case's due date, then step order in the plan, then invoice id —
 * so both execution paths, and every replay, agree.
 */
export function applyCustomerLimits(
  candidates: CustomerCandidate[],
  { contactCaps, window }: Pick<PolicyContext, 'contactCaps' | 'window'>,
  contacts: readonly ContactFacts[],
  calendar: ZoneCalendar,
  now: number,
): void {
  sortInCountingOrder(candidates)
  // Worked out on the first contact only: most evaluations make none.
  let quiet: boolean | undefined
  let counters: CapCounter[] | undefined
  for (const { candidate, due, deferred } of candidates) {
    const kinds = contactKinds(candidate.action)
    if (kinds.length === 0) {
      due.push(stepRef(candidate))
      continue
    }
    quiet ??= window.isQuiet(calendar.minuteOf(now))
    if (quiet) {
      const detail = `quiet hours ${window.description} in the customer's time zone (${calendar.zone})`
      const earliestAt = window.nextOpen(calendar, now)
      deferred.push(deferredAction(candidate, 'quiet_hours', detail, earliestAt))
      continue
    }
    counters ??= contactCaps.map((cap) => new CapCounter(cap, contacts, now))
    const blocked = blocks(counters, kinds)
    if (blocked.length > 0) {
      const earliestAt = Math.max(...blocked.map((b) => b.until))
      const detail = blocked.map((b) => b.detail).join('; ')
      deferred.push(deferredAction(candidate, 'cap', detail, earliestAt))
      continue
    }
    for (const counter of counters) counter.record(kinds)
    due.push(stepRef(candidate))
  }
}

/**
 * A customer has a handful of candidates, already in counting order within each case:
 * insertion sort (stable, like `Array.prototype.sort`) is linear on them and has none of the
 * built-in sort's fixed cost.
 */
function sortInCountingOrder(candidates: CustomerCandidate[]): void {
  if (candidates.length > 32) {
    candidates.sort(countingOrder)
    return
  }
  for (let i = 1; i < candidates.length; i++) {
    const item = candidates[i]!
    let j = i - 1
    while (j >= 0 && countingOrder(candidates[j]!, item) > 0) {
      candidates[j + 1] = candidates[j]!
      j--
    }
    candidates[j + 1] = item
  }
}

function countingOrder(a: CustomerCandidate, b: CustomerCandidate): number {
  return (
    a.dueAt - b.dueAt ||
    a.candidate.step.order - b.candidate.step.order ||
    (a.invoiceId < b.invoiceId ? -1 : a.invoiceId > b.invoiceId ? 1 : 0)
  )
}

function blocks(counters: readonly CapCounter[], kinds: readonly ContactKind[]): CapBlock[] {
  const blocked: CapBlock[] = []
  for (const counter of counters) {
    const block = counter.check(kinds)
    if (block) blocked.push(block)
  }
  return blocked
}

interface CapBlock {
  readonly until: number
  readonly detail: string
}

/** Counts one cap's contacts in `(now - window, now]`; a contact leaves it `window` after it was made. */
class CapCounter {
  private readonly window: number
  private readonly times: number[] = []

  constructor(
    private readonly cap: Cap,
    contacts: readonly ContactFacts[],
    private readonly now: number,
  ) {
    this.window = cap.windowDays * MS_PER_DAY
    for (const c of contacts) {
      if (this.counts(c.kind) && c.at > now - this.window && c.at <= now) this.times.push(c.at)
    }
    this.times.sort((a, b) => a - b)
  }

  check(kinds: readonly ContactKind[]): CapBlock | null {
    const { cap, times } = this
    const add = this.adds(kinds)
    if (add === 0 || times.length + add <= cap.max) return null
    // Enough of the oldest counted contacts must leave the window to make room.
    const leaving = Math.min(times.length + add - cap.max, times.length)
    return {
      until: (times[leaving - 1] ?? this.now) + this.window,
      detail: `at most ${cap.max} ${scopeLabel(cap)} per ${cap.windowDays} days reached (${times.length} made)`,
    }
  }

  record(kinds: readonly ContactKind[]): void {
    for (let i = this.adds(kinds); i > 0; i--) this.times.push(this.now)
  }

  private counts(kind: ContactKind): boolean {
    return this.cap.scope === kind || (this.cap.scope === 'messages' && kind !== 'call')
  }

  private adds(kinds: readonly ContactKind[]): number {
    let add = 0
    for (const kind of kinds) if (this.counts(kind)) add++
    return add
  }
}

function scopeLabel(cap: Cap): string {
  if (cap.scope === 'messages' || cap.scope === 'calls' || cap.scope === 'retries') return cap.scope
  return `${cap.scope} messages`
}
