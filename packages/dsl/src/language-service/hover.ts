import { FACT_ROOTS, FACTS } from '@dun/engine'
import { tokenMatcher, type IToken } from 'chevrotain'
import type { DunFile, FactPath, Name, Segment, Step } from '../ast.js'
import { expressionText } from '../compile/expression-text.js'
import type { SourceRange } from '../source-range.js'
import * as t from '../tokens.js'
import { CONSTRUCT_DOCS, docMarkdown } from './construct-docs.js'
import { tokenAt } from './cursor.js'
import { documentFor } from './document.js'
import { factMarkdown } from './fact-docs.js'
import { keywordMarkdown } from './keyword-doc.js'
import { nodePathAt, type RangedNode } from './node-path.js'
import { stepIdsOf } from './step-ids.js'

export interface Hover {
  /** Markdown. */
  readonly contents: string
  /** The word the hover is about. */
  readonly range: SourceRange
}

/**
 * Documentation for the word at `offset`: a fact path (type, meaning, currency, origin), a
 * segment name (its condition and place in the order), a step (the ids it compiles to), or
 * a keyword (what the construct does, with an example). Null on punctuation, comments,
 * unknown names and blank space.
 */
export function hover(text: string, offset: number): Hover | null {
  const document = documentFor(text)
  const { ast, tokens } = document.parsed
  const token = tokenAt(tokens, offset)
  if (!token) return null
  const nodes = nodePathAt(ast, token.startOffset)
  const contents = describe(token, nodes, ast)
  return contents ? { contents, range: document.lines.tokenRange(token) } : null
}

function describe(token: IToken, nodes: readonly RangedNode[], file: DunFile): string | null {
  const node = nodes[nodes.length - 1]
  const parent = nodes[nodes.length - 2]
  if (node?.kind === 'name' && parent?.kind === 'path') return factHover(parent as FactPath, token)
  if (node?.kind === 'name' && parent?.kind === 'segment')
    return segmentHover(parent as Segment, file)
  if (node?.kind === 'name' && parent?.kind === 'expectSegment') {
    return segmentHover(findSegment(file, (node as Name).text), file)
  }
  const step = nodes.findLast((n): n is Step => n.kind === 'step')
  if (step && token.startOffset === step.range.offset) return stepHover(step, nodes)
  if (!isWordLike(token)) return null
  const construct = nodes.findLast((n) => n.kind !== 'name')
  return keywordMarkdown(token.image, construct?.kind) ?? null
}

/** Keywords and literals get construct docs; strings and symbols speak for themselves. */
function isWordLike(token: IToken): boolean {
  const tokenClass = t.tokenClass(token.tokenType)
  return (
    tokenClass !== undefined && tokenClass !== 'punctuation' && !tokenMatcher(token, t.AnyString)
  )
}

function factHover(path: FactPath, token: IToken): string | null {
  const index = path.segments.findIndex((name) => name.range.offset === token.startOffset)
  const prefix = path.segments
    .slice(0, index + 1)
    .map((name) => name.text)
    .join('.')
  const fact = FACTS.get(prefix)
  if (fact) return factMarkdown(fact)
  if (!FACT_ROOTS.includes(prefix)) return null
  const children = [...FACTS.keys()].filter((p) => p.startsWith(prefix + '.'))
  return [`**${prefix}**: facts`, '', ...children.map((p) => `- \`${p}\``)].join('\n')
}

function findSegment(file: DunFile, name: string): Segment | null {
  const items = file.policy?.items ?? []
  return (
    items.find((item): item is Segment => item.kind === 'segment' && item.name.text === name) ??
    null
  )
}

function segmentsOf(file: DunFile): Segment[] {
  return (file.policy?.items ?? []).filter((item): item is Segment => item.kind === 'segment')
}

function segmentHover(segment: Segment | null, file: DunFile): string | null {
  if (!segment) return null
  const segments = segmentsOf(file)
  const place = `segment ${segments.indexOf(segment) + 1} of ${segments.length}; the first that matches wins`
  const condition = segment.when
    ? `Cases where \`${expressionText(segment.when)}\`, unless an earlier segment matched.`
    : 'Every case no earlier segment matched (catch-all).'
  const steps = segment.steps.length === 1 ? '1 step' : `${segment.steps.length} steps`
  return [`**segment ${segment.name.text}** (${place})`, '', condition, '', steps].join('\n')
}

function stepHover(step: Step, nodes: readonly RangedNode[]): string {
  const segment = nodes.findLast((n): n is Segment => n.kind === 'segment')
  const ids = segment ? (stepIdsOf(segment).get(step) ?? []) : []
  const doc = CONSTRUCT_DOCS.step
  const lines = doc ? [docMarkdown(step.unit, doc)] : []
  if (ids.length > 0) {
    lines.push(
      '',
      `Step id${ids.length > 1 ? 's' : ''}: ${ids.map((id) => `\`${id}\``).join(', ')}`,
    )
    lines.push('', 'The id stays when the step moves to another day or is reformatted.')
  }
  return lines.join('\n')
}
