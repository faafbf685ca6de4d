/** Items of two lists matched by key; the rest are only in one of them, in list order. */
export interface Pairing<T> {
  readonly both: readonly (readonly [T, T])[]
  readonly onlyOld: readonly T[]
  readonly onlyNew: readonly T[]
}

export function pairByKey<T>(
  older: readonly T[],
  newer: readonly T[],
  key: (item: T) => string,
): Pairing<T> {
  const newByKey = new Map(newer.map((item) => [key(item), item]))
  const oldKeys = new Set(older.map(key))
  const both: (readonly [T, T])[] = []
  const onlyOld: T[] = []
  for (const item of older) {
    const match = newByKey.get(key(item))
    if (match === undefined) onlyOld.push(item)
    else both.push([item, match])
  }
  return { both, onlyOld, onlyNew: newer.filter((item) => !oldKeys.has(key(item))) }
}

/** Keys unique within a list: the item's own key, then `#2`, `#3` for repeats. */
export function withOrdinals<T>(items: readonly T[], key: (item: T) => string) {
  const seen = new Map<string, number>()
  return items.map((item) => {
    const base = key(item)
    const n = (seen.get(base) ?? 0) + 1
    seen.set(base, n)
    return { item, key: `${base}#${n}` }
  })
}
