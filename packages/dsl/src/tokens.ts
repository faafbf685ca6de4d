import { createToken, Lexer, type ILexingResult, type IToken, type TokenType } from 'chevrotain'

/**
 * The vocabulary of the Dun language. The lexer, the parser, completion and the editor's
 * highlighting are all generated from this one list, so they can never disagree.
 */

/** What a token is, for highlighting and semantic tokens. */
export type TokenClass =
  | 'keyword'
  | 'channel'
  | 'action'
  | 'unit'
  | 'operator'
  | 'literal'
  | 'identifier'
  | 'punctuation'
  | 'comment'

// ---------- categories (match no text themselves) ----------

/** Any word: names after a dot and segment names may be keywords (`customer.plan`, `segment payment`). */
export const Word = createToken({ name: 'Word', pattern: Lexer.NA })
/** `email`, `sms`, `letter`, `webhook`, `in_app`. */
export const Channel = createToken({ name: 'Channel', pattern: Lexer.NA })
/** `minute(s)`, `hour(s)`, `day(s)`, `week(s)`. */
export const DurationUnit = createToken({ name: 'DurationUnit', pattern: Lexer.NA })
/** `==`, `!=`, `<`, `<=`, `>`, `>=`. */
export const CompareOperator = createToken({ name: 'CompareOperator', pattern: Lexer.NA })
/** A quoted text, terminated or not (an unterminated one is reported, and still read). */
export const AnyString = createToken({ name: 'AnyString', pattern: Lexer.NA })

export const Identifier = createToken({
  name: 'Identifier',
  pattern: /[a-zA-Z_][a-zA-Z0-9_]*/,
  categories: [Word],
})

const classes = new Map<TokenType, TokenClass>()
const words: TokenType[] = []
const wordsByText = new Map<string, TokenType>()

/**
 * A reserved word. Words that are a prefix of an identifier stay identifiers (`invoice`).
 * Its pattern and `longer_alt` say what it matches; the lexers below read it as an
 * Identifier and then look the whole word up (`classify`), which matches the same.
 */
function word(text: string, tokenClass: TokenClass, ...categories: TokenType[]): TokenType {
  const name = text
    .split('_')
    .map((part) => part.charAt(0).toUpperCase() + part.slice(1))
    .join('')
  const token = createToken({
    name,
    pattern: text,
    longer_alt: Identifier,
    categories: [Word, ...categories],
  })
  classes.set(token, tokenClass)
  words.push(token)
  wordsByText.set(text, token)
  return token
}

// ---------- structure ----------
export const Policy = word('policy', 'keyword')
export const Currencies = word('currencies', 'keyword')
export const Anchor = word('anchor', 'keyword')
export const Due = word('due', 'keyword')
export const Failure = word('failure', 'keyword')
export const Limits = word('limits', 'keyword')
export const Quiet = word('quiet', 'keyword')
export const To = word('to', 'keyword')
export const At = word('at', 'keyword')
export const Most = word('most', 'keyword')
export const Per = word('per', 'keyword')
export const Stop = word('stop', 'keyword')
export const Pause = word('pause', 'keyword')
export const When = word('when', 'keyword')
export const Segment = word('segment', 'keyword')
export const From = word('from', 'keyword')
export const As = word('as', 'keyword')
export const Test = word('test', 'keyword')
export const Given = word('given', 'keyword')
export const Expect = word('expect', 'keyword')
export const No = word('no', 'keyword')
export const Step = word('step', 'keyword')
export const Nothing = word('nothing', 'keyword')
export const Stopped = word('stopped', 'keyword')
export const Paused = word('paused', 'keyword')

// ---------- actions (the words that start one, then their companions) ----------
export const Notify = word('notify', 'action')
export const Call = word('call', 'action')
export const Retry = word('retry', 'action')
export const Task = word('task', 'action')
export const Escalate = word('escalate', 'action')
export const Offer = word('offer', 'action')
export const Late = word('late', 'action')
export const Suspend = word('suspend', 'action')
export const Cancel = word('cancel', 'action')
export const Block = word('block', 'action')
export const Write = word('write', 'action')
export const Payment = word('payment', 'keyword')
export const Using = word('using', 'keyword')
export const Backup = word('backup', 'keyword')
export const Methods = word('methods', 'keyword')
export const For = word('for', 'keyword')
export const Collections = word('collections', 'keyword')
export const Agency = word('agency', 'keyword')
export const Plan = word('plan', 'keyword')
export const Instalments = word('instalments', 'keyword')
export const Every = word('every', 'keyword')
export const Partial = word('partial', 'keyword')
export const Min = word('min', 'keyword')
export const Fee = word('fee', 'keyword')
export const Subscription = word('subscription', 'keyword')
export const Changes = word('changes', 'keyword')
export const Off = word('off', 'keyword')

