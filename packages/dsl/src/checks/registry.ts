import type { AstNode, ExpectedOutcome } from '../ast.js'
import type { CodeInfo } from '../codes.js'
import type { QuickFix } from '../diagnostic.js'
import type { SourceRange } from '../source-range.js'
import type { Scope } from './scope.js'

/** Everything the validator walks: the AST nodes and the outcomes a test expects. */
export type Visitable = AstNode | ExpectedOutcome
export type VisitableKind = Visitable['kind']

/** The node type of a kind (`and` and `or` share one interface, hence not `Extract`). */
export type NodeOf<K extends VisitableKind, N = Visitable> = N extends { readonly kind: infer NK }
  ? K extends NK
    ? N
    : never
  : never

/** What a check found. `at` is the node (or the part of it) the problem is about: the range follows. */
export interface Problem {
  readonly code: CodeInfo
  readonly at: { readonly range: SourceRange }
  readonly message: string
  readonly hint: string
  readonly fixes?: readonly QuickFix[]
}

export type Report = (problem: Problem) => void

/** A small check of one node kind. It reads the policy's declarations and walk position from `scope`. */
export type Check<K extends VisitableKind> = (node: NodeOf<K>, report: Report, scope: Scope) => void

/** Checks by the node kind they look at; each check file exports one set. */
export type CheckSet = { readonly [K in VisitableKind]?: readonly Check<K>[] }

/** Every check that looks at some kind of node, as the walk calls them. */
export type AnyCheck = (node: Visitable, report: Report, scope: Scope) => void

/**
 * One lookup table over all check sets, so the walk dispatches each node in one step. A
 * `Map`: an object with this many keys added one by one turns into a slow dictionary.
 */
export function mergeCheckSets(sets: readonly CheckSet[]): ReadonlyMap<VisitableKind, AnyCheck[]> {
  const merged = new Map<VisitableKind, AnyCheck[]>()
  for (const set of sets) {
    for (const kind of Object.keys(set) as VisitableKind[]) {
      const checks = set[kind] as readonly AnyCheck[]
      const into = merged.get(kind) ?? []
      into.push(...checks)
      merged.set(kind, into)
    }
  }
  return merged
}

/** A quick fix that replaces the text of `at` with `text`. */
function replaceWith(at: { readonly range: SourceRange }, text: string): QuickFix {
  return { title: `Replace with '${text}'`, edits: [{ range: at.range, text }] }
}

/** The `fixes` of a problem: one replacement of `at` per candidate, none when there is none. */
export function fixesFor(
  at: { readonly range: SourceRange },
  candidates: readonly (string | null)[],
): { readonly fixes?: readonly QuickFix[] } {
  const texts = candidates.filter((text) => text !== null)
  return texts.length === 0 ? {} : { fixes: texts.map((text) => replaceWith(at, text)) }
}

/**
 * Values to offer for a value outside a small set: the close one, or every one when the
 * set is short enough to pick from (`hard` or `soft`).
 */
export function choicesFor(
  suggestion: string | null,
  values: readonly string[],
): readonly string[] {
  if (suggestion !== null) return [suggestion]
  return values.length <= 5 ? values : []
}
