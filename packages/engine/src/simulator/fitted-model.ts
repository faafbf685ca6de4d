import type { ResponseModel } from './response-model.js'

/**
 * A response model learned from the ledger instead of declared: for each segment × channel ×
 * day offset, the probability that a customer still unpaid when contacted pays within the
 * response window beyond what they would have paid anyway (the segment's baseline hazard on
 * days no contact covers). Pure, so the editor can fit in a worker as well as the service.
 */
export interface ObservedCase {
  readonly segment: string
  /** Contacts performed, one entry per channel reached, day offsets from the case's opening. */
  readonly contacts: readonly { readonly channel: string; readonly day: number }[]
  /** Day offset of the payment, or null if unpaid so far. */
  readonly paidDay: number | null
  /**
   * Days from opening to the end of observation: now, or the closing of a case closed unpaid.
   * Not cut at the payment: a window counts only once it could have been seen to fail.
   */
  readonly horizonDays: number
}

export interface FitOptions {
  /** Days after a contact in which a payment counts as its response (3 by default). */
  readonly windowDays?: number
  /** Cells with fewer observed contacts are reported but left out of the model (30 by default). */
  readonly minSupport?: number
  /** Days over which the exported baseline cure rate is accumulated (30 by default). */
  readonly baselineHorizonDays?: number
}

export interface FittedCell {
  readonly segment: string
  readonly channel: string
  readonly day: number
  /** Contacts whose whole window was observed. */
  readonly support: number
  /** Of those, paid within the window. */
  readonly paidInWindow: number
  /** Share that responded beyond the baseline: the declared model's `probability`. */
  readonly probability: number
  /** Standard error of `probability` (binomial, divided by the baseline's complement). */
  readonly standardError: number
  readonly inModel: boolean
}

export interface FittedBaseline {
  readonly segment: string
  readonly dailyHazard: number
  /** Unpaid days that no contact's window covered. */
  readonly atRiskDays: number
  readonly payments: number
}

export interface FitQuality {
  /** Log-likelihood of every window outcome under the cells' rates. */
  readonly logLikelihood: number
  /** The same under the segment baselines alone (contacts do nothing). */
  readonly baselineLogLikelihood: number
  /** McFadden's pseudo-R²: 1 − LL ÷ LL(baseline); 0 = contacts explain nothing. */
  readonly pseudoR2: number
  readonly observations: number
}

export interface FittedResponseModel {
  readonly model: ResponseModel
  readonly windowDays: number
  readonly cells: readonly FittedCell[]
  readonly baselines: readonly FittedBaseline[]
  readonly quality: FitQuality
  readonly cases: number
}

const DEFAULTS = { windowDays: 3, minSupport: 30, baselineHorizonDays: 30 }

export function fitResponseModel(
  cases: readonly ObservedCase[],
  options: FitOptions = {},
): FittedResponseModel {
  const settings = { ...DEFAULTS, ...options }
  const baselines = fitBaselines(cases, settings.windowDays)
  const windowBaseline = (segment: string) =>
    1 - (1 - (baselines.get(segment)?.dailyHazard ?? 0)) ** settings.windowDays
  const counts = countWindows(cases, settings.windowDays)
  const cells = [...counts.values()].map((count) => {
    const base = windowBaseline(count.segment)
    const rate = count.paidInWindow / count.support
    const spare = Math.max(1 - base, Number.EPSILON)
    return {
      segment: count.segment,
      channel: count.channel,
      day: count.day,
      support: count.support,
      paidInWindow: count.paidInWindow,
      probability: clamp01((rate - base) / spare),
      standardError: Math.sqrt((rate * (1 - rate)) / count.support) / spare,
      inModel: count.support >= settings.minSupport,
    }
  })
  cells.sort(bySegmentChannelDay)
  const quality = fitQuality(counts.values(), windowBaseline)
  const model = exportModel(cases, cells, baselines, counts, settings)
  return {
    model: { ...model, fittedFrom: describeFit(cases.length, cells, quality, settings) },
    windowDays: settings.windowDays,
    cells,
    baselines: [...baselines.values()].sort((a, b) => a.segment.localeCompare(b.segment)),
    quality,
    cases: cases.length,
  }
}

/** The report's first assumption: the figures come from this history, and how well it fits. */
function describeFit(
  cases: number,
  cells: readonly FittedCell[],
  quality: FitQuality,
  settings: typeof DEFAULTS,
): string {
  const used = cells.filter((cell) => cell.inModel).length
  return (
    `Response model fitted from the history of ${cases} cases: ${quality.observations} contacts ` +
    `in ${cells.length} segment × channel × day cells, ${used} with at least ${settings.minSupport} ` +
    `contacts used; a payment within ${settings.windowDays} days of a contact is its response. ` +
    `Log-likelihood ${quality.logLikelihood.toFixed(1)} against ${quality.baselineLogLikelihood.toFixed(1)} ` +
    `for the baseline alone (pseudo-R² ${quality.pseudoR2.toFixed(3)}).`
  )
}

interface WindowCount {
  readonly segment: string
  readonly channel: string
  readonly day: number
  support: number
  paidInWindow: number
  responseDays: number
}

/**
 * Only contacts whose whole window is observed count, paid or not: counting a recent contact
 * that already paid but not one that has not paid yet would bias the cell up.
 */
