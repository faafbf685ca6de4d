import type { QuickFix } from './diagnostic.js'
import type { SourceRange } from './source-range.js'
import { reservedWords } from './tokens.js'

/**
 * "Did you mean …?" for names an analyst mistyped: channels, fact paths, enum values,
 * segment names. Called only once a lookup has failed, so it may scan its candidates.
 */

/** Optimal string alignment distance: insertions, deletions, substitutions, swaps of neighbours. */
export function editDistance(a: string, b: string): number {
  if (a === b) return 0
  let beforePrevious: number[] = []
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j)
  for (let i = 1; i <= a.length; i++) {
    const current = [i]
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1
      let best = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost)
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        best = Math.min(best, beforePrevious[j - 2]! + 1)
      }
      current.push(best)
    }
    beforePrevious = previous
    previous = current
  }
  return previous[b.length]!
}

/** Typos allowed for a word of this length: short words tolerate fewer. */
function tolerance(word: string): number {
  return Math.max(1, Math.floor(word.length / 3))
}

/**
 * The candidate closest to `word`, or null when none is close enough. A candidate that
 * extends the word (`amount` → `amount_due`, `call` → `calls`) counts as close: analysts
 * often write the start of a name.
 */
export function didYouMean(word: string, candidates: Iterable<string>): string | null {
  const lower = word.toLowerCase()
  let best: string | null = null
  let bestScore = Infinity
  for (const candidate of candidates) {
    const other = candidate.toLowerCase()
    const distance = editDistance(lower, other)
    const score =
      distance <= tolerance(word)
        ? distance
        : lower.length >= 3 && other.startsWith(lower)
          ? tolerance(word) + 0.5
          : Infinity
    if (score < bestScore) {
      best = candidate
      bestScore = score
    }
  }
  return best
}

/** ` Did you mean 'x'?` or nothing: appended to a message. */
export function didYouMeanPhrase(suggestion: string | null): string {
  return suggestion === null ? '' : ` Did you mean '${suggestion}'?`
}

/** `a, b or c`: lists choices in a message. */
export function listChoices(choices: readonly string[], conjunction = 'or'): string {
  if (choices.length <= 1) return choices.join('')
  return `${choices.slice(0, -1).join(', ')} ${conjunction} ${choices[choices.length - 1]!}`
}

/** Words that can start an action: channels (`email`) and action words (`retry`, `call`). */
const ACTION_WORDS = reservedWords
  .filter((word) => word.tokenClass === 'channel' || word.tokenClass === 'action')
  .map((word) => word.text)

/**
 * A quick fix for an unknown word where an action belongs (`day 3 emial "x"` → `email`):
 * the parser reports the word, this offers the closest channel or action word.
 */
export function actionWordFixes(word: string, range: SourceRange): { fixes?: readonly QuickFix[] } {
  const suggestion = didYouMean(word, ACTION_WORDS)
  if (suggestion === null) return {}
  return {
    fixes: [{ title: `Replace with '${suggestion}'`, edits: [{ range, text: suggestion }] }],
  }
}
