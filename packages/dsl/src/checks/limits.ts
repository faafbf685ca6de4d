import {
  CAP_SCOPES,
  CARD_NETWORK_RETRY_CAP,
  STATUTORY_CALL_CAP,
  STATUTORY_QUIET_HOURS,
} from '@dun/engine'
import type { CapDecl, QuietHours } from '../ast.js'
import { CODES } from '../codes.js'
import { didYouMean, didYouMeanPhrase, listChoices } from '../did-you-mean.js'
import { wholeDays } from './actions.js'
import { clock, isValidTime, minuteOfDay } from './quiet-window.js'
import { fixesFor, type CheckSet, type Report } from './registry.js'
import type { Scope } from './scope.js'

const MINUTES_PER_DAY = 1440
/** Caps the engine applies whatever the policy says, with who imposes them. */
const ENFORCED_CAPS = [
  { ...STATUTORY_CALL_CAP, source: 'statutory' },
  { ...CARD_NETWORK_RETRY_CAP, source: "card networks'" },
]

/** Length of a quiet window in minutes; it may wrap midnight. */
function windowLength(start: number, end: number): number {
  return (end - start + MINUTES_PER_DAY) % MINUTES_PER_DAY
}

function checkQuietHours(quiet: QuietHours, report: Report): void {
  if (!isValidTime(quiet.start) || !isValidTime(quiet.end)) return
  const start = minuteOfDay(quiet.start)
  const end = minuteOfDay(quiet.end)
  if (start === end) {
    report({
      code: CODES.emptyQuietHours,
      at: quiet,
      message: `Quiet hours from ${quiet.start.text} to ${quiet.end.text} are empty: they start when they end.`,
      hint: 'Write the hours when no one may be contacted, e.g. quiet hours 21:00 to 08:00.',
    })
    return
  }
  const statute = STATUTORY_QUIET_HOURS
  const covered =
    windowLength(start, statute.start) + windowLength(statute.start, statute.end) <=
    windowLength(start, end)
  if (covered) return
  report({
    code: CODES.looserThanStatute,
    at: quiet,
    message: `Quiet hours ${quiet.start.text} to ${quiet.end.text} do not cover the statutory ${clock(statute.start)} to ${clock(statute.end)}: the statutory hours still apply.`,
    hint: `Widen them to include ${clock(statute.start)} to ${clock(statute.end)}.`,
  })
}

function checkCap(cap: CapDecl, report: Report): void {
  if (cap.max <= 0) {
    report({
      code: CODES.zeroCap,
      at: cap,
      message: `'at most ${cap.max} ${cap.scope.text}' allows nothing at all.`,
      hint: `To never use ${cap.scope.text}, remove the steps that use it; a cap needs a maximum of 1 or more.`,
    })
  }
  const days = wholeDays(cap.window)
  if (days === null) {
    report({
      code: CODES.invalidCapWindow,
      at: cap.window,
      message: 'A cap window must be a whole number of days, and more than 0.',
      hint: 'Write e.g. per 7 days or per 1 week.',
    })
  }
  if (!(CAP_SCOPES as readonly string[]).includes(cap.scope.text)) {
    const suggestion = didYouMean(cap.scope.text, CAP_SCOPES)
    report({
      code: CODES.unknownCapScope,
      at: cap.scope,
      message: `'${cap.scope.text}' is not something a cap can count.${didYouMeanPhrase(suggestion)}`,
      hint: `Cap one of ${listChoices(CAP_SCOPES)}.`,
      ...fixesFor(cap.scope, [suggestion]),
    })
    return
  }
  if (days !== null && cap.max > 0) checkAgainstStatute(cap, days, report)
}

/** A cap of `max` per `days` lets through at most max × ⌈statute window / days⌉ in the statute's window. */
function checkAgainstStatute(cap: CapDecl, days: number, report: Report): void {
  const statute = ENFORCED_CAPS.find((s) => s.scope === cap.scope.text)
  if (statute === undefined) return
  const allowed = cap.max * Math.ceil(statute.windowDays / days)
  if (allowed <= statute.max) return
  report({
    code: CODES.looserThanStatute,
    at: cap,
    message: `This cap allows up to ${allowed} ${cap.scope.text} in ${statute.windowDays} days; the ${statute.source} limit of ${statute.max} per ${statute.windowDays} days still applies.`,
    hint: `Tighten it to at most ${statute.max} ${cap.scope.text} per ${statute.windowDays} days.`,
  })
}

/** Limits from every `limits` block: one quiet hours, one cap per scope and window. */
function checkDuplicateLimits(_policy: unknown, report: Report, scope: Scope): void {
  const caps = new Set<string>()
  let quiet: QuietHours | null = null
  for (const item of scope.limitItems) {
    if (item.kind === 'quietHours') {
      if (quiet !== null) {
        report({
          code: CODES.duplicateLimit,
          at: item,
          message: `Quiet hours are declared twice; only the first (${quiet.start.text} to ${quiet.end.text}) applies.`,
          hint: 'Keep one quiet hours declaration.',
        })
      }
      quiet ??= item
      continue
    }
    const key = `${item.scope.text}/${wholeDays(item.window) ?? item.window.value}`
    if (caps.has(key)) {
      report({
        code: CODES.duplicateLimit,
        at: item,
        message: `There is already a cap on ${item.scope.text} over the same window.`,
        hint: 'Keep one cap per scope and window: the tighter one is what applies.',
      })
    }
    caps.add(key)
  }
}

export const limitChecks: CheckSet = {
  quietHours: [checkQuietHours],
  cap: [checkCap],
  policy: [checkDuplicateLimits],
}
