import type { IToken, TokenType } from 'chevrotain'
import type { AccountOperation, Anchor } from '@dun/engine'
import type * as ast from './ast.js'
import type { Diagnostic } from './diagnostic.js'
import { INVALID_TIME, NOT_A_WHOLE_NUMBER } from './syntax-errors.js'
import {
  extentRange,
  readToken,
  real,
  type ConditionChain,
  type FileDraft,
  type OutcomeTarget,
  type PolicyDraft,
  type PredicateTail,
  type StepDraft,
  type TestDraft,
} from './drafts.js'
import { spanRange, type LineIndex } from './positions.js'
import type { SourceRange } from './source-range.js'
import * as t from './tokens.js'

/**
 * The AST's node builders, called by the grammar in `parser.ts` as it reads (so grammar and
 * construction stay apart). Chevrotain's recovery leaves tokens inserted out of thin air
 * and rules cut short; both are read as missing: an optional part becomes null, a node
 * without a required part is left out (null). Nothing is invented. The few checks a
 * token's text needs (whole numbers, valid times) are reported here, where the text is at
 * hand.
 *
 * The containers recovery can cut short (file, policy, test, step) are built from the
 * drafts (`drafts.ts`) the grammar fills as it reads.
 */

const DURATION_UNITS: ReadonlyMap<TokenType, ast.DurationUnit> = new Map([
  [t.Minute, 'minute'],
  [t.Minutes, 'minute'],
  [t.Hour, 'hour'],
  [t.Hours, 'hour'],
  [t.Day, 'day'],
  [t.Days, 'day'],
  [t.Week, 'week'],
  [t.Weeks, 'week'],
])

const ACCOUNT_OPERATIONS: ReadonlyMap<TokenType, AccountOperation> = new Map([
  [t.Suspend, 'suspend_subscription'],
  [t.Cancel, 'cancel_subscription'],
  [t.Block, 'block_changes'],
  [t.Write, 'write_off'],
])

/** Builds nodes for one parse; collects the diagnostics of token texts. */
export class AstBuilder {
  readonly diagnostics: Diagnostic[] = []

  /** `lines`: the line starts of the text the tokens were lexed from. */
  constructor(private readonly lines: LineIndex) {}

  /** From `first` to `last`, the tokens a rule started at and read last (null if none was real). */
  range(first: IToken, last: IToken): SourceRange | null {
    return this.lines.tokensRange(first, last)
  }

  file(draft: FileDraft, comments: readonly IToken[], range: SourceRange): ast.DunFile {
    return {
      kind: 'file',
      range,
      policy: draft.policy,
      tests: draft.tests,
      comments: comments.map((comment) => ({
        kind: 'comment',
        range: this.lines.tokenRange(comment),
        text: comment.image.slice(1),
      })),
    }
  }

  // ---------- policy ----------

  policy(draft: PolicyDraft): ast.Policy | null {
    const range = extentRange(draft, this.lines)
    if (range === null) return null
    const name = real(draft.name)
    return {
      kind: 'policy',
      range,
      name: name === undefined ? null : stringLiteral(this.lines, name),
      items: draft.items,
    }
  }

  currencies(range: SourceRange | null, codes: readonly IToken[]): ast.CurrenciesDecl | null {
    if (range === null) return null
    return { kind: 'currencies', range, currencies: names(this.lines, codes) }
  }

  anchorDecl(range: SourceRange | null, anchor: Anchor | null): ast.AnchorDecl | null {
    return range === null || anchor === null ? null : { kind: 'anchor', range, anchor }
  }

  limits(range: SourceRange | null, items: ast.LimitItem[]): ast.LimitsBlock | null {
    return range === null ? null : { kind: 'limits', range, items }
  }

  quietHours(
    range: SourceRange | null,
    startToken: IToken,
    endToken: IToken,
  ): ast.QuietHours | null {
    const start = real(startToken)
    const end = real(endToken)
    if (range === null || start === undefined || end === undefined) return null
    return { kind: 'quietHours', range, start: this.time(start), end: this.time(end) }
  }

