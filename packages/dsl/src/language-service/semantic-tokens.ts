import { tokenMatcher, type IToken } from 'chevrotain'
import * as t from '../tokens.js'
import { documentFor } from './document.js'

export type SemanticTokenType =
  | 'keyword'
  | 'channel'
  | 'action'
  | 'fact'
  | 'value'
  | 'number'
  | 'string'
  | 'currency'
  | 'time'
  | 'operator'
  | 'comment'
  | 'segment'
  | 'label'

/** `declaration` marks where a segment or a step label is defined (not where it is used). */
export type SemanticTokenModifier = 'declaration'

export interface SemanticToken {
  readonly offset: number
  readonly length: number
  /** 1-based. */
  readonly line: number
  /** 1-based, in UTF-16 code units. */
  readonly column: number
  readonly type: SemanticTokenType
  readonly modifiers: readonly SemanticTokenModifier[]
}

/** Every legend entry, in a fixed order: Monaco's legend indexes into it. */
export const SEMANTIC_TOKEN_TYPES: readonly SemanticTokenType[] = [
  'keyword',
  'channel',
  'action',
  'fact',
  'value',
  'number',
  'string',
  'currency',
  'time',
  'operator',
  'comment',
  'segment',
  'label',
]
export const SEMANTIC_TOKEN_MODIFIERS: readonly SemanticTokenModifier[] = ['declaration']

const is = (token: IToken | undefined, type: typeof t.Word): boolean =>
  token !== undefined && tokenMatcher(token, type)

/** A word that names something rather than being a keyword of the construct around it. */
function nameType(tokens: readonly IToken[], i: number): SemanticTokenType | undefined {
  const before = tokens[i - 1]
  if (is(before, t.Dot)) return 'fact'
  if (is(before, t.Segment)) return 'segment'
  // After `is`, `not` negates (the parser never reads it as a value).
  if (is(before, t.Is) && !is(tokens[i], t.Not)) return 'value'
  if (is(before, t.Not) && is(tokens[i - 2], t.Is)) return 'value'
  return undefined
}

function literalType(token: IToken): SemanticTokenType {
  if (is(token, t.AnyString)) return 'string'
  if (is(token, t.Currency)) return 'currency'
  if (is(token, t.Time)) return 'time'
  if (is(token, t.True) || is(token, t.False)) return 'keyword'
  return 'number'
}

/**
 * The type of a token, from the lexer's classification refined by its neighbours: a keyword
 * after a dot is part of a fact path (`customer.plan`), a word after `segment` names one,
 * an identifier in a condition is a fact, and one counted by a cap is its scope.
 */
function typeOf(tokens: readonly IToken[], i: number): SemanticTokenType | undefined {
  const token = tokens[i]!
  if (is(token, t.Word)) {
    const named = nameType(tokens, i)
    if (named) return named
  }
  const tokenClass = t.tokenClass(token.tokenType)
  switch (tokenClass) {
    case 'keyword':
    case 'unit':
      return 'keyword'
    case 'channel':
    case 'action':
    case 'operator':
      return tokenClass
    case 'literal':
      return literalType(token)
    case 'identifier':
      // `at most 3 messages`: the scope of a cap; anywhere else, the start of a fact path.
      return is(tokens[i - 2], t.Most) ? 'keyword' : 'fact'
    case 'comment':
      return 'comment'
    case 'punctuation':
    case undefined:
      return undefined
  }
}

/** Declarations: `segment NAME when|{` and `as "label"`. */
function modifiersOf(tokens: readonly IToken[], i: number): SemanticTokenModifier[] {
  const before = tokens[i - 1]
  const after = tokens[i + 1]
  const segment = is(before, t.Segment) && (is(after, t.When) || is(after, t.LCurly))
  return segment || is(before, t.As) ? ['declaration'] : []
}

function semanticToken(
  token: IToken,
  type: SemanticTokenType,
  modifiers: SemanticTokenModifier[],
): SemanticToken {
  return {
    offset: token.startOffset,
    length: token.image.length,
    line: token.startLine ?? 1,
    column: token.startColumn ?? 1,
    type,
    modifiers,
  }
}

/** Semantic tokens of a text in source order, comments included, punctuation left out. */
export function semanticTokens(text: string): SemanticToken[] {
  const { tokens, comments } = documentFor(text).lexed
  const result: SemanticToken[] = []
  tokens.forEach((token, i) => {
    const type = typeOf(tokens, i)
    if (!type) return
    const labelled = type === 'string' && (is(tokens[i - 1], t.As) || is(tokens[i - 1], t.Step))
    result.push(semanticToken(token, labelled ? 'label' : type, modifiersOf(tokens, i)))
  })
  for (const comment of comments) result.push(semanticToken(comment, 'comment', []))
  return result.sort((a, b) => a.offset - b.offset)
}
