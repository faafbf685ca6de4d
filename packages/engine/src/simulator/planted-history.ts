import { createRandom, type Random } from '../dataset/random.js'

/**
 * Dunning histories with a known truth: each case is contacted on its arm's days, a contact
 * makes a still-unpaid customer pay within `RESPONSE_WINDOW_DAYS` with the contact's declared
 * probability, and otherwise the customer pays on any day with the segment's daily hazard.
 * Tests plant an effect (one arm's contact in one segment responds more) and check that the
 * experiment analysis and the fitted response model find exactly it.
 */
export const RESPONSE_WINDOW_DAYS = 3

export interface PlantedContact {
  readonly day: number
  readonly channel: string
  /** Probability a still-unpaid customer responds; per segment, `*` for the others. */
  readonly response: Readonly<Record<string, number>>
}

export interface PlantedArm {
  readonly name: string
  readonly contacts: readonly PlantedContact[]
}

export interface PlantedSegment {
  readonly share: number
  /** Probability of paying on a given day without being moved by a contact. */
  readonly dailyHazard: number
}

export interface PlantedHistoryOptions {
  readonly seed: string | number
  readonly cases: number
  /** Days each case is observed; contacts must leave a full response window before it. */
  readonly horizonDays: number
  readonly segments: Readonly<Record<string, PlantedSegment>>
  readonly arms: readonly PlantedArm[]
  /** The arm of a customer; the experiments' sticky assignment in tests, uniform otherwise. */
  readonly assign?: (customerId: string) => string
}

export interface HistoryContact {
  readonly channel: string
  readonly day: number
}

export interface HistoryCase {
  readonly customerId: string
  readonly segment: string
  readonly arm: string
  /** Contacts performed, i.e. while the case was still unpaid. */
  readonly contacts: readonly HistoryContact[]
  /** Day offset of the payment, or null if unpaid at the horizon. */
  readonly paidDay: number | null
  readonly horizonDays: number
}

export function generatePlantedHistory(options: PlantedHistoryOptions): HistoryCase[] {
  const random = createRandom(options.seed)
  const arms = new Map(options.arms.map((arm) => [arm.name, arm]))
  const segmentWeights = Object.fromEntries(
    Object.entries(options.segments).map(([name, s]) => [name, s.share]),
  )
  const history: HistoryCase[] = []
  for (let i = 0; i < options.cases; i++) {
    const customerId = `cus_${i}`
    const segment = random.weighted(segmentWeights)
    const armName = options.assign?.(customerId) ?? pickArm(random, options.arms)
    const arm = arms.get(armName)
    if (!arm) throw new Error(`assign returned arm "${armName}", which the options do not declare`)
    history.push({
      customerId,
      segment,
      arm: arm.name,
      ...livePayment(random, arm, segment, options),
      horizonDays: options.horizonDays,
    })
  }
  return history
}

function pickArm(random: Random, arms: readonly PlantedArm[]): string {
  const arm = arms[random.int(0, arms.length - 1)]
  if (!arm) throw new Error('a planted history needs at least one arm')
  return arm.name
}

/** Day by day: a contact may schedule a response payment; otherwise the daily hazard applies. */
function livePayment(
  random: Random,
  arm: PlantedArm,
  segment: string,
  options: PlantedHistoryOptions,
): { contacts: HistoryContact[]; paidDay: number | null } {
  const hazard = options.segments[segment]?.dailyHazard ?? 0
  const contacts: HistoryContact[] = []
  let responseDay: number | null = null
  for (let day = 0; day < options.horizonDays; day++) {
    for (const contact of arm.contacts) {
      if (contact.day !== day || responseDay !== null) continue
      contacts.push({ channel: contact.channel, day })
      const probability = contact.response[segment] ?? contact.response['*'] ?? 0
      if (random.chance(probability)) {
        responseDay = day + random.int(0, RESPONSE_WINDOW_DAYS - 1)
      }
    }
    if (responseDay === day || random.chance(hazard)) return { contacts, paidDay: day }
  }
  return { contacts, paidDay: null }
}