  cap(
    range: SourceRange | null,
    maxToken: IToken,
    scopeToken: IToken,
    window: ast.DurationLiteral | null,
  ): ast.CapDecl | null {
    const max = real(maxToken)
    const scope = real(scopeToken)
    if (range === null || max === undefined || scope === undefined || window === null) return null
    return {
      kind: 'cap',
      range,
      max: this.wholeNumber(max),
      scope: nameOf(this.lines, scope),
      window,
    }
  }

  rule(
    kind: 'stop' | 'pause',
    range: SourceRange | null,
    when: ast.Expression | null,
  ): ast.StopRule | ast.PauseRule | null {
    return range === null || when === null ? null : { kind, range, when }
  }

  segment(
    range: SourceRange | null,
    nameToken: IToken,
    when: ast.Expression | null,
    anchor: ast.AnchorDecl | null,
    steps: ast.Step[],
  ): ast.Segment | null {
    const name = real(nameToken)
    if (range === null || name === undefined) return null
    return { kind: 'segment', range, name: nameOf(this.lines, name), when, anchor, steps }
  }

  // ---------- steps and actions ----------

  /** The step's `day` or `hour`, read into its draft. */
  stepUnit(draft: StepDraft, word: IToken | null): 'day' | 'hour' | null {
    const unit = readToken(draft, word ?? undefined)
    return unit === undefined ? null : unitOf(unit)
  }

  step(draft: StepDraft): ast.Step | null {
    const range = extentRange(draft, this.lines)
    const { unit, action } = draft
    if (range === null || unit === null || action === null) return null
    const label = real(draft.label)
    const at = real(draft.at)
    return {
      kind: 'step',
      range,
      unit,
      offsets: draft.offsets.map((offset) => ({
        kind: 'offset',
        range: this.lines.tokenRange(offset),
        value: this.wholeNumber(offset),
      })),
      at: at === undefined ? null : this.time(at),
      anchor: draft.anchor,
      action,
      label: label === undefined ? null : stringLiteral(this.lines, label),
      when: draft.when,
    }
  }

  notify(
    range: SourceRange | null,
    channels: readonly IToken[],
    template: IToken,
  ): ast.NotifyNode | null {
    if (range === null) return null
    return {
      kind: 'notify',
      range,
      channels: names(this.lines, channels),
      template: optionalString(this.lines, template),
    }
  }

  call(range: SourceRange | null, script: IToken): ast.CallNode | null {
    return range === null
      ? null
      : { kind: 'call', range, script: optionalString(this.lines, script) }
  }

  retry(range: SourceRange | null, backup: IToken | undefined): ast.RetryNode | null {
    if (range === null) return null
    return { kind: 'retry', range, methods: real(backup) === undefined ? 'default' : 'backup' }
  }

  task(range: SourceRange | null, title: IToken, assignee: IToken): ast.TaskNode | null {
    if (range === null) return null
    return {
      kind: 'task',
      range,
      title: optionalString(this.lines, title),
      assignee: optionalString(this.lines, assignee),
    }
  }

  /** `to` is the token read after `escalate to` (collections or agency), `agency` its name. */
  escalate(
    range: SourceRange | null,
    to: IToken | undefined,
    agency: IToken | undefined,
  ): ast.EscalateNode | null {
    const target = real(to)
    if (range === null || target === undefined) return null
    return target.tokenType === t.Collections
      ? { kind: 'escalate', range, to: 'collections', agency: null }
      : { kind: 'escalate', range, to: 'agency', agency: optionalString(this.lines, agency) }
  }

  offerPlan(
    range: SourceRange | null,
    instalmentsToken: IToken,
    every: ast.DurationLiteral | null,
  ): ast.OfferPlanNode | null {
    const instalments = real(instalmentsToken)
    if (range === null || instalments === undefined) return null
    return { kind: 'offerPlan', range, instalments: this.wholeNumber(instalments), every }
  }

  offerPartial(
    range: SourceRange | null,
    percentToken: IToken | undefined,
  ): ast.OfferPartialNode | null {
    if (range === null) return null
    const percent = real(percentToken)
    return {
      kind: 'offerPartial',
      range,
      minimumPercent: percent === undefined ? null : percentValue(percent),
    }
  }

