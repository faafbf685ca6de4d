import type { IToken } from 'chevrotain'
import { check, type CheckResult } from '../check.js'
import { parse, type ParseResult } from '../parse.js'
import { LineIndex } from '../positions.js'
import { DunLexer } from '../tokens.js'

/** The lexer's view of a text: tokens the parser reads, and comments beside them. */
export interface LexedText {
  readonly tokens: readonly IToken[]
  readonly comments: readonly IToken[]
}

/**
 * One text and what the services computed from it, each part computed on first use. The
 * editor asks for completion, hover and tokens on the same text many times between edits,
 * so the last document is kept and a request on unchanged text lexes and parses nothing.
 */
export class DunDocument {
  private lexedText: LexedText | undefined
  private parseResult: ParseResult | undefined
  private checkResult: CheckResult | undefined
  private lineIndex: LineIndex | undefined

  constructor(readonly text: string) {}

  get lexed(): LexedText {
    if (!this.lexedText) {
      const lexed = DunLexer.tokenize(this.text)
      this.lexedText = { tokens: lexed.tokens, comments: lexed.groups.comments ?? [] }
    }
    return this.lexedText
  }

  get parsed(): ParseResult {
    this.parseResult ??= parse(this.text)
    return this.parseResult
  }

  /** Parse and validation diagnostics, for the quick fixes they carry. */
  get checked(): CheckResult {
    this.checkResult ??= check(this.text)
    return this.checkResult
  }

  get lines(): LineIndex {
    this.lineIndex ??= new LineIndex(this.text)
    return this.lineIndex
  }
}

let last: DunDocument | undefined

/** The document for a text: the previous one when the text has not changed. */
export function documentFor(text: string): DunDocument {
  if (last?.text !== text) last = new DunDocument(text)
  return last
}