// ---------- channels ----------
export const Email = word('email', 'channel', Channel)
export const Sms = word('sms', 'channel', Channel)
export const Letter = word('letter', 'channel', Channel)
export const Webhook = word('webhook', 'channel', Channel)
export const InApp = word('in_app', 'channel', Channel)

// ---------- duration units (`day` and `hour` also start steps) ----------
export const Minute = word('minute', 'unit', DurationUnit)
export const Minutes = word('minutes', 'unit', DurationUnit)
export const Hour = word('hour', 'unit', DurationUnit)
export const Hours = word('hours', 'unit', DurationUnit)
export const Day = word('day', 'unit', DurationUnit)
export const Days = word('days', 'unit', DurationUnit)
export const Week = word('week', 'unit', DurationUnit)
export const Weeks = word('weeks', 'unit', DurationUnit)

// ---------- logic ----------
export const Or = word('or', 'operator')
export const And = word('and', 'operator')
export const Not = word('not', 'operator')
export const In = word('in', 'operator')
export const Contains = word('contains', 'operator')
export const Is = word('is', 'operator')

export const True = word('true', 'literal')
export const False = word('false', 'literal')

// ---------- literals ----------
/** An ISO 4217 code: three capital letters (`USD`). Also a word, so `segment VIP` works. */
export const Currency = createToken({
  name: 'Currency',
  pattern: /[A-Z]{3}/,
  longer_alt: Identifier,
  categories: [Word],
})
export const Time = createToken({ name: 'Time', pattern: /\d\d?:\d\d/ })
export const Percent = createToken({ name: 'Percent', pattern: /-?\d+(?:\.\d+)?%/ })
export const NumberLiteral = createToken({ name: 'Number', pattern: /-?\d+(?:\.\d+)?/ })
export const StringLiteral = createToken({
  name: 'String',
  pattern: /"(?:[^"\\\r\n]|\\.)*"/,
  categories: [AnyString],
})
/** A string cut by the end of the line: read as a string so the rest of the line still parses. */
export const UnterminatedString = createToken({
  name: 'UnterminatedString',
  pattern: /"(?:[^"\\\r\n]|\\.)*\\?/,
  categories: [AnyString],
})

// ---------- operators and punctuation ----------
function symbol(name: string, text: string, tokenClass: TokenClass, ...categories: TokenType[]) {
  const token = createToken({ name, pattern: text, categories })
  classes.set(token, tokenClass)
  return token
}
export const Equal = symbol('Equal', '==', 'operator', CompareOperator)
export const NotEqual = symbol('NotEqual', '!=', 'operator', CompareOperator)
export const LessEqual = symbol('LessEqual', '<=', 'operator', CompareOperator)
export const GreaterEqual = symbol('GreaterEqual', '>=', 'operator', CompareOperator)
export const Less = symbol('Less', '<', 'operator', CompareOperator)
export const Greater = symbol('Greater', '>', 'operator', CompareOperator)
export const Assign = symbol('Assign', '=', 'operator')
export const Pipe = symbol('Pipe', '|', 'operator')
export const Comma = symbol('Comma', ',', 'punctuation')
export const Dot = symbol('Dot', '.', 'punctuation')
export const Semicolon = symbol('Semicolon', ';', 'punctuation')
export const LParen = symbol('LParen', '(', 'punctuation')
export const RParen = symbol('RParen', ')', 'punctuation')
export const LBracket = symbol('LBracket', '[', 'punctuation')
export const RBracket = symbol('RBracket', ']', 'punctuation')
export const LCurly = symbol('LCurly', '{', 'punctuation')
export const RCurly = symbol('RCurly', '}', 'punctuation')

