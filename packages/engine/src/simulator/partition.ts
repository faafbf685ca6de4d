import { fnv1a } from './string-hash.js'

/** One of `count` disjoint sets of customers: a customer's invoices always land in the same one. */
export interface Partition {
  readonly index: number
  readonly count: number
}

/** By a hash of the customer id: stable across runs and platforms. */
export function inPartition(customerId: string, { index, count }: Partition): boolean {
  return fnv1a(customerId) % count === index
}
