import type { Comment } from '../ast.js'
import type { AttachedComments, CommentMap } from './comments.js'
import { hardline, indent, lineSuffix, type Doc } from './doc.js'
import type { Statement } from './statement.js'

const NO_COMMENTS: AttachedComments = {
  leading: [],
  trailing: null,
  afterBrace: null,
  dangling: [],
}

/** One printed line (or several, for a block) with where it came from in the source. */
interface Element {
  readonly doc: Doc
  readonly line: number
  readonly endLine: number
  /** A section boundary: a blank line comes before it whatever the author wrote. */
  readonly blankBefore: boolean
}

/**
 * Prints the file's statement tree with its comments: one statement per line, blocks
 * indented between braces, and a blank line where a section changes or where the author
 * left one (never two in a row).
 */
export function layoutFile(file: Statement, comments: CommentMap): Doc {
  const elements = bodyElements(file, comments)
  return elements.length === 0 ? '' : [joinElements(elements), hardline]
}

function layoutStatement(statement: Statement, comments: CommentMap): Doc {
  const attached = comments.get(statement.node) ?? NO_COMMENTS
  const trailing = attached.trailing ? lineSuffix(' ' + printComment(attached.trailing)) : ''
  if (statement.body === null) return [statement.head, trailing]
  const afterBrace = attached.afterBrace ? lineSuffix(' ' + printComment(attached.afterBrace)) : ''
  const elements = bodyElements(statement, comments)
  const body = elements.length === 0 ? '' : indent([hardline, joinElements(elements)])
  const close = elements.length === 0 && afterBrace === '' ? '}' : [hardline, '}']
  return [statement.head, ' {', afterBrace, body, close, trailing]
}

/** A block's statements, each preceded by its leading comments, then the block's last comments. */
function bodyElements(block: Statement, comments: CommentMap): Element[] {
  const elements: Element[] = []
  let previous: Statement | null = null
  for (const statement of block.body ?? []) {
    const { leading } = comments.get(statement.node) ?? NO_COMMENTS
    const sectionChange =
      previous !== null &&
      previous.section !== null &&
      statement.section !== null &&
      previous.section !== statement.section
    // A comment written inside a multi-line statement moves before it: count it from there.
    leading.forEach((comment, index) =>
      elements.push(
        commentElement(
          comment,
          Math.min(comment.range.line, statement.range.line),
          sectionChange && index === 0,
        ),
      ),
    )
    elements.push({
      doc: layoutStatement(statement, comments),
      line: statement.range.line,
      endLine: statement.range.endLine,
      blankBefore: sectionChange && leading.length === 0,
    })
    previous = statement
  }
  const { dangling } = comments.get(block.node) ?? NO_COMMENTS
  return [
    ...elements,
    ...dangling.map((comment) => commentElement(comment, comment.range.line, false)),
  ]
}

function commentElement(comment: Comment, line: number, blankBefore: boolean): Element {
  return { doc: printComment(comment), line, endLine: line, blankBefore }
}

function joinElements(elements: readonly Element[]): Doc[] {
  return elements.map((element, index) => {
    const previous = elements[index - 1]
    if (previous === undefined) return element.doc
    const blank = element.blankBefore || element.line - previous.endLine > 1
    return [hardline, blank ? hardline : '', element.doc]
  })
}

/** `#` and the comment's text as written, without trailing spaces. */
function printComment(comment: Comment): string {
  return `#${comment.text.trimEnd()}`
}