  lateFee(
    range: SourceRange | null,
    fee: ast.MoneyLiteral | ast.PercentLiteral | null,
  ): ast.LateFeeNode | null {
    return range === null || fee === null ? null : { kind: 'lateFee', range, fee }
  }

  /** `first` is the word that names the operation (suspend, cancel, block, write). */
  account(range: SourceRange | null, first: IToken): ast.AccountNode | null {
    const operation = ACCOUNT_OPERATIONS.get(first.tokenType)
    return range === null || operation === undefined ? null : { kind: 'account', range, operation }
  }

  // ---------- expressions ----------

  /** `not` read before an expression: from the `not` to the end of what it negates. */
  not(not: IToken, operand: ast.Expression | null): ast.Expression | null {
    const first = real(not)
    if (first === undefined || operand === null) return operand
    return { kind: 'not', range: spanRange(this.lines.tokenRange(first), operand.range), operand }
  }

  /**
   * `and` binds tighter than `or`, both chain to the left: `a or b and c` is `a or (b and c)`.
   * A missing term leaves the whole condition missing.
   */
  condition(chain: ConditionChain): ast.Expression | null {
    const { terms, operators } = chain
    let or: ast.Expression | null = null
    let and = terms[0] ?? null
    for (let i = 0; i < operators.length; i++) {
      const next = terms[i + 1] ?? null
      if (and === null || next === null) return null
      if (operators[i] === 'and') {
        and = logic('and', and, next)
      } else {
        or = or === null ? and : logic('or', or, and)
        and = next
      }
    }
    if (and === null) return null
    return or === null ? and : logic('or', or, and)
  }

  predicate(
    range: SourceRange | null,
    subject: ast.Operand | null,
    tail: PredicateTail | null,
  ): ast.Expression | null {
    if (range === null || subject === null) return null
    if (tail === null) return subject
    switch (tail.kind) {
      case 'compare': {
        const operator = real(tail.operator)
        if (operator === undefined || tail.right === null) return null
        const op = operator.image as ast.ComparisonOperator
        return { kind: 'compare', range, operator: op, left: subject, right: tail.right }
      }
      case 'in':
        return tail.list === null
          ? null
          : { kind: 'in', range, negated: tail.negated, subject, list: tail.list }
      case 'contains':
        return tail.item === null ? null : { kind: 'contains', range, subject, item: tail.item }
      case 'is': {
        const value = real(tail.value)
        return value === undefined
          ? null
          : { kind: 'is', range, negated: tail.negated, subject, value: nameOf(this.lines, value) }
      }
    }
  }

  /** A one-token operand: number, text, true, false or percentage. */
  literal(token: IToken): ast.Operand | null {
    if (real(token) === undefined) return null
    switch (token.tokenType) {
      case t.NumberLiteral:
        return numberLiteral(this.lines, token)
      case t.StringLiteral:
      case t.UnterminatedString:
        return stringLiteral(this.lines, token)
      case t.True:
      case t.False:
        return {
          kind: 'boolean',
          range: this.lines.tokenRange(token),
          value: token.tokenType === t.True,
        }
      case t.Percent:
        return percentLiteral(this.lines, token)
      default:
        return null
    }
  }

  parens(range: SourceRange | null, expression: ast.Expression | null): ast.Parenthesized | null {
    return range === null || expression === null ? null : { kind: 'parens', range, expression }
  }

  path(first: IToken, words: readonly IToken[]): ast.FactPath | null {
    if (real(first) === undefined) return null
    // Sized once: paths are the most common node, and a growing array over-allocates.
    const segments = new Array<ast.Name>(1 + words.length)
    segments[0] = nameOf(this.lines, first)
    let count = 1
    let textLength = first.image.length
    for (const word of words) {
      if (real(word) === undefined) continue
      segments[count++] = nameOf(this.lines, word)
      textLength += 1 + word.image.length
    }
    if (count < segments.length) segments.length = count
    const range = spanRange(segments[0].range, segments[count - 1]!.range)
    return { kind: 'path', range, segments, text: this.pathText(range, textLength, segments) }
  }

