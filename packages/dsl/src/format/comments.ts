import type { Comment } from '../ast.js'
import type { Statement } from './statement.js'

/** The comments that belong to one statement, in source order. */
export interface AttachedComments {
  /** On the lines before the statement (and any written inside a one-line statement). */
  readonly leading: Comment[]
  /** After the statement on its last line (a comment runs to the end of its line: one at most). */
  trailing: Comment | null
  /** After a block's `{` on the header's line, before the first inner statement. */
  afterBrace: Comment | null
  /** Inside a block after its last statement (or in an empty block). */
  readonly dangling: Comment[]
}

export type CommentMap = ReadonlyMap<object, AttachedComments>

/**
 * Attaches every comment to exactly one statement, so the printer can never drop one:
 * a comment on a statement's last line trails it; other comments lead the statement that
 * follows them; a comment after the last statement of a block stays inside the block.
 * `root` is the file: its dangling comments are those at the end of the file (its head ends
 * on line 0, so no comment is ever placed after its brace).
 */
export function attachComments(root: Statement, comments: readonly Comment[]): CommentMap {
  const map = new Map<object, AttachedComments>()
  const slot = (statement: Statement): AttachedComments => {
    let attached = map.get(statement.node)
    if (attached === undefined) {
      attached = { leading: [], trailing: null, afterBrace: null, dangling: [] }
      map.set(statement.node, attached)
    }
    return attached
  }
  const sorted = [...comments].sort((a, b) => a.range.offset - b.range.offset)
  for (const comment of sorted) place(root, comment, slot)
  return map
}

function place(
  block: Statement,
  comment: Comment,
  slot: (statement: Statement) => AttachedComments,
): void {
  const children = block.body ?? []
  const offset = comment.range.offset
  const nextIndex = children.findIndex((child) => child.range.offset + child.range.length > offset)
  const next = nextIndex < 0 ? undefined : children[nextIndex]
  const previous = children[(nextIndex < 0 ? children.length : nextIndex) - 1]
  if (next !== undefined && next.range.offset <= offset) {
    if (next.body !== null && offset >= next.headEnd.offset) place(next, comment, slot)
    else slot(next).leading.push(comment)
  } else if (previous !== undefined && previous.range.endLine === comment.range.line) {
    slot(previous).trailing = comment
  } else if (previous === undefined && block.headEnd.line === comment.range.line) {
    slot(block).afterBrace = comment
  } else if (next !== undefined) {
    slot(next).leading.push(comment)
  } else {
    slot(block).dangling.push(comment)
  }
}
