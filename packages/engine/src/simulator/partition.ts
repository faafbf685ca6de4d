/** One of `count` disjoint sets of customers: a customer's invoices always land in the same one. */
export interface Partition {
  readonly index: number
  readonly count: number
}

/** FNV-1a over the customer id: cheap, stable across runs and platforms. */
export function inPartition(customerId: string, { index, count }: Partition): boolean {
  let hash = 0x811c9dc5
  for (let i = 0; i < customerId.length; i++) {
    hash ^= customerId.charCodeAt(i)
    hash = Math.imul(hash, 0x01000193)
  }
  return (hash >>> 0) % count === index
}
