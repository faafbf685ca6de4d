import {
  EOF,
  tokenMatcher,
  type ILexingError,
  type IParserErrorMessageProvider,
  type IRecognitionException,
  type IToken,
  type TokenType,
} from 'chevrotain'
import type { Diagnostic } from './diagnostic.js'
import { actionWordFixes } from './did-you-mean.js'
import { LineIndex } from './positions.js'
import type { SourceRange } from './source-range.js'
import * as t from './tokens.js'

// ---------- codes ----------

/** A character that no word, number, text or symbol of the language starts with (`@`, `$`). */
export const UNEXPECTED_CHARACTER = 'DUN001'
/** A text opened with `"` and not closed on the same line. */
export const UNTERMINATED_STRING = 'DUN002'
/** A missing or misplaced word or symbol: `stop invoice.balance <= 0` lacks `when`. */
export const UNEXPECTED_TOKEN = 'DUN003'
/** A word the language does not know where it expects one of its own: `day 3 emial "x"`. */
export const UNKNOWN_WORD = 'DUN004'
/** Text after the end of the file's structure (a second policy, a stray `}`). */
export const TRAILING_TEXT = 'DUN005'
/** A number that must be whole is not: `day 1.5`, `at most 2.5 messages per 7 days`. */
export const NOT_A_WHOLE_NUMBER = 'DUN006'
/** A time of day out of range: `quiet hours 25:00 to 08:00`. */
export const INVALID_TIME = 'DUN007'

/** Every syntax code with a one-line description (for the codes table and `dun explain`). */
export const SYNTAX_CODES: Readonly<Record<string, string>> = {
  [UNEXPECTED_CHARACTER]: 'unexpected character',
  [UNTERMINATED_STRING]: 'unterminated text',
  [UNEXPECTED_TOKEN]: 'missing or unexpected word or symbol',
  [UNKNOWN_WORD]: 'unknown word',
  [TRAILING_TEXT]: 'text after the end of the file',
  [NOT_A_WHOLE_NUMBER]: 'a whole number is needed',
  [INVALID_TIME]: 'invalid time of day',
}

// ---------- how the grammar's pieces are named in messages ----------

const TOKEN_PHRASES: ReadonlyMap<TokenType, string> = new Map([
  [t.AnyString, 'a text in quotes such as "reminder"'],
  [t.NumberLiteral, 'a number such as 3'],
  [t.Time, 'a time such as 21:00'],
  [t.Currency, 'a currency code such as USD'],
  [t.Word, 'a name'],
  [t.Identifier, 'a fact such as invoice.balance'],
  [t.Channel, 'a channel such as email or sms'],
  [t.DurationUnit, 'a unit such as days or hours'],
  [t.CompareOperator, 'a comparison such as >= or =='],
  [t.Percent, 'a percentage such as 25%'],
])

/** What a rule expects in one place, when the token alone says too little. */
const PHRASES_IN_RULE: Readonly<Record<string, string | ((previous: IToken) => string)>> = {
  'step:Number': (previous) =>
    previous.image === 'hour' ? 'an hour offset such as 3 or -2' : 'a day offset such as 3 or -2',
  'expectation:Number': 'a day such as 3 or -2',
  'assignment:Number': 'a day such as 3 or -2',
  'cap:Number': 'a maximum such as 3',
  'cap:Word': 'what to count (messages, calls, retries or a channel)',
  'notifyAction:AnyString': 'a template name in quotes such as "reminder"',
  'callAction:AnyString': 'a call script in quotes such as "account-manager"',
  'taskAction:AnyString': 'a text in quotes (task "title" for "role")',
  'offerPlanAction:Number': 'a number of instalments such as 3',
  'predicate:Word': 'a value such as hard or soft',
  'outcome:Word': 'a segment name',
}

/** Messages that say it better whole. */
const WHOLE_MESSAGES: Readonly<Record<string, string>> = {
  'segment:Word': "'segment' needs a name, e.g. segment enterprise { … }",
  'policy:AnyString': '\'policy\' needs a name in quotes, e.g. policy "saas-default" { … }',
  'test:AnyString': '\'test\' needs a name in quotes, e.g. test "retries soft declines" { … }',
}

/** What a rule's alternatives are, for "expected … here" messages. */
const CHOICES: Readonly<Record<string, string>> = {
  action:
    'an action such as email "…", sms "…", retry payment, call "…", task "…" for "…", escalate to collections, offer payment plan, late fee or suspend subscription',
  predicate: 'a condition such as invoice.balance > 0',
  operand: 'a value such as invoice.balance, 3, "text", 50 USD, 7 days or [1, 2]',
  anchorPoint: "'due' or 'failure'",
  stepUnit: "'day' or 'hour'",
  outcome:
    'an outcome such as email "reminder", no retry payment, step "label", nothing, segment NAME, stopped or paused',
  assignment: 'a value such as "hard", 3, 50 USD or day 10',
  escalateAction: "'collections' or 'agency'",
  lateFeeAction: 'an amount such as 25 USD | 20 EUR, or a percentage such as 1.5%',
  accountAction: 'suspend subscription, cancel subscription, block changes or write off',
}