  /**
   * The words joined by dots: the source's own text when the path is written without spaces
   * (one flat string, no concatenation), as paths nearly always are.
   */
  private pathText(range: SourceRange, textLength: number, segments: readonly ast.Name[]): string {
    if (range.length === textLength) {
      return this.lines.text.slice(range.offset, range.offset + range.length)
    }
    return segments.map((segment) => segment.text).join('.')
  }

  moneyAmount(numberToken: IToken, currencyToken: IToken): ast.MoneyAmount | null {
    const number = real(numberToken)
    const currency = real(currencyToken)
    if (number === undefined || currency === undefined) return null
    const range = this.lines.span(number, currency)
    return {
      kind: 'moneyAmount',
      range,
      amount: number.image,
      currency: nameOf(this.lines, currency),
    }
  }

  money(amounts: ast.MoneyAmount[]): ast.MoneyLiteral | null {
    const first = amounts[0]
    const last = amounts[amounts.length - 1]
    if (first === undefined || last === undefined) return null
    return { kind: 'money', range: spanRange(first.range, last.range), amounts }
  }

  duration(numberToken: IToken, unitToken: IToken): ast.DurationLiteral | null {
    const number = real(numberToken)
    const word = real(unitToken)
    const unit = word === undefined ? undefined : DURATION_UNITS.get(word.tokenType)
    if (number === undefined || word === undefined || unit === undefined) return null
    const range = this.lines.span(number, word)
    return { kind: 'duration', range, value: Number(number.image), unit }
  }

  list(range: SourceRange | null, items: ast.Operand[]): ast.ListLiteral | null {
    return range === null ? null : { kind: 'list', range, items }
  }

  // ---------- tests ----------

  test(draft: TestDraft): ast.TestBlock | null {
    const range = extentRange(draft, this.lines)
    if (range === null) return null
    const name = real(draft.name)
    return {
      kind: 'test',
      range,
      name: name === undefined ? null : stringLiteral(this.lines, name),
      givens: draft.givens,
      expectations: draft.expectations,
    }
  }

  given(
    range: SourceRange | null,
    path: ast.FactPath | null,
    value: ast.Operand | ast.RelativeDay | null,
  ): ast.Given | null {
    if (range === null || path === null || value === null) return null
    return { kind: 'given', range, path, value }
  }

  relativeDay(dayToken: IToken, numberToken: IToken): ast.RelativeDay | null {
    const day = real(dayToken)
    const number = real(numberToken)
    if (day === undefined || number === undefined) return null
    return {
      kind: 'relativeDay',
      range: this.lines.span(day, number),
      day: this.wholeNumber(number),
    }
  }

  expectation(
    range: SourceRange | null,
    unitToken: IToken | null,
    offsetToken: IToken,
    atToken: IToken | undefined,
    outcomes: ast.ExpectedOutcome[],
  ): ast.Expectation | null {
    const offset = real(offsetToken)
    const unit = unitToken === null ? null : unitOf(unitToken)
    if (range === null || unit === null || offset === undefined) return null
    const at = real(atToken)
    return {
      kind: 'expectation',
      range,
      unit,
      offset: this.wholeNumber(offset),
      at: at === undefined ? null : this.time(at),
      outcomes,
    }
  }

  outcome(range: SourceRange | null, target: OutcomeTarget | null): ast.ExpectedOutcome | null {
    if (range === null || target === null) return null
    const negated = target.kind === 'no' && real(target.no) !== undefined
    const read = target.kind === 'no' ? target.target : target
    switch (read.kind) {
      case 'action':
        return read.action === null
          ? null
          : { kind: 'expectAction', range, negated, action: read.action }
      case 'step': {
        const step = real(read.step)
        return step === undefined
          ? null
          : { kind: 'expectStep', range, negated, step: stringLiteral(this.lines, step) }
      }
      case 'segment': {
        const segment = real(read.name)
        return segment === undefined
          ? null
          : { kind: 'expectSegment', range, segment: nameOf(this.lines, segment) }
      }
      case 'word':
        return expectWord(range, read.word)
      case 'no':
        return null
    }
  }

