import type { SourceRange } from '../source-range.js'

/** Any AST node, including expected outcomes: an object with a `kind` and a `range`. */
export interface RangedNode {
  readonly kind: string
  readonly range: SourceRange
}

function isRangedNode(value: unknown): value is RangedNode {
  return typeof value === 'object' && value !== null && 'kind' in value && 'range' in value
}

/** True when `offset` lies in the range, its end included (the cursor right after a word). */
export function rangeTouches(range: SourceRange, offset: number): boolean {
  return offset >= range.offset && offset <= range.offset + range.length
}

function childNodes(node: RangedNode): RangedNode[] {
  const children: RangedNode[] = []
  for (const value of Object.values(node)) {
    if (Array.isArray(value)) children.push(...value.filter(isRangedNode))
    else if (isRangedNode(value)) children.push(value)
  }
  return children
}

/**
 * The nodes containing `offset`, outermost first. Walks children generically so every node
 * kind, present and future, is reached without a per-kind table.
 */
export function nodePathAt(root: RangedNode, offset: number): RangedNode[] {
  const path: RangedNode[] = []
  let current: RangedNode | undefined = rangeTouches(root.range, offset) ? root : undefined
  while (current) {
    path.push(current)
    current = childNodes(current).find((child) => rangeTouches(child.range, offset))
  }
  return path
}
