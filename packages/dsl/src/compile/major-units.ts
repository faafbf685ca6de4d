import { parseMajorUnits } from '@dun/engine'

/** What `parseMajorUnits` says about one amount: its minor units, or why it has none. */
export type MajorUnits = ReturnType<typeof parseMajorUnits>

/** Past this many remembered amounts the memory starts over (an editor session types many). */
const MAX_REMEMBERED = 4096

const remembered = new Map<string, Map<string, MajorUnits>>()
let rememberedCount = 0

/**
 * `parseMajorUnits`, remembered per currency and amount text. A policy repeats its
 * thresholds and fees in many steps, and the validator and the compiler both parse every
 * amount; the answers are frozen, so sharing them is safe.
 */
export function majorUnits(amount: string, currency: string): MajorUnits {
  let byAmount = remembered.get(currency)
  if (byAmount === undefined) {
    byAmount = new Map()
    remembered.set(currency, byAmount)
  }
  let parsed = byAmount.get(amount)
  if (parsed === undefined) {
    if (rememberedCount >= MAX_REMEMBERED) forget()
    parsed = Object.freeze(parseMajorUnits(amount, currency))
    byAmount.set(amount, parsed)
    rememberedCount += 1
  }
  return parsed
}

function forget(): void {
  for (const byAmount of remembered.values()) byAmount.clear()
  rememberedCount = 0
}
