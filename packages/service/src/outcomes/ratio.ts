/** part / whole, and 0 for an empty whole (no cases, no payments): a rate the figures show. */
export function ratio(part: number, whole: number): number {
  return whole === 0 ? 0 : part / whole
}