export const Comment = createToken({ name: 'Comment', pattern: /#[^\r\n]*/, group: 'comments' })
export const Whitespace = createToken({
  name: 'Whitespace',
  pattern: /[ \t\r\n]+/,
  group: Lexer.SKIPPED,
  line_breaks: true,
})

for (const literal of [Currency, Time, Percent, NumberLiteral, StringLiteral, UnterminatedString]) {
  classes.set(literal, 'literal')
}
classes.set(Identifier, 'identifier')
classes.set(Comment, 'comment')

/**
 * Every token, in the order a Chevrotain lexer over all their patterns reads correctly:
 * longer words before their prefixes (`in_app` before `in`, `days` before `day`), words
 * before Identifier, times and percents before numbers. The parser's vocabulary; the
 * lexers below read the same tokens with fewer patterns (tested equal).
 */
export const allTokens: readonly TokenType[] = [
  Whitespace,
  Comment,
  ...[...words].sort((a, b) => String(b.PATTERN).length - String(a.PATTERN).length),
  Currency,
  Identifier,
  Time,
  Percent,
  NumberLiteral,
  StringLiteral,
  UnterminatedString,
  Equal,
  NotEqual,
  LessEqual,
  GreaterEqual,
  Less,
  Greater,
  Assign,
  Pipe,
  Comma,
  Dot,
  Semicolon,
  LParen,
  RParen,
  LBracket,
  RBracket,
  LCurly,
  RCurly,
  // Categories last: they match nothing, the parser needs to know them.
  Word,
  Channel,
  DurationUnit,
  CompareOperator,
  AnyString,
]

/** The class of a concrete token type (categories have none). */
export function tokenClass(tokenType: TokenType): TokenClass | undefined {
  return classes.get(tokenType)
}

/** The reserved words and their classes, e.g. for a Monarch grammar. */
export const reservedWords: readonly { readonly text: string; readonly tokenClass: TokenClass }[] =
  words.map((token) => ({
    text: String(token.PATTERN),
    tokenClass: classes.get(token) ?? 'keyword',
  }))

/** Three capital letters: what `Currency` matches when no other word character follows. */
function isCurrencyCode(image: string): boolean {
  if (image.length !== 3) return false
  for (let i = 0; i < 3; i++) {
    const code = image.charCodeAt(i)
    if (code < 65 || code > 90) return false
  }
  return true
}

/** The reserved word or currency code an Identifier's text is, if any. */
function wordType(image: string): TokenType | undefined {
  return wordsByText.get(image) ?? (isCurrencyCode(image) ? Currency : undefined)
}

/**
 * What the lexers read for Time, Percent and Number at once: one pattern instead of three
 * tried in turn on every number. Time's alternative comes first, as Time does in
 * `allTokens`, and the second ends in `%` exactly when Percent would have matched.
 */
const Numeral = createToken({ name: 'Numeral', pattern: /\d\d?:\d\d|-?\d+(?:\.\d+)?%?/ })

function numeralType(image: string): TokenType {
  if (image.includes(':')) return Time
  return image.endsWith('%') ? Percent : NumberLiteral
}

/**
 * Gives each Identifier that is a reserved word or a currency code its own type (what the
 * words' patterns with `longer_alt: Identifier` match, since both take the whole word), and
 * each Numeral the type of number it is.
 */
function classify(tokens: readonly IToken[]): void {
  for (const token of tokens) {
    const read = token.tokenType
    let type: TokenType | undefined
    if (read === Identifier) type = wordType(token.image)
    else if (read === Numeral) type = numeralType(token.image)
    if (type === undefined) continue
    token.tokenType = type
    token.tokenTypeIdx = type.tokenTypeIdx as number
  }
}

/**
 * The patterns the lexers try: every token but the reserved words and Currency, read as
 * Identifiers, and the numbers, read as Numerals, then classified. A word then costs one
 * pattern, not one per reserved word sharing its first letter plus the Identifier its
 * `longer_alt` tries again.
 */
const lexedTokens = allTokens.flatMap((token) => {
  if (token === Time) return [Numeral]
  const classified = token === Currency || token === Percent || token === NumberLiteral
  return classified || words.includes(token) ? [] : [token]
})

/** A Chevrotain lexer over `lexedTokens` that classifies the words it read. */
class WordLexer {
  private readonly lexer: Lexer

  constructor(positionTracking: 'full' | 'onlyOffset') {
    this.lexer = new Lexer([...lexedTokens], { positionTracking, ensureOptimizations: true })
  }

  tokenize(text: string): ILexingResult {
    const result = this.lexer.tokenize(text)
    classify(result.tokens)
    return result
  }
}

/** The lexer with every position a token has (lines, columns, ends): for the editor's services. */
export const DunLexer = new WordLexer('full')

/**
 * The lexer `parse` reads with: tokens carry their start offset and text only. Lines and
 * columns come from a `LineIndex` built once per text: having the lexer track them costs
 * more than the rest of lexing.
 */
export const OffsetLexer = new WordLexer('onlyOffset')
