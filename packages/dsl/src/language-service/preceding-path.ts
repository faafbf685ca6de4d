import { tokenMatcher, type IToken } from 'chevrotain'
import * as t from '../tokens.js'

/**
 * The dotted path that ends just before `end` (exclusive), e.g. `invoice.last_decline` in
 * `invoice.last_decline is`, or null when no path ends there.
 */
export function pathEndingAt(tokens: readonly IToken[], end: number): string | null {
  const words: string[] = []
  let i = end - 1
  while (i >= 0 && tokenMatcher(tokens[i]!, t.Word)) {
    words.unshift(tokens[i]!.image)
    if (i === 0 || !tokenMatcher(tokens[i - 1]!, t.Dot)) break
    i -= 2
  }
  return words.length > 0 ? words.join('.') : null
}

/** The path before a trailing `.` (`invoice` in `when invoice.`): what a child must extend. */
export function pathBeforeDot(tokens: readonly IToken[]): string | null {
  const last = tokens[tokens.length - 1]
  return last && tokenMatcher(last, t.Dot) ? pathEndingAt(tokens, tokens.length - 1) : null
}

/**
 * The subject of the comparison the cursor completes: the path before the trailing operator
 * (`==`, `>`, …, `is`, `is not`, `in`, `contains`), or null.
 */
export function comparedPath(tokens: readonly IToken[]): string | null {
  let end = tokens.length - 1
  if (end >= 0 && tokenMatcher(tokens[end]!, t.Not)) end--
  const operator = tokens[end]
  if (!operator) return null
  const isOperator = [t.CompareOperator, t.Is, t.Contains].some((type) =>
    tokenMatcher(operator, type),
  )
  return isOperator ? pathEndingAt(tokens, end) : null
}
