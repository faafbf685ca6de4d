import type { IToken } from 'chevrotain'
import { checkParsed, type CheckResult } from '../check-parsed.js'
import { parse, type ParseResult } from '../parse.js'
import { LineIndex } from '../positions.js'
import { DunLexer } from '../tokens.js'
import { lexThroughLine, type LexedPrefix } from './relex.js'

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
  private prefix: LexedPrefix | undefined

  /** `previous`: the lexed start of the text this one was edited from, to reuse. */
  constructor(
    readonly text: string,
    private previous?: LexedPrefix,
  ) {}

  get lexed(): LexedText {
    if (!this.lexedText) {
      const lexed = DunLexer.tokenize(this.text)
      this.lexedText = { tokens: lexed.tokens, comments: lexed.groups.comments ?? [] }
    }
    return this.lexedText
  }

  /**
   * The tokens up to the end of the line holding `offset`: all the cursor needs. Right after
   * an edit only the lines from the edit on are lexed, the rest comes from the previous text.
   */
  lexedThrough(offset: number): LexedText {
    if (this.lexedText) return this.lexedText
    if (!this.prefix || this.prefix.end < offset) {
      this.prefix = lexThroughLine(this.text, offset, this.prefix ?? this.previous)
      this.previous = undefined
    }
    return this.prefix
  }

  /**
   * What an edited version of this text can reuse. A document only checked (`check` after a
   * keystroke) lexed nothing itself: it hands on what it was given, still reusable up to
   * where the texts differ.
   */
  get reusable(): LexedPrefix | undefined {
    if (this.lexedText) return { ...this.lexedText, text: this.text, end: this.text.length }
    return this.prefix ?? this.previous
  }

  get parsed(): ParseResult {
    this.parseResult ??= parse(this.text)
    return this.parseResult
  }

  /** Parse and validation diagnostics (`check`), from the same parse as `parsed`. */
  get checked(): CheckResult {
    this.checkResult ??= checkParsed(this.parsed)
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
  if (last?.text !== text) last = new DunDocument(text, last?.reusable)
  return last
}

/**
 * The parse of a text, shared with every other language-service call on the same text: a
 * view drawn from the text after each keystroke (the editor's timeline) parses nothing again.
 */
export function parsedDocument(text: string): ParseResult {
  return documentFor(text).parsed
}