  // ---------- token texts ----------

  /** A number that must be whole; a fraction is reported and kept as written. */
  private wholeNumber(number: IToken): number {
    // A number token is digits with an optional sign and fraction: whole without a '.'.
    if (number.image.includes('.')) {
      this.diagnostics.push({
        code: NOT_A_WHOLE_NUMBER,
        severity: 'error',
        message: `'${number.image}' must be a whole number here`,
        hint: 'days, hours, instalments and caps count whole units, e.g. 3',
        range: this.lines.tokenRange(number),
      })
    }
    return Number(number.image)
  }

  private time(time: IToken): ast.TimeOfDay {
    const [hours = 0, minutes = 0] = time.image.split(':').map(Number)
    if (hours > 23 || minutes > 59) {
      this.diagnostics.push({
        code: INVALID_TIME,
        severity: 'error',
        message: `'${time.image}' is not a time of day`,
        hint: 'use a 24-hour time from 00:00 to 23:59, e.g. 21:00',
        range: this.lines.tokenRange(time),
      })
    }
    return {
      kind: 'timeOfDay',
      range: this.lines.tokenRange(time),
      hours,
      minutes,
      text: time.image,
    }
  }
}

/** `due` or `failure` as an anchor, or null for a missing word. */
export function anchorOf(word: IToken): Anchor | null {
  if (real(word) === undefined) return null
  if (word.tokenType === t.Due) return 'due'
  return word.tokenType === t.Failure ? 'failure' : null
}

/** `day` or `hour` as a step unit, or null for a missing word. */
function unitOf(word: IToken): 'day' | 'hour' | null {
  if (real(word) === undefined) return null
  if (word.tokenType === t.Day) return 'day'
  return word.tokenType === t.Hour ? 'hour' : null
}

function logic(kind: 'and' | 'or', left: ast.Expression, right: ast.Expression): ast.BinaryLogic {
  return { kind, range: spanRange(left.range, right.range), left, right }
}

function nameOf(lines: LineIndex, word: IToken): ast.Name {
  return { kind: 'name', range: lines.tokenRange(word), text: word.image }
}

/** The real tokens' names (recovery rarely inserts one into a list). */
function names(lines: LineIndex, tokens: readonly IToken[]): ast.Name[] {
  const result: ast.Name[] = []
  for (const token of tokens) if (real(token) !== undefined) result.push(nameOf(lines, token))
  return result
}

function optionalString(lines: LineIndex, token: IToken | undefined): ast.StringLiteral | null {
  const text = real(token)
  return text === undefined ? null : stringLiteral(lines, text)
}

/** The text between the quotes, escapes resolved (an unterminated text ends at the line). */
function stringLiteral(lines: LineIndex, text: IToken): ast.StringLiteral {
  const image = text.image
  const closed = text.tokenType === t.StringLiteral
  const body = image.slice(1, closed ? -1 : undefined)
  const value = body.includes('\\') ? body.replace(/\\(.?)/g, '$1') : body
  return { kind: 'string', range: lines.tokenRange(text), value }
}

function numberLiteral(lines: LineIndex, number: IToken): ast.NumberLiteral {
  return {
    kind: 'number',
    range: lines.tokenRange(number),
    value: Number(number.image),
    text: number.image,
  }
}

function percentValue(percent: IToken): number {
  return Number(percent.image.slice(0, -1))
}

function percentLiteral(lines: LineIndex, percent: IToken): ast.PercentLiteral {
  return { kind: 'percent', range: lines.tokenRange(percent), value: percentValue(percent) }
}

/** `nothing`, `stopped` or `paused`: an outcome of one word. */
function expectWord(range: SourceRange, word: IToken): ast.ExpectedOutcome | null {
  if (real(word) === undefined) return null
  switch (word.tokenType) {
    case t.Nothing:
      return { kind: 'expectNothing', range }
    case t.Stopped:
      return { kind: 'expectStatus', range, status: 'stopped' }
    case t.Paused:
      return { kind: 'expectStatus', range, status: 'paused' }
    default:
      return null
  }
}
