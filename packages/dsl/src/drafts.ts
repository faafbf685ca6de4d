import type { IToken } from 'chevrotain'
import type { Anchor } from '@dun/engine'
import type * as ast from './ast.js'
import { spanRange, type LineIndex } from './positions.js'
import type { SourceRange } from './source-range.js'

/**
 * What the grammar (`parser.ts`) reads before a node can be built (`to-ast.ts`). The
 * containers recovery can cut short (file, policy, test, step) are filled part by part, so
 * a rule that recovers still yields what it had read; a draft's extent runs from its first
 * real part to its last, as the range of what was read.
 */

/** A real token, or undefined for a missing one (inserted by recovery, or absent). */
export function real(token: IToken | undefined): IToken | undefined {
  return token === undefined || token.isInsertedInRecovery === true ? undefined : token
}

// ---------- drafts of containers ----------

/** A part read into a draft: a token, or a node's range. */
type Part = IToken | SourceRange

/**
 * Where a container starts, and the last part read into it. Parts are kept as read and
 * turned into a range once, at the end: most of a step's parts are tokens.
 */
interface Extent {
  start: Part | null
  end: Part | null
}

function extend(extent: Extent, part: Part): void {
  extent.start ??= part
  extent.end = part
}

/** Adds a token to a draft's extent (a missing token adds nothing). */
export function readToken(extent: Extent, token: IToken | undefined): IToken | undefined {
  const found = real(token)
  if (found !== undefined) extend(extent, found)
  return found
}

/** Adds a node to a draft's list (a missing node adds nothing). */
export function readNode<T extends { readonly range: SourceRange }>(
  extent: Extent,
  list: T[],
  node: T | null | undefined,
): void {
  if (node === null || node === undefined) return
  extend(extent, node.range)
  list.push(node)
}

const isToken = (part: Part): part is IToken => 'image' in part

const rangeOf = (part: Part, lines: LineIndex): SourceRange =>
  isToken(part) ? lines.tokenRange(part) : part

/** The range of what was read into a draft (`lines`: the text's line starts). */
export function extentRange(extent: Extent, lines: LineIndex): SourceRange | null {
  const { start, end } = extent
  if (start === null || end === null) return null
  if (isToken(start) && isToken(end)) return lines.span(start, end)
  return spanRange(rangeOf(start, lines), rangeOf(end, lines))
}

export interface FileDraft {
  policy: ast.Policy | null
  readonly tests: ast.TestBlock[]
}

export const fileDraft = (): FileDraft => ({ policy: null, tests: [] })

export interface PolicyDraft extends Extent {
  name: IToken | undefined
  readonly items: ast.PolicyItem[]
}

export const policyDraft = (): PolicyDraft => ({
  start: null,
  end: null,
  name: undefined,
  items: [],
})

export interface TestDraft extends Extent {
  name: IToken | undefined
  readonly givens: ast.Given[]
  readonly expectations: ast.Expectation[]
}

export const testDraft = (): TestDraft => ({
  start: null,
  end: null,
  name: undefined,
  givens: [],
  expectations: [],
})

export interface StepDraft extends Extent {
  unit: 'day' | 'hour' | null
  readonly offsets: IToken[]
  at: IToken | undefined
  anchor: Anchor | null
  action: ast.ActionNode | null
  label: IToken | undefined
  when: ast.Expression | null
}

export const stepDraft = (): StepDraft => ({
  start: null,
  end: null,
  unit: null,
  offsets: [],
  at: undefined,
  anchor: null,
  action: null,
  label: undefined,
  when: null,
})

/** Adds an optional part (a node, or null) to a step draft's extent, and returns it. */
export function readPart<T extends { readonly range: SourceRange }>(
  extent: Extent,
  part: T | null | undefined,
): T | null {
  if (part === null || part === undefined) return null
  extend(extent, part.range)
  return part
}

// ---------- predicate tails (what follows a predicate's subject) ----------

export type PredicateTail =
  | { readonly kind: 'compare'; readonly operator: IToken; readonly right: ast.Operand | null }
  | { readonly kind: 'in'; readonly negated: boolean; readonly list: ast.ListLiteral | null }
  | { readonly kind: 'contains'; readonly item: ast.Operand | null }
  | { readonly kind: 'is'; readonly negated: boolean; readonly value: IToken | undefined }

/** A condition's negations, `and`s and `or`s, in the order they were read. */
export interface ConditionChain {
  readonly terms: (ast.Expression | null)[]
  /** `and` or `or` between term i and term i + 1. */
  readonly operators: ('and' | 'or')[]
}

/** What an outcome read: its first word, or what follows a `no`. */
export type OutcomeTarget =
  | { readonly kind: 'action'; readonly action: ast.ActionNode | null }
  | { readonly kind: 'step'; readonly step: IToken }
  | { readonly kind: 'segment'; readonly name: IToken }
  | { readonly kind: 'word'; readonly word: IToken }
  | { readonly kind: 'no'; readonly no: IToken; readonly target: OutcomeTarget }
