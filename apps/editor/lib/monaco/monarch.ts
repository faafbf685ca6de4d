import { Lexer, type TokenType } from 'chevrotain'
import { allTokens, tokenClass, type TokenClass } from '@dun/dsl'
import type { languages } from 'monaco-editor/editor/editor.api.js'

/**
 * The Monarch grammar for Dun, generated from the lexer's own token list: every reserved
 * word, literal and symbol the parser knows is highlighted, in the lexer's order, with its
 * token class. Nothing here is a hand-kept keyword list, so the editor and the parser
 * cannot disagree about the vocabulary.
 *
 * Monarch tries rules in order and takes the first that matches (not the longest), so the
 * words (reserved words with `longer_alt: Identifier`, and Currency) become one rule over
 * the identifier pattern whose `cases` pick the class of the whole word — `dayx` stays an
 * identifier, as in the lexer.
 */
export function dunMonarch(tokens: readonly TokenType[] = allTokens): languages.IMonarchLanguage {
  const wordLists: Partial<Record<TokenClass, string[]>> = {}
  const wordCases: Record<string, string> = {}
  const rules: languages.IMonarchLanguageRule[] = []
  let wordRuleAt = -1
  let identifier: TokenType | undefined
  for (const token of tokens) {
    if (token.PATTERN === Lexer.NA) continue
    if (token.GROUP === Lexer.SKIPPED) {
      rules.push([asRegExp(token), 'white'])
      continue
    }
    const cls = tokenClass(token) ?? 'identifier'
    if (token.LONGER_ALT !== undefined || cls === 'identifier') {
      if (wordRuleAt < 0) wordRuleAt = rules.length
      if (cls === 'identifier') identifier = token
      else if (typeof token.PATTERN === 'string') (wordLists[cls] ??= []).push(token.PATTERN)
      else wordCases[`~(?:${asRegExp(token).source})`] = tokenName(cls, token)
      continue
    }
    rules.push([asRegExp(token), tokenName(cls, token)])
  }
  if (!identifier) throw new Error('the token list has no Identifier: nothing to read words with')
  const cases: Record<string, string> = {}
  for (const cls of Object.keys(wordLists)) cases[`@${cls}`] = cls
  Object.assign(cases, wordCases, { '@default': 'identifier' })
  rules.splice(wordRuleAt, 0, [asRegExp(identifier), { cases }])
  return { ...wordLists, defaultToken: 'invalid', tokenizer: { root: rules } }
}

/** `literal.string`, `literal.number`, `operator`…: the class first, so a theme rule for the class covers them all. */
function tokenName(cls: TokenClass, token: TokenType): string {
  return cls === 'literal' ? `literal.${token.name.toLowerCase()}` : cls
}

function asRegExp(token: TokenType): RegExp {
  const pattern = token.PATTERN
  if (pattern instanceof RegExp) return new RegExp(pattern.source)
  if (typeof pattern === 'string') return new RegExp(pattern.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
  throw new Error(`token ${token.name} has a custom matcher; Monarch needs a pattern`)
}