/** An example of each construct: the hint of an error inside it. */
const EXAMPLES: Readonly<Record<string, string>> = {
  file: 'policy "name" { … } followed by test "name" { … } blocks',
  policy: 'policy "saas-default" { currencies USD; segment everyone { day 3 email "reminder" } }',
  currencies: 'currencies USD, EUR',
  anchor: 'anchor due, or anchor failure',
  anchorPoint: 'due (the invoice due date) or failure (the first failed payment)',
  limits: 'limits { quiet hours 21:00 to 08:00; at most 3 messages per 7 days }',
  quietHours: 'quiet hours 21:00 to 08:00',
  cap: 'at most 3 messages per 7 days',
  stop: 'stop when invoice.balance <= 0',
  pause: 'pause when invoice.disputed',
  segment: 'segment enterprise when customer.plan == "enterprise" { day 3 email "reminder" }',
  step: 'day 3 email "reminder", or day 1, 3, 5 retry payment when …',
  action:
    'email "reminder", sms, email "final-notice", retry payment, call "script", escalate to collections',
  notifyAction: 'email "reminder", or notify sms, email "final-notice"',
  callAction: 'call "account-manager"',
  retryAction: 'retry payment, or retry payment using backup methods',
  taskAction: 'task "Review the account" for "credit-control"',
  escalateAction: 'escalate to collections, or escalate to agency "Acme Recoveries"',
  offerPlanAction: 'offer payment plan 3 instalments every 30 days',
  offerPartialAction: 'offer partial payment min 25%',
  lateFeeAction: 'late fee 25 USD | 20 EUR, or late fee 1.5%',
  accountAction: 'suspend subscription, cancel subscription, block changes, write off',
  expression: 'invoice.balance > 0 and not invoice.disputed',
  predicate:
    'invoice.amount_due > 5000 USD, customer.country in ["DE", "AT"], invoice.last_decline is hard',
  money: 'one amount per currency: 5000 USD | 4500 EUR',
  duration: '7 days, 12 hours',
  list: '["DE", "AT"]',
  parenthesized: '(a or b) and c',
  test: 'test "name" { given invoice.last_decline = "hard"; at day 0 expect email "update-card" }',
  given: 'given invoice.last_decline = "hard", customer.plan = "pro"',
  expectation: 'at day 3 expect email "reminder", no retry payment',
}

/** What each block holds, for stray words inside it. */
const BLOCK_CONTENTS: ReadonlyMap<TokenType, string> = new Map([
  [t.Policy, 'currencies, anchor, limits, stop, pause and segment items'],
  [t.Segment, 'steps such as day 3 email "reminder"'],
  [t.Limits, 'quiet hours … to … and at most … per … caps'],
  [t.Test, 'given … and at day N expect … lines'],
])

/** Words that start an item of some block: before one of them, a missing `}` is the likely slip. */
const ITEM_STARTS: readonly TokenType[] = [
  t.Policy,
  t.Test,
  t.Segment,
  t.Stop,
  t.Pause,
  t.Limits,
  t.Currencies,
  t.Anchor,
]

/** Words after which an operand is the start of a condition. */
const CONDITION_STARTS: readonly TokenType[] = [t.When, t.And, t.Or, t.Not, t.LParen]

/**
 * The grammar reads a condition's first value as an operand; the writer is writing a
 * condition there, and the message should say so.
 */
function startsCondition(ruleName: string, previous: IToken): boolean {
  return ruleName === 'operand' && CONDITION_STARTS.some((word) => tokenMatcher(previous, word))
}

function phraseInRule(key: string, previous: IToken): string | undefined {
  const phrase = PHRASES_IN_RULE[key]
  return typeof phrase === 'function' ? phrase(previous) : phrase
}

function describeToken(tokenType: TokenType): string {
  const phrase = TOKEN_PHRASES.get(tokenType)
  if (phrase !== undefined) return phrase
  return typeof tokenType.PATTERN === 'string' ? `'${tokenType.PATTERN}'` : tokenType.name
}

function isEnd(token: IToken | undefined): boolean {
  return token === undefined || token.tokenType === EOF || Number.isNaN(token.startOffset)
}

function found(actual: IToken): string {
  return isEnd(actual) ? ', but the text ends there' : `, found '${actual.image}'`
}

