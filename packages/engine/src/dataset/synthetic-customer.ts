import type { Random } from './random.js'

export const SEGMENTS = ['enterprise', 'mid_market', 'self_serve'] as const
export type Segment = (typeof SEGMENTS)[number]

/** A generated customer, with the hidden traits that drive its invoices' outcomes. */
export interface SyntheticCustomer {
  readonly id: string
  readonly segment: Segment
  readonly plan: string
  readonly currency: 'USD' | 'EUR' | 'GBP'
  readonly country: string
  readonly timezone: string
  readonly language: string
  /** ARR in minor units. */
  readonly arr: number
  readonly tags: readonly string[]
  readonly optedOut: readonly string[]
  readonly createdAt: number
  /** Months between invoices: 1, 3 or 12. */
  readonly interval: number
  /** Day of month the customer is billed (1–28). */
  readonly billingDay: number
  readonly billingHour: number
  readonly payment: 'card' | 'bank_transfer'
  /** Payment terms in days (0 for cards charged at issue). */
  readonly netDays: number
  /** Multiplies failure and lateness odds: most customers ~1, a few much riskier. */
  readonly risk: number
}

/** Country → currency, zones, language; weights give ~54% USD, 32% EUR, 14% GBP. */
const COUNTRIES = {
  US: {
    weight: 45,
    currency: 'USD',
    zones: ['America/New_York', 'America/Chicago', 'America/Denver', 'America/Los_Angeles'],
    language: 'en',
  },
  CA: {
    weight: 5,
    currency: 'USD',
    zones: ['America/Toronto', 'America/Vancouver'],
    language: 'en',
  },
  AU: { weight: 4, currency: 'USD', zones: ['Australia/Sydney'], language: 'en' },
  GB: { weight: 14, currency: 'GBP', zones: ['Europe/London'], language: 'en' },
  DE: { weight: 12, currency: 'EUR', zones: ['Europe/Berlin'], language: 'de' },
  FR: { weight: 8, currency: 'EUR', zones: ['Europe/Paris'], language: 'fr' },
  NL: { weight: 5, currency: 'EUR', zones: ['Europe/Amsterdam'], language: 'nl' },
  ES: { weight: 4, currency: 'EUR', zones: ['Europe/Madrid'], language: 'es' },
  IE: { weight: 3, currency: 'EUR', zones: ['Europe/Dublin'], language: 'en' },
} as const
type Country = keyof typeof COUNTRIES
const COUNTRY_WEIGHTS = Object.fromEntries(
  Object.entries(COUNTRIES).map(([code, country]) => [code, country.weight]),
) as Record<Country, number>

/** Per segment: share of customers, ARR (median, spread, bounds, major units), billing. */
const SEGMENT_PROFILES = {
  enterprise: { weight: 5, arr: [120_000, 0.7, 50_000, 2_000_000], cardShare: 0.2, netDays: 30 },
  mid_market: { weight: 25, arr: [24_000, 0.6, 6_000, 150_000], cardShare: 0.7, netDays: 15 },
  self_serve: { weight: 70, arr: [600, 0.8, 120, 12_000], cardShare: 1, netDays: 0 },
} as const satisfies Record<Segment, unknown>
const SEGMENT_WEIGHTS = Object.fromEntries(
  SEGMENTS.map((segment) => [segment, SEGMENT_PROFILES[segment].weight]),
) as Record<Segment, number>

export function syntheticCustomer(random: Random, index: number, start: number): SyntheticCustomer {
  const segment = random.weighted(SEGMENT_WEIGHTS)
  const profile = SEGMENT_PROFILES[segment]
  const countryCode = random.weighted(COUNTRY_WEIGHTS)
  const country = COUNTRIES[countryCode]
  const [median, sigma, low, high] = profile.arr
  const arrMajor = Math.min(high, Math.max(low, random.logNormal(median, sigma)))
  const card = random.chance(profile.cardShare)
  return {
    id: `cus_${String(index + 1).padStart(6, '0')}`,
    segment,
    plan: planOf(segment, arrMajor, random),
    currency: country.currency,
    country: countryCode,
    timezone: country.zones[random.int(0, country.zones.length - 1)] ?? 'UTC',
    language: country.language,
    arr: Math.round(arrMajor) * 100,
    tags: tagsOf(segment, random),
    optedOut: random.chance(0.1) ? ['sms'] : [],
    createdAt: start - random.int(30, 1500) * 86_400_000,
    interval: intervalOf(segment, random),
    billingDay: random.int(1, 28),
    billingHour: random.int(0, 23),
    payment: card ? 'card' : 'bank_transfer',
    netDays: card ? 0 : profile.netDays,
    risk: random.chance(0.1) ? random.logNormal(3, 0.5) : random.logNormal(0.9, 0.3),
  }
}

function planOf(segment: Segment, arr: number, random: Random): string {
  if (segment === 'enterprise') return 'enterprise'
  if (segment === 'mid_market') return 'business'
  return arr > 1_000 || random.chance(0.2) ? 'pro' : 'starter'
}

function intervalOf(segment: Segment, random: Random): number {
  if (segment === 'enterprise') return random.chance(0.6) ? 12 : 3
  if (segment === 'mid_market') return random.chance(0.2) ? 12 : 1
  return random.chance(0.1) ? 12 : 1
}

function tagsOf(segment: Segment, random: Random): string[] {
  const tags: string[] = []
  if (segment === 'enterprise' && random.chance(0.3)) tags.push('vip')
  if (random.chance(0.08)) tags.push('startup')
  if (random.chance(0.03)) tags.push('nonprofit')
  return tags
}
