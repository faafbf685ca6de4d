import {
  tokenMatcher,
  type IToken,
  type ISyntacticContentAssistPath,
  type TokenType,
} from 'chevrotain'
import { dunParser, START_RULE } from '../parser.js'
import * as t from '../tokens.js'

/**
 * The syntactically possible next tokens at the end of `preceding`, from the grammar itself
 * (Chevrotain's `computeContentAssist`). Feeding it a whole 2,000-line policy costs hundreds
 * of milliseconds, so it is fed a short window that the grammar reads the same way: the
 * header of the innermost open block (`segment x when … {`) and the item the cursor is in.
 */
export function nextTokenPaths(preceding: readonly IToken[]): ISyntacticContentAssistPath[] {
  const block = openBlock(preceding)
  const header = block ? preceding.slice(block.opener, block.brace + 1) : topLevelHeader(preceding)
  const rule = block ? block.rule : START_RULE
  const bodyStart = block ? block.brace + 1 : 0
  for (const start of itemStarts(preceding, bodyStart)) {
    const paths = assist(rule, [...header, ...preceding.slice(start)])
    if (paths.length > 0) return paths
  }
  // The cursor follows a complete item (often a closed block): what may come next is what
  // may start an item, as right after the header.
  return assist(rule, header)
}

function assist(rule: string, tokens: IToken[]): ISyntacticContentAssistPath[] {
  return dunParser().computeContentAssist(rule, tokens)
}

const BLOCK_RULES: readonly (readonly [TokenType, string])[] = [
  [t.Policy, 'policy'],
  [t.Segment, 'segment'],
  [t.Limits, 'limits'],
  [t.Test, 'test'],
]

interface OpenBlock {
  readonly rule: string
  /** Index of the word that opens the block (`segment`). */
  readonly opener: number
  /** Index of its `{`. */
  readonly brace: number
}

/** The innermost `{` not closed before the cursor, and the block word that owns it. */
function openBlock(tokens: readonly IToken[]): OpenBlock | null {
  let depth = 0
  for (let i = tokens.length - 1; i >= 0; i--) {
    const token = tokens[i]!
    if (tokenMatcher(token, t.RCurly)) depth++
    else if (tokenMatcher(token, t.LCurly) && depth-- === 0) return ownerOf(tokens, i)
  }
  return null
}

function ownerOf(tokens: readonly IToken[], brace: number): OpenBlock | null {
  for (let i = brace - 1; i >= 0; i--) {
    const token = tokens[i]!
    const afterDot = i > 0 && tokenMatcher(tokens[i - 1]!, t.Dot)
    const rule = afterDot ? undefined : BLOCK_RULES.find(([type]) => tokenMatcher(token, type))
    if (rule) return { rule: rule[1], opener: i, brace }
  }
  return null
}

/**
 * At the top level, a closed block before the cursor is the policy or a test; either way the
 * file reads on as after a policy, so the smallest complete policy stands in for it.
 */
function topLevelHeader(tokens: readonly IToken[]): IToken[] {
  return tokens.some((token) => tokenMatcher(token, t.RCurly)) ? minimalPolicyTokens() : []
}

let minimalPolicy: IToken[] | undefined
function minimalPolicyTokens(): IToken[] {
  minimalPolicy ??= t.DunLexer.tokenize('policy "" {}').tokens
  return minimalPolicy
}

const MAX_TRIES = 8

/**
 * Where the item holding the cursor may start, nearest first: tokens of the block's own level
 * that begin a line or follow `;`. Items are written one per line or separated by `;`, so
 * the grammar confirms the first candidate in nearly every case. A closed inner block ends
 * the search: the item after it starts right after its `}`.
 */
function itemStarts(tokens: readonly IToken[], bodyStart: number): number[] {
  const starts: number[] = []
  for (let i = tokens.length - 1; i >= bodyStart && starts.length < MAX_TRIES; i--) {
    if (tokenMatcher(tokens[i]!, t.RCurly)) {
      if (i + 1 < tokens.length && !starts.includes(i + 1)) starts.push(i + 1)
      break
    }
    if (startsItem(tokens, i, bodyStart)) starts.push(i)
  }
  return starts
}
function startsItem(tokens: readonly IToken[], i: number, bodyStart: number): boolean {
  if (i === bodyStart) return true
  const before = tokens[i - 1]!
  return tokenMatcher(before, t.Semicolon) || (before.endLine ?? 0) < (tokens[i]!.startLine ?? 0)
}
