import type { Doc } from './doc.js'

export const PRINT_WIDTH = 100
const INDENT = '  '

type Mode = 'flat' | 'break'

interface Command {
  readonly indentation: number
  readonly mode: Mode
  readonly doc: Doc
}

/**
 * Lays a document out within `width` columns, Prettier's way: a group prints flat when it
 * (and the text after it, up to the next possible break) fits on the current line, otherwise
 * its lines break. Trailing spaces are never emitted.
 */
export function printDoc(doc: Doc, width = PRINT_WIDTH): string {
  const out: string[] = []
  let suffixes: string[] = []
  let column = 0
  const stack: Command[] = [{ indentation: 0, mode: 'break', doc }]
  const newline = (indentation: number): void => {
    out.push(...suffixes)
    suffixes = []
    trimTrailingSpaces(out)
    out.push('\n', INDENT.repeat(indentation))
    column = indentation * INDENT.length
  }
  while (stack.length > 0) {
    const { indentation, mode, doc: current } = stack.pop() as Command
    if (typeof current === 'string') {
      out.push(current)
      column += current.length
    } else if (isDocArray(current)) {
      for (let i = current.length - 1; i >= 0; i--) {
        stack.push({ indentation, mode, doc: current[i] as Doc })
      }
    } else {
      switch (current.kind) {
        case 'indent':
          stack.push({ indentation: indentation + 1, mode, doc: current.contents })
          break
        case 'group': {
          const flat = { indentation, mode: 'flat' as const, doc: current.contents }
          const fitsFlat = fits(flat, stack, width - column)
          stack.push(fitsFlat ? flat : { ...flat, mode: 'break' })
          break
        }
        case 'lineSuffix':
          suffixes.push(current.text)
          break
        case 'line':
          if (mode === 'break' || current.hard) newline(indentation)
          else if (!current.soft) {
            out.push(' ')
            column += 1
          }
          break
      }
    }
  }
  out.push(...suffixes)
  trimTrailingSpaces(out)
  return out.join('')
}

/**
 * `printDoc` with unlimited width, the compiler's way of printing guard texts (one per step),
 * without measuring: at unlimited width every group fits, so a document whose lines all sit
 * inside groups, none of them hard, prints on one line. Anything else (a hard line, a line
 * outside every group, a line suffix) is left to `printDoc`.
 */
export function printOnOneLine(doc: Doc): string {
  const out: string[] = []
  if (!appendFlat(doc, false, out)) return printDoc(doc, Number.POSITIVE_INFINITY)
  return out.join('').replace(/ +$/, '')
}

/** Appends `doc` printed flat; false when it holds what only `printDoc` lays out. */
function appendFlat(doc: Doc, inGroup: boolean, out: string[]): boolean {
  if (typeof doc === 'string') {
    out.push(doc)
    return true
  }
  if (isDocArray(doc)) {
    for (const part of doc) if (!appendFlat(part, inGroup, out)) return false
    return true
  }
  switch (doc.kind) {
    case 'indent':
      return appendFlat(doc.contents, inGroup, out)
    case 'group':
      return appendFlat(doc.contents, true, out)
    case 'line':
      if (doc.hard || !inGroup) return false
      if (!doc.soft) out.push(' ')
      return true
    case 'lineSuffix':
      return false
  }
}

/**
 * Whether `next` printed flat fits in `remaining` columns, counting the commands after it
 * up to their first line break. A hard line inside the flat part means it cannot be flat.
 */
function fits(next: Command, rest: readonly Command[], remaining: number): boolean {
  const queue: Command[] = [next]
  let restIndex = rest.length - 1
  let left = remaining
  while (left >= 0) {
    let command = queue.pop()
    if (command === undefined) {
      if (restIndex < 0) return true
      command = rest[restIndex--] as Command
    }
    const { mode, doc } = command
    if (typeof doc === 'string') {
      left -= doc.length
    } else if (isDocArray(doc)) {
      for (let i = doc.length - 1; i >= 0; i--) queue.push({ ...command, doc: doc[i] as Doc })
    } else {
      switch (doc.kind) {
        case 'indent':
        case 'group':
          queue.push({ ...command, doc: doc.contents })
          break
        case 'lineSuffix':
          break
        case 'line':
          if (mode === 'break' || doc.hard) return mode === 'break'
          if (!doc.soft) left -= 1
          break
      }
    }
  }
  return false
}

function isDocArray(doc: Doc): doc is readonly Doc[] {
  return Array.isArray(doc)
}

function trimTrailingSpaces(out: string[]): void {
  for (let last = out.pop(); last !== undefined; last = out.pop()) {
    const trimmed = last.replace(/ +$/, '')
    if (trimmed.length > 0) {
      out.push(trimmed)
      return
    }
  }
}
