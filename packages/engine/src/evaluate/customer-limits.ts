import type { ZoneCalendar } from '../calendar.js'
import type { Cap } from '../compiled.js'
import type { ContactKind } from '../channels.js'
import type { DeferredAction, DueAction } from '../decision.js'
import type { ContactFacts } from '../facts/input.js'
import { MS_PER_DAY } from '../statutory.js'
import { contactKinds } from './action-kind.js'
import { stepRef, type Candidate } from './case-filters.js'
import type { SendWindow } from './send-window.js'

/** A runnable step of one of the customer's cases, with the keys of the fixed counting order. */
export interface CustomerCandidate {
  readonly caseIndex: number
  readonly dueAt: number
  readonly invoiceId: string
  readonly candidate: Candidate
}

export type LimitVerdict =
  | { readonly caseIndex: number; readonly kind: 'due'; readonly action: DueAction }
  | { readonly caseIndex: number; readonly kind: 'deferred'; readonly action: DeferredAction }

/**
 * Quiet hours and frequency caps, per customer across all their cases. Contacts due at the
 * same instant are counted in a fixed order — by the case's due date, then step order in
 * the plan, then invoice id — so both execution paths, and every replay, agree.
 */
export function applyCustomerLimits(
  candidates: readonly CustomerCandidate[],
  contacts: readonly ContactFacts[],
  caps: readonly Cap[],
  window: SendWindow,
  calendar: ZoneCalendar,
  now: number,
): LimitVerdict[] {
  const ordered = [...candidates].sort(
    (a, b) =>
      a.dueAt - b.dueAt ||
      a.candidate.order - b.candidate.order ||
      (a.invoiceId < b.invoiceId ? -1 : a.invoiceId > b.invoiceId ? 1 : 0),
  )
  const counters = caps.map((cap) => capCounter(cap, contacts, now))
  const quiet = window.isQuiet(calendar.minuteOf(now))
  return ordered.map(({ caseIndex, candidate }) => {
    const kinds = contactKinds(candidate.action)
    if (kinds.length === 0) return { caseIndex, kind: 'due', action: stepRef(candidate) }
    if (quiet) {
      const detail = `quiet hours ${window.description} in the customer's time zone (${calendar.zone})`
      const earliestAt = window.nextOpen(calendar, now)
      return {
        caseIndex,
        kind: 'deferred',
        action: { ...stepRef(candidate), reason: 'quiet_hours', detail, earliestAt },
      }
    }
    const blocked = counters
      .map((counter) => counter.check(kinds))
      .filter((block): block is CapBlock => block !== null)
    if (blocked.length > 0) {
      const earliestAt = Math.max(...blocked.map((b) => b.until))
      const detail = blocked.map((b) => b.detail).join('; ')
      return {
        caseIndex,
        kind: 'deferred',
        action: { ...stepRef(candidate), reason: 'cap', detail, earliestAt },
      }
    }
    for (const counter of counters) counter.record(kinds)
    return { caseIndex, kind: 'due', action: stepRef(candidate) }
  })
}

interface CapBlock {
  readonly until: number
  readonly detail: string
}

interface CapCounter {
  check(kinds: readonly ContactKind[]): CapBlock | null
  record(kinds: readonly ContactKind[]): void
}

/** Counts one cap's contacts in `(now - window, now]`; a contact leaves it `window` after it was made. */
function capCounter(cap: Cap, contacts: readonly ContactFacts[], now: number): CapCounter {
  const window = cap.windowDays * MS_PER_DAY
  const counts = (kind: ContactKind) =>
    cap.scope === kind || (cap.scope === 'messages' && kind !== 'call')
  const times = contacts
    .filter((c) => counts(c.kind) && c.at > now - window && c.at <= now)
    .map((c) => c.at)
    .sort((a, b) => a - b)
  const adds = (kinds: readonly ContactKind[]) => kinds.filter(counts).length
  return {
    check(kinds) {
      const add = adds(kinds)
      if (add === 0 || times.length + add <= cap.max) return null
      // Enough of the oldest counted contacts must leave the window to make room.
      const leaving = Math.min(times.length + add - cap.max, times.length)
      return {
        until: (times[leaving - 1] ?? now) + window,
        detail: `at most ${cap.max} ${scopeLabel(cap)} per ${cap.windowDays} days reached (${times.length} made)`,
      }
    },
    record(kinds) {
      for (let i = adds(kinds); i > 0; i--) times.push(now)
    },
  }
}

function scopeLabel(cap: Cap): string {
  if (cap.scope === 'messages' || cap.scope === 'calls' || cap.scope === 'retries') return cap.scope
  return `${cap.scope} messages`
}