function after(previous: IToken): string {
  return isEnd(previous) || previous.image === '' ? ' at the start' : ` after '${previous.image}'`
}

/**
 * Chevrotain's error message provider, phrased from the grammar's point of view. It reads
 * the token vector to name the block a missing `}` belongs to.
 */
export class SyntaxMessages implements IParserErrorMessageProvider {
  private tokens: () => readonly IToken[] = () => []
  private lines: () => LineIndex = () => new LineIndex('')

  /** `tokens`: the tokens being parsed; `lines`: the line starts of their text. */
  readTokensFrom(tokens: () => readonly IToken[], lines: () => LineIndex): void {
    this.tokens = tokens
    this.lines = lines
  }

  buildMismatchTokenMessage(options: {
    expected: TokenType
    actual: IToken
    previous: IToken
    ruleName: string
  }): string {
    const { expected, actual, previous, ruleName } = options
    if (expected === t.RCurly) return this.unclosedBlock(actual, previous)
    const key = `${ruleName}:${expected.name}`
    const whole = WHOLE_MESSAGES[key]
    if (whole !== undefined) return whole
    const phrase = phraseInRule(key, previous) ?? describeToken(expected)
    return `expected ${phrase}${after(previous)}${found(actual)}`
  }

  buildNotAllInputParsedMessage(options: { firstRedundant: IToken; ruleName: string }): string {
    return `unexpected '${options.firstRedundant.image}' after the end of the file's last block`
  }

  buildNoViableAltMessage(options: {
    expectedPathsPerAlt: TokenType[][][]
    actual: IToken[]
    previous: IToken
    ruleName: string
  }): string {
    const { actual, previous } = options
    const first = actual[0]
    const ruleName = startsCondition(options.ruleName, previous) ? 'predicate' : options.ruleName
    const wanted = CHOICES[ruleName] ?? firstTokens(options.expectedPathsPerAlt)
    if (first !== undefined && first.tokenType === t.Identifier && ruleName === 'action') {
      return `unknown word '${first.image}': a step needs ${wanted}`
    }
    return `expected ${wanted}${after(previous)}${first === undefined ? '' : found(first)}`
  }

  buildEarlyExitMessage(options: {
    expectedIterationPaths: TokenType[][]
    actual: IToken[]
    previous: IToken
    ruleName: string
  }): string {
    const first = options.actual[0]
    const [only, ...others] = options.expectedIterationPaths.map((path) => path[0])
    const phrase =
      only === undefined || others.length > 0
        ? undefined
        : phraseInRule(`${options.ruleName}:${only.name}`, options.previous)
    const wanted = phrase ?? firstTokens([options.expectedIterationPaths])
    return `expected ${wanted}${after(options.previous)}${first === undefined ? '' : found(first)}`
  }

  /** `}` expected: either it was forgotten, or a stray word sits inside the block. */
  private unclosedBlock(actual: IToken, previous: IToken): string {
    const opener = this.openingBrace(previous)
    const block = opener === undefined ? 'the block' : this.describeBlock(opener)
    const where =
      opener === undefined
        ? ''
        : ` opened on line ${this.lines().position(opener.brace.startOffset).line}`
    if (isEnd(actual) || ITEM_STARTS.some((start) => tokenMatcher(actual, start))) {
      return `missing '}' to close ${block}${where}`
    }
    const contents = opener === undefined ? undefined : BLOCK_CONTENTS.get(opener.keyword.tokenType)
    const holds = contents === undefined ? '' : `, which holds ${contents}`
    return `'${actual.image}' does not belong in ${block}${where}${holds}; or a '}' is missing`
  }

  /** The unmatched `{` before `previous`, and the keyword that opened its block. */
  private openingBrace(previous: IToken): { brace: IToken; keyword: IToken } | undefined {
    const tokens = this.tokens()
    let depth = 0
    for (let i = indexOfToken(tokens, previous); i >= 0; i--) {
      const token = tokens[i]
      if (token === undefined) continue
      if (token.tokenType === t.RCurly) depth++
      else if (token.tokenType === t.LCurly && depth-- === 0) {
        const keyword = findBlockKeyword(tokens, i)
        return keyword === undefined ? undefined : { brace: token, keyword }
      }
    }
    return undefined
  }

  private describeBlock(opener: { keyword: IToken }): string {
    const name = this.tokens()[indexOfToken(this.tokens(), opener.keyword) + 1]
    const keyword = opener.keyword.image
    if (opener.keyword.tokenType === t.Limits || name === undefined) return keyword
    const named = tokenMatcher(name, t.AnyString) ? name.image : `'${name.image}'`
    return `${keyword} ${named}`
  }
}

