import type { ConditionPlace, PolicyChange } from './policy-change.js'

/**
 * A string literal (skipped, so a template name never reads as money) or a money literal as
 * the formatter prints it: `5000 USD | 4500 EUR`. Conditions in the compiled plan are that
 * canonical one-line text, so layout never shows up as a change.
 */
const STRING_OR_MONEY = /"(?:[^"\\]|\\.)*"|\d+(?:\.\d+)? [A-Z]{3}(?: \| \d+(?:\.\d+)? [A-Z]{3})*/g
const AMOUNT = /(\d+(?:\.\d+)?) ([A-Z]{3})/g
const COMPARED_FACT = /([a-z_][a-z0-9_.]*) (?:==|!=|<=|>=|<|>) $/

interface MoneyUse {
  readonly fact: string
  readonly amounts: Readonly<Record<string, string>>
}

interface MaskedCondition {
  /** The text with every money literal replaced by one placeholder. */
  readonly shape: string
  readonly money: readonly MoneyUse[]
}

function mask(text: string): MaskedCondition {
  const money: MoneyUse[] = []
  const shape = text.replace(STRING_OR_MONEY, (match, offset: number) => {
    if (match.startsWith('"')) return match
    const fact = COMPARED_FACT.exec(text.slice(0, offset))?.[1] ?? 'an amount'
    const amounts = Object.fromEntries([...match.matchAll(AMOUNT)].map((m) => [m[2], m[1]]))
    money.push({ fact, amounts })
    return '¤'
  })
  return { shape, money }
}

function sameAmounts(a: MoneyUse['amounts'], b: MoneyUse['amounts']): boolean {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)])
  return [...keys].every((currency) => a[currency] === b[currency])
}

/**
 * How one condition changed: nothing; only money amounts (one `threshold_changed` per
 * amount that moved, which is what an analyst tuned); or its logic (`condition_changed`).
 */
export function conditionChanges(
  place: ConditionPlace,
  from: string | null,
  to: string | null,
): PolicyChange[] {
  if (from === to) return []
  if (from !== null && to !== null) {
    const before = mask(from)
    const after = mask(to)
    if (before.shape === after.shape) {
      return before.money.flatMap((old, i) => {
        const now = after.money[i]!
        return sameAmounts(old.amounts, now.amounts)
          ? []
          : [
              {
                kind: 'threshold_changed' as const,
                place,
                fact: now.fact,
                from: old.amounts,
                to: now.amounts,
              },
            ]
      })
    }
  }
  return [{ kind: 'condition_changed', place, from, to }]
}
