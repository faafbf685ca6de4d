/**
 * Whether two AST parts say the same thing: equal in every field but their source ranges
 * (and so blind to layout and comments). Only called on a suspected duplicate.
 */
export function sameShape(a: unknown, b: unknown): boolean {
  if (a === b) return true
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false
  if (Array.isArray(a)) {
    return Array.isArray(b) && a.length === b.length && a.every((item, i) => sameShape(item, b[i]))
  }
  const left = a as Record<string, unknown>
  const right = b as Record<string, unknown>
  const keys = Object.keys(left).filter((key) => key !== 'range')
  return (
    keys.length === Object.keys(right).filter((key) => key !== 'range').length &&
    keys.every((key) => sameShape(left[key], right[key]))
  )
}