/** The keyword (policy, segment, limits, test) whose `{` sits at `braceIndex`. */
function findBlockKeyword(tokens: readonly IToken[], braceIndex: number): IToken | undefined {
  for (let i = braceIndex - 1; i >= 0; i--) {
    const token = tokens[i]
    if (token === undefined || token.tokenType === t.LCurly || token.tokenType === t.RCurly)
      return undefined
    if (BLOCK_CONTENTS.has(token.tokenType)) return token
  }
  return undefined
}

/** Binary search by offset; -1 for a token before the first (or the end of input). */
function indexOfToken(tokens: readonly IToken[], token: IToken): number {
  if (isEnd(token)) return tokens.length - 1
  let low = 0
  let high = tokens.length - 1
  while (low <= high) {
    const mid = (low + high) >> 1
    const offset = tokens[mid]?.startOffset ?? 0
    if (offset === token.startOffset) return mid
    if (offset < token.startOffset) low = mid + 1
    else high = mid - 1
  }
  return high
}

function firstTokens(pathsPerAlt: TokenType[][][]): string {
  const seen = new Set<TokenType>()
  for (const paths of pathsPerAlt) for (const path of paths) if (path[0]) seen.add(path[0])
  const phrases = [...seen].map(describeToken)
  if (phrases.length <= 1) return phrases[0] ?? 'more'
  return `${phrases.slice(0, -1).join(', ')} or ${phrases[phrases.length - 1]}`
}

// ---------- errors → diagnostics ----------

/** Lexer errors: characters no token starts with. */
export function lexingDiagnostics(errors: readonly ILexingError[], lines: LineIndex): Diagnostic[] {
  return errors.map((error) => {
    const text = lines.text.slice(error.offset, error.offset + error.length)
    return {
      code: UNEXPECTED_CHARACTER,
      severity: 'error',
      message: `unexpected character${text.length > 1 ? 's' : ''} '${text}'`,
      hint: 'words are letters, digits and _; texts go in double quotes, e.g. "final-notice"; comments start with #',
      range: lines.range(error.offset, error.offset + error.length),
    }
  })
}

/** Unterminated texts: read as texts so the line still parses, reported here. */
export function unterminatedStringDiagnostics(
  tokens: readonly IToken[],
  lines: LineIndex,
): Diagnostic[] {
  const diagnostics: Diagnostic[] = []
  for (const token of tokens) {
    if (token.tokenType !== t.UnterminatedString) continue
    diagnostics.push({
      code: UNTERMINATED_STRING,
      severity: 'error',
      message: `the text ${token.image} is not closed: a '"' is missing before the end of the line`,
      hint: 'close the text on the same line, e.g. "final-notice"',
      range: lines.tokenRange(token),
    })
  }
  return diagnostics
}

/** Parser errors, one per place (recovery can report the same spot twice). */
export function parsingDiagnostics(
  errors: readonly IRecognitionException[],
  tokens: readonly IToken[],
  lines: LineIndex,
): Diagnostic[] {
  const diagnostics: Diagnostic[] = []
  const seen = new Set<number>()
  for (const error of errors) {
    const range = errorRange(error.token, tokens, lines)
    if (seen.has(range.offset)) continue
    seen.add(range.offset)
    const code = codeFor(error)
    const fix =
      code === UNKNOWN_WORD && error.context.ruleStack.includes('action')
        ? actionWordFixes(error.token.image, range)
        : {}
    // A typo of a known word deserves the word first, then the construct's example.
    const suggestion = fix.fixes?.[0]?.edits[0]?.text
    const example = hintFor(error.context.ruleStack)
    diagnostics.push({
      code,
      severity: 'error',
      message: error.message,
      hint: suggestion === undefined ? example : `did you mean '${suggestion}'? ${example}`,
      range,
      ...fix,
    })
  }
  return diagnostics
}

function codeFor(error: IRecognitionException): string {
  if (error.name === 'NotAllInputParsedException') return TRAILING_TEXT
  return error.token.tokenType === t.Identifier ? UNKNOWN_WORD : UNEXPECTED_TOKEN
}

/** The example of the innermost construct that has one (the file's, outside every rule). */
function hintFor(ruleStack: readonly string[]): string {
  for (let i = ruleStack.length - 1; i >= 0; i--) {
    const example = EXAMPLES[ruleStack[i] ?? '']
    if (example !== undefined) return `e.g. ${example}`
  }
  return `e.g. ${EXAMPLES.file}`
}

/** The offending token; at the end of input, the last token (or the empty text's start). */
function errorRange(token: IToken, tokens: readonly IToken[], lines: LineIndex): SourceRange {
  if (!isEnd(token)) return lines.tokenRange(token)
  const last = tokens[tokens.length - 1]
  return last === undefined ? lines.range(0, 0) : lines.tokenRange(last)
}
