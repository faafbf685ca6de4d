/** An arm and its share of the traffic (weights need not add up to anything in particular). */
export interface WeightedArm {
  readonly name: string
  readonly weight: number
}

/**
 * The arm of a customer: a stable hash of workspace, experiment and customer id placed on the
 * arms' cumulative weights. Sticky without storing anything: the same customer lands in the
 * same arm on every case and every process, and a new experiment reshuffles everyone.
 */
export function assignArm(
  workspaceId: string,
  experimentId: string,
  customerId: string,
  arms: readonly WeightedArm[],
): string {
  const total = arms.reduce((sum, arm) => sum + arm.weight, 0)
  if (!(total > 0)) throw new Error(`experiment ${experimentId} has no arm with a positive weight`)
  let point = unitHash(`${workspaceId}\u0000${experimentId}\u0000${customerId}`) * total
  for (const arm of arms) {
    point -= arm.weight
    if (point < 0) return arm.name
  }
  // Rounding can leave the point on the very end of the last arm.
  return arms[arms.length - 1]!.name
}

/** FNV-1a over UTF-16 code units, then murmur3's finaliser so near-identical ids spread. In [0, 1). */
export function unitHash(text: string): number {
  let hash = 0x811c9dc5
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i)
    hash = Math.imul(hash, 0x01000193)
  }
  hash ^= hash >>> 16
  hash = Math.imul(hash, 0x85ebca6b)
  hash ^= hash >>> 13
  hash = Math.imul(hash, 0xc2b2ae35)
  hash ^= hash >>> 16
  return (hash >>> 0) / 2 ** 32
}
