import { tokenMatcher, type IToken } from 'chevrotain'
import * as t from '../tokens.js'

/** Names a file declares or uses that completion offers back: segments, currencies, texts. */
export interface FileVocabulary {
  readonly segments: readonly string[]
  readonly currencies: readonly string[]
  /** Template names as written (quoted), from `email "x"` steps. */
  readonly templates: readonly string[]
  /** Step labels as written (quoted), from `as "x"`. */
  readonly labels: readonly string[]
}

const is = (token: IToken | undefined, type: typeof t.Word): boolean =>
  token !== undefined && tokenMatcher(token, type)

/** One pass over the tokens; a declaration is recognised by its neighbours, not by parsing. */
export function vocabularyOf(tokens: readonly IToken[]): FileVocabulary {
  const segments = new Set<string>()
  const currencies = new Set<string>()
  const templates = new Set<string>()
  const labels = new Set<string>()
  let inCurrencies = false
  tokens.forEach((token, i) => {
    const before = tokens[i - 1]
    const after = tokens[i + 1]
    // `segment NAME when` / `segment NAME {`: a declaration, not `expect segment NAME`.
    if (is(before, t.Segment) && (is(after, t.When) || is(after, t.LCurly))) {
      segments.add(token.image)
    }
    if (is(token, t.Currencies)) inCurrencies = true
    else if (inCurrencies && is(token, t.Currency)) currencies.add(token.image)
    else if (!is(token, t.Comma)) inCurrencies = false
    if (is(token, t.AnyString) && is(before, t.Channel)) templates.add(token.image)
    if (is(token, t.AnyString) && is(before, t.As)) labels.add(token.image)
  })
  return {
    segments: [...segments],
    currencies: [...currencies],
    templates: [...templates],
    labels: [...labels],
  }
}
