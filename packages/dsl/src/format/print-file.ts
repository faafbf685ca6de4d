import type { Comment, DunFile } from '../ast.js'
import { attachComments } from './comments.js'
import { layoutFile } from './layout.js'
import { printDoc } from './printer.js'
import { fileStatement } from './to-statements.js'

/**
 * Prints a file in the canonical layout, with every comment kept next to the statement it
 * was written with. For callers that edit the tree (the editor's timeline): comments attach
 * by source position, so an edited node should keep the range of the node it replaces, and
 * a new node may borrow the range of the node it is inserted after.
 */
export function printFile(file: DunFile, comments: readonly Comment[] = file.comments): string {
  const root = fileStatement(file)
  return printDoc(layoutFile(root, attachComments(root, comments)))
}
