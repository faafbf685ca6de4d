/** A tally of keys, printed with sorted keys so a report's bytes never depend on arrival order. */
export class CountMap {
  private readonly counts = new Map<string, number>()

  add(key: string, amount = 1): void {
    this.counts.set(key, (this.counts.get(key) ?? 0) + amount)
  }

  total(): number {
    let total = 0
    for (const n of this.counts.values()) total += n
    return total
  }

  toObject(order: (a: string, b: string) => number = byCodeUnit): Record<string, number> {
    const sorted = [...this.counts.keys()].sort(order)
    return Object.fromEntries(sorted.map((key) => [key, this.counts.get(key)!]))
  }
}

function byCodeUnit(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}