function countWindows(
  cases: readonly ObservedCase[],
  windowDays: number,
): Map<string, WindowCount> {
  const counts = new Map<string, WindowCount>()
  for (const c of cases) {
    for (const contact of c.contacts) {
      if (contact.day + windowDays > c.horizonDays) continue
      const paidInWindow =
        c.paidDay !== null && c.paidDay >= contact.day && c.paidDay < contact.day + windowDays
      const key = `${c.segment}\u0000${contact.channel}\u0000${contact.day}`
      let count = counts.get(key)
      if (!count) {
        count = {
          segment: c.segment,
          channel: contact.channel,
          day: contact.day,
          support: 0,
          paidInWindow: 0,
          responseDays: 0,
        }
        counts.set(key, count)
      }
      count.support += 1
      if (paidInWindow) {
        count.paidInWindow += 1
        count.responseDays += (c.paidDay ?? contact.day) - contact.day
      }
    }
  }
  return counts
}

/** Daily hazard per segment on the unpaid days outside every contact's window. */
function fitBaselines(
  cases: readonly ObservedCase[],
  windowDays: number,
): Map<string, FittedBaseline> {
  const tallies = new Map<string, { atRiskDays: number; payments: number }>()
  for (const c of cases) {
    const tally = tallies.get(c.segment) ?? { atRiskDays: 0, payments: 0 }
    tallies.set(c.segment, tally)
    const lastDay = c.paidDay ?? c.horizonDays - 1
    for (let day = 0; day <= lastDay; day++) {
      if (c.contacts.some((contact) => day >= contact.day && day < contact.day + windowDays))
        continue
      tally.atRiskDays += 1
      if (day === c.paidDay) tally.payments += 1
    }
  }
  return new Map(
    [...tallies].map(([segment, t]) => [
      segment,
      { segment, ...t, dailyHazard: t.atRiskDays > 0 ? t.payments / t.atRiskDays : 0 },
    ]),
  )
}

function fitQuality(
  counts: Iterable<WindowCount>,
  windowBaseline: (segment: string) => number,
): FitQuality {
  let logLikelihood = 0
  let baselineLogLikelihood = 0
  let observations = 0
  for (const count of counts) {
    const misses = count.support - count.paidInWindow
    logLikelihood += bernoulliLogLikelihood(
      count.paidInWindow,
      misses,
      count.paidInWindow / count.support,
    )
    baselineLogLikelihood += bernoulliLogLikelihood(
      count.paidInWindow,
      misses,
      windowBaseline(count.segment),
    )
    observations += count.support
  }
  const pseudoR2 = baselineLogLikelihood < 0 ? 1 - logLikelihood / baselineLogLikelihood : 0
  return { logLikelihood, baselineLogLikelihood, pseudoR2, observations }
}

/** A probability of exactly 0 or 1 is nudged, so an unseen outcome costs a lot but not infinity. */
function bernoulliLogLikelihood(hits: number, misses: number, p: number): number {
  const q = Math.min(Math.max(p, 1e-9), 1 - 1e-9)
  return hits * Math.log(q) + misses * Math.log(1 - q)
}

function exportModel(
  cases: readonly ObservedCase[],
  cells: readonly FittedCell[],
  baselines: ReadonlyMap<string, FittedBaseline>,
  counts: ReadonlyMap<string, WindowCount>,
  settings: typeof DEFAULTS,
): ResponseModel {
  const pooled = pooledHazard(baselines.values())
  const horizon = settings.baselineHorizonDays
  let responses = 0
  let responseDays = 0
  for (const count of counts.values()) {
    responses += count.paidInWindow
    responseDays += count.responseDays
  }
  return {
    baselineCureRate: cases.length > 0 ? 1 - (1 - pooled) ** horizon : 0,
    baselineDaysToPay: round1(expectedPaymentDay(pooled, horizon)),
    daysToPayAfterAction: responses > 0 ? round1(responseDays / responses) : 0,
    uplifts: cells
      .filter((cell) => cell.inModel)
      .map((cell) => ({
        channel: cell.channel,
        segment: cell.segment,
        days: [cell.day, cell.day] as [number, number],
        probability: cell.probability,
      })),
  }
}

function pooledHazard(baselines: Iterable<FittedBaseline>): number {
  let atRisk = 0
  let payments = 0
  for (const b of baselines) {
    atRisk += b.atRiskDays
    payments += b.payments
  }
  return atRisk > 0 ? payments / atRisk : 0
}

/** Mean payment day of a geometric wait, among those who pay within the horizon. */
function expectedPaymentDay(hazard: number, horizon: number): number {
  let weighted = 0
  let total = 0
  for (let day = 0; day < horizon; day++) {
    const p = hazard * (1 - hazard) ** day
    weighted += p * day
    total += p
  }
  return total > 0 ? weighted / total : 0
}

function bySegmentChannelDay(a: FittedCell, b: FittedCell): number {
  return a.segment.localeCompare(b.segment) || a.channel.localeCompare(b.channel) || a.day - b.day
}

function clamp01(value: number): number {
  return Math.min(1, Math.max(0, value))
}

function round1(value: number): number {
  return Math.round(value * 10) / 10
}
