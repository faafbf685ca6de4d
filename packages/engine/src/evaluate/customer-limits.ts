import type { ZoneCalendar } from '../calendar.js'
import type { Cap } from '../compiled.js'
import type { ContactKind } from '../channels.js'
import type { DeferredAction } from '../decision.js'
import type { ContactFacts } from '../facts/input.js'
import { MS_PER_DAY } from '../statutory.js'
import { contactKinds } from './action-kind.js'
import { deferredAction, stepRef, type Candidate } from './case-filters.js'
import type { PolicyContext } from './policy-context.js'
import type { SendWindow } from './send-window.js'

/**
 * Quiet hours and frequency caps, per customer across all their cases: each candidate
 * lands in its case's due or deferred actions. Contacts due at the same instant are counted
 * in a fixed order — by the case's due date, then step order in the plan, then invoice id —
 * so both execution paths, and every replay, agree.
 */
export function applyCustomerLimits(
  candidates: Candidate[],
  { contactCaps, window }: Pick<PolicyContext, 'contactCaps' | 'window'>,
  contacts: readonly ContactFacts[],
  calendar: ZoneCalendar,
  now: number,
  /** The wall-clock minute of `now` in the customer's zone. */
  minute: number,
): void {
  sortInCountingOrder(candidates)
  // Worked out on the first contact only: most evaluations make none.
  let quiet: QuietDeferral | null | undefined
  let counters: CapCounter[] | undefined
  for (const candidate of candidates) {
    const { due, deferred } = candidate.owner
    const kinds = contactKinds(candidate.action)
    if (kinds.length === 0) {
      due.push(stepRef(candidate))
      continue
    }
    quiet ??= window.isQuiet(minute) ? quietDeferral(window, calendar, now) : null
    if (quiet) {
      deferred.push(deferredAction(candidate, 'quiet_hours', quiet.detail, quiet.earliestAt))
      continue
    }
    counters ??= capCounters(contactCaps, contacts, now)
    if (!fitsCaps(counters, kinds)) {
      deferred.push(capDeferral(candidate, counters, kinds, now))
      continue
    }
    for (const counter of counters) counter.madeNow += counter.adding
    due.push(stepRef(candidate))
  }
}

/** Why and until when contacts wait, the same for every contact of one evaluation. */
interface QuietDeferral {
  readonly detail: string
  readonly earliestAt: number
}

function quietDeferral(window: SendWindow, calendar: ZoneCalendar, now: number): QuietDeferral {
  return {
    detail: `quiet hours ${window.description} in the customer's time zone (${calendar.zone})`,
    earliestAt: window.nextOpen(calendar, now),
  }
}

/**
 * A customer has a handful of candidates, already in counting order within each case:
 * insertion sort (stable, like `Array.prototype.sort`) is linear on them and has none of the
 * built-in sort's fixed cost.
 */
function sortInCountingOrder(candidates: Candidate[]): void {
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

function countingOrder(a: Candidate, b: Candidate): number {
  const x = a.owner
  const y = b.owner
  return (
    x.dueAt - y.dueAt ||
    a.step.order - b.step.order ||
    (x.invoiceId < y.invoiceId ? -1 : x.invoiceId > y.invoiceId ? 1 : 0)
  )
}

function capCounters(
  caps: readonly Cap[],
  contacts: readonly ContactFacts[],
  now: number,
): CapCounter[] {
  const counters = new Array<CapCounter>(caps.length)
  for (let i = 0; i < caps.length; i++) counters[i] = capCounter(caps[i]!, contacts, now)
  return counters
}

/**
 * Whether contacts of these kinds fit under every cap. Each counter keeps how many it would
 * add (`adding`), so recording them needs no second count.
 */
function fitsCaps(counters: readonly CapCounter[], kinds: readonly ContactKind[]): boolean {
  let fits = true
  for (const counter of counters) {
    const add = adds(counter.cap, kinds)
    counter.adding = add
    if (add > 0 && counter.earlier.length + counter.madeNow + add > counter.cap.max) fits = false
  }
  return fits
}

/** A contact some cap holds back: until the latest of the exceeded caps makes room. */
function capDeferral(
  candidate: Candidate,
  counters: readonly CapCounter[],
  kinds: readonly ContactKind[],
  now: number,
): DeferredAction {
  const blocked: CapBlock[] = []
  for (const counter of counters) {
    const block = capBlock(counter, kinds, now)
    if (block) blocked.push(block)
  }
  const earliestAt = Math.max(...blocked.map((b) => b.until))
  const detail = blocked.map((b) => b.detail).join('; ')
  return deferredAction(candidate, 'cap', detail, earliestAt)
}

interface CapBlock {
  readonly until: number
  readonly detail: string
}

/**
 * One cap's count of contacts in `(now - window, now]`; a contact leaves it `window` after
 * it was made. Contacts allowed in this evaluation are made at `now`, after every earlier
 * one. A plain object: a customer's evaluation builds one per cap.
 */
interface CapCounter {
  readonly cap: Cap
  readonly window: number
  /** Earlier contacts in the window, oldest first. */
  readonly earlier: readonly number[]
  madeNow: number
  /** What the contact being checked adds to this cap. */
  adding: number
}

const NONE_EARLIER: readonly number[] = []

function capCounter(cap: Cap, contacts: readonly ContactFacts[], now: number): CapCounter {
  const window = cap.windowDays * MS_PER_DAY
  let earlier: number[] | null = null
  for (const c of contacts) {
    if (counts(cap, c.kind) && c.at > now - window && c.at <= now) (earlier ??= []).push(c.at)
  }
  if (earlier !== null && earlier.length > 1) earlier.sort((a, b) => a - b)
  return { cap, window, earlier: earlier ?? NONE_EARLIER, madeNow: 0, adding: 0 }
}

function capBlock(
  counter: CapCounter,
  kinds: readonly ContactKind[],
  now: number,
): CapBlock | null {
  const { cap, earlier } = counter
  const add = adds(cap, kinds)
  const made = earlier.length + counter.madeNow
  if (add === 0 || made + add <= cap.max) return null
  // Enough of the oldest counted contacts must leave the window to make room.
  const last = Math.min(made + add - cap.max, made) - 1
  const leavesAt = last >= 0 && last < earlier.length ? earlier[last]! : now
  return {
    until: leavesAt + counter.window,
    detail: `at most ${cap.max} ${scopeLabel(cap)} per ${cap.windowDays} days reached (${made} made)`,
  }
}

/** Whether a contact of this kind counts against the cap (retry caps are per invoice, elsewhere). */
function counts(cap: Cap, kind: ContactKind): boolean {
  switch (cap.scope) {
    case 'messages':
      return kind !== 'call'
    case 'calls':
      return kind === 'call'
    case 'retries':
      return false
    default:
      return cap.scope === kind
  }
}

function adds(cap: Cap, kinds: readonly ContactKind[]): number {
  let add = 0
  for (const kind of kinds) if (counts(cap, kind)) add++
  return add
}

function scopeLabel(cap: Cap): string {
  if (cap.scope === 'messages' || cap.scope === 'calls' || cap.scope === 'retries') return cap.scope
  return `${cap.scope} messages`
}
