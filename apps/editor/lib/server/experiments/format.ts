import type { Interval } from './verdict'

/** A rate as a percentage with one decimal: "42.3%"; "—" when there are no cases yet. */
export function percent(rate: number | null): string {
  return rate === null ? '—' : `${(rate * 100).toFixed(1)}%`
}

/** A rate's 95% interval: "[38.1%, 46.5%]". */
export function percentInterval(interval: Interval): string {
  return `[${percent(interval[0])}, ${percent(interval[1])}]`
}

/** Days to collect: "12.5 days"; "—" while nothing was collected. */
export function days(value: number | null): string {
  if (value === null) return '—'
  const rounded = value.toFixed(1)
  return `${rounded} ${rounded === '1.0' ? 'day' : 'days'}`
}

/** A difference in days, signed, with its interval: "−2.0 days [−3.5, −0.5]". */
export function signedDays(difference: number, interval: Interval): string {
  const signed = (x: number) => {
    const r = Math.round(x * 10) / 10
    return r === 0 ? '0.0' : `${r > 0 ? '+' : '−'}${Math.abs(r).toFixed(1)}`
  }
  return `${signed(difference)} days [${signed(interval[0])}, ${signed(interval[1])}]`
}

/** A traffic split as the analyst sets it: "50 / 50". */
export function split(shares: readonly number[]): string {
  return shares.map((share) => `${Math.round(share * 10) / 10}`).join(' / ')
}

/** A timestamp to the minute, in UTC. */
export function when(iso: string): string {
  return iso.slice(0, 16).replace('T', ' ') + ' UTC'
}

/** A p-value to four decimals; below that, "< 0.0001" rather than a misleading zero. */
export function pValue(p: number): string {
  return p < 0.0001 ? '< 0.0001' : p.toFixed(4)
}
