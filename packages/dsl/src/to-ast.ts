import type { CstElement, CstNode, IToken, TokenType } from 'chevrotain'
import type { AccountOperation, Anchor } from '@dun/engine'
import type * as ast from './ast.js'
import type { Diagnostic } from './diagnostic.js'
import { INVALID_TIME, NOT_A_WHOLE_NUMBER } from './syntax-errors.js'
import { locationRange, spanRange, tokenRange } from './positions.js'
import type { SourceRange } from './source-range.js'
import * as t from './tokens.js'

/**
 * CST → AST. Chevrotain's recovery leaves partial nodes and tokens inserted out of thin air;
 * both are read as missing: an optional part becomes null, a node without a required part
 * is left out. Nothing is invented. The few checks a token's text needs (whole numbers,
 * valid times) are reported here, where the text is at hand.
 */

type Children = Record<string, CstElement[] | undefined>

const isNode = (element: CstElement): element is CstNode => 'children' in element

/** A real token under `key` (inserted ones are not). */
function token(children: Children, key: string, index = 0): IToken | undefined {
  const element = children[key]?.[index]
  if (element === undefined || isNode(element) || element.isInsertedInRecovery === true)
    return undefined
  return element
}

const NONE: readonly never[] = []

/** The real tokens under `key`; copies only when recovery inserted one (rare). */
function tokens(children: Children, key: string): readonly IToken[] {
  // A key holds tokens or nodes, never both: `key` names a token type here.
  const found = (children[key] ?? NONE) as IToken[]
  return found.some((token) => token.isInsertedInRecovery === true)
    ? found.filter((token) => token.isInsertedInRecovery !== true)
    : found
}

function child(children: Children, key: string, index = 0): CstNode | undefined {
  const element = children[key]?.[index]
  return element !== undefined && isNode(element) ? element : undefined
}

function children(children: Children, key: string): readonly CstNode[] {
  // A key holds tokens or nodes, never both: `key` names a rule here.
  return (children[key] ?? NONE) as CstNode[]
}

/** The one alternative a rule made of alternatives holds (without allocating). */
function onlyChild(children: Children): CstElement | undefined {
  for (const key in children) return children[key]?.[0]
  return undefined
}

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

const WHOLE_NUMBER = /^-?\d+$/

/** Converts one CST; collects the diagnostics of token texts. */
export class AstBuilder {
  readonly diagnostics: Diagnostic[] = []

  file(cst: CstNode, comments: readonly IToken[], range: SourceRange): ast.DunFile {
    const policyNode = child(cst.children, 'policy')
    return {
      kind: 'file',
      range,
      policy: policyNode === undefined ? null : this.policy(policyNode),
      tests: this.all(children(cst.children, 'test'), (node) => this.test(node)),
      comments: comments.map((comment) => ({
        kind: 'comment',
        range: tokenRange(comment),
        text: comment.image.slice(1),
      })),
    }
  }

  // ---------- policy ----------

  private policy(node: CstNode): ast.Policy | null {
    const range = locationRange(node.location)
    if (range === null) return null
    const name = token(node.children, 'name')
    return {
      kind: 'policy',
      range,
      name: name === undefined ? null : stringLiteral(name),
      items: this.all(children(node.children, 'policyItem'), (item) => this.policyItem(item)),
    }
  }

  private policyItem(node: CstNode): ast.PolicyItem | null {
    const item = onlyChild(node.children)
    if (item === undefined || !isNode(item)) return null
    switch (item.name) {
      case 'currencies':
        return this.currencies(item)
      case 'anchor':
        return this.anchorDecl(item)
      case 'limits':
        return this.limits(item)
      case 'stop':
      case 'pause':
        return this.rule(item, item.name)
      case 'segment':
        return this.segment(item)
      default:
        return null
    }
  }

  private currencies(node: CstNode): ast.CurrenciesDecl | null {
    const range = locationRange(node.location)
    if (range === null) return null
    return { kind: 'currencies', range, currencies: tokens(node.children, 'Currency').map(nameOf) }
  }

  private anchorDecl(node: CstNode): ast.AnchorDecl | null {
    const range = locationRange(node.location)
    const point = child(node.children, 'anchorPoint')
    const anchor = point === undefined ? null : anchorOf(point)
    return range === null || anchor === null ? null : { kind: 'anchor', range, anchor }
  }

  private limits(node: CstNode): ast.LimitsBlock | null {
    const range = locationRange(node.location)
    if (range === null) return null
    const items = this.all(children(node.children, 'limitItem'), (item) => {
      const quiet = child(item.children, 'quietHours')
      if (quiet !== undefined) return this.quietHours(quiet)
      const cap = child(item.children, 'cap')
      return cap === undefined ? null : this.cap(cap)
    })
    return { kind: 'limits', range, items }
  }

  private quietHours(node: CstNode): ast.QuietHours | null {
    const range = locationRange(node.location)
    const start = token(node.children, 'start')
    const end = token(node.children, 'end')
    if (range === null || start === undefined || end === undefined) return null
    return { kind: 'quietHours', range, start: this.time(start), end: this.time(end) }
  }

  private cap(node: CstNode): ast.CapDecl | null {
    const range = locationRange(node.location)
    const max = token(node.children, 'max')
    const scope = token(node.children, 'scope')
    const durationNode = child(node.children, 'duration')
    const window = durationNode === undefined ? null : this.duration(durationNode)
    if (range === null || max === undefined || scope === undefined || window === null) return null
    return { kind: 'cap', range, max: this.wholeNumber(max), scope: nameOf(scope), window }
  }

  private rule(node: CstNode, kind: 'stop' | 'pause'): ast.StopRule | ast.PauseRule | null {
    const range = locationRange(node.location)
    const when = this.optionalExpression(node)
    return range === null || when === null ? null : { kind, range, when }
  }

  private segment(node: CstNode): ast.Segment | null {
    const range = locationRange(node.location)
    const name = token(node.children, 'name')
    if (range === null || name === undefined) return null
    const anchorNode = child(node.children, 'anchor')
    return {
      kind: 'segment',
      range,
      name: nameOf(name),
      when: this.optionalExpression(node),
      anchor: anchorNode === undefined ? null : this.anchorDecl(anchorNode),
      steps: this.all(children(node.children, 'step'), (step) => this.step(step)),
    }
  }

  // ---------- steps and actions ----------

  private step(node: CstNode): ast.Step | null {
    const range = locationRange(node.location)
    const unit = this.stepUnit(child(node.children, 'stepUnit'))
    const actionNode = child(node.children, 'action')
    const action = actionNode === undefined ? null : this.action(actionNode)
    if (range === null || unit === null || action === null) return null
    const at = token(node.children, 'Time')
    const anchorPoint = child(node.children, 'anchorPoint')
    const label = token(node.children, 'label')
    return {
      kind: 'step',
      range,
      unit,
      offsets: tokens(node.children, 'offset').map((offset) => ({
        kind: 'offset',
        range: tokenRange(offset),
        value: this.wholeNumber(offset),
      })),
      at: at === undefined ? null : this.time(at),
      anchor: anchorPoint === undefined ? null : anchorOf(anchorPoint),
      action,
      label: label === undefined ? null : stringLiteral(label),
      when: this.optionalExpression(node),
    }
  }

  private stepUnit(node: CstNode | undefined): 'day' | 'hour' | null {
    if (node === undefined) return null
    if (token(node.children, 'Day') !== undefined) return 'day'
    return token(node.children, 'Hour') === undefined ? null : 'hour'
  }

  private action(node: CstNode): ast.ActionNode | null {
    const action = onlyChild(node.children)
    if (action === undefined || !isNode(action)) return null
    const range = locationRange(action.location)
    if (range === null) return null
    const c = action.children
    switch (action.name) {
      case 'notifyAction':
        return {
          kind: 'notify',
          range,
          channels: tokens(c, 'Channel').map(nameOf),
          template: optionalString(c, 'template'),
        }
      case 'callAction':
        return { kind: 'call', range, script: optionalString(c, 'script') }
      case 'retryAction':
        return {
          kind: 'retry',
          range,
          methods: token(c, 'Backup') === undefined ? 'default' : 'backup',
        }
      case 'taskAction':
        return {
          kind: 'task',
          range,
          title: optionalString(c, 'title'),
          assignee: optionalString(c, 'assignee'),
        }
      case 'escalateAction':
        return this.escalate(c, range)
      case 'offerPlanAction':
        return this.offerPlan(c, range)
      case 'offerPartialAction': {
        const percent = token(c, 'Percent')
        return {
          kind: 'offerPartial',
          range,
          minimumPercent: percent === undefined ? null : percentValue(percent),
        }
      }
      case 'lateFeeAction':
        return this.lateFee(c, range)
      case 'accountAction':
        return this.account(c, range)
      default:
        return null
    }
  }

  private escalate(c: Children, range: SourceRange): ast.EscalateNode | null {
    if (token(c, 'Collections') !== undefined)
      return { kind: 'escalate', range, to: 'collections', agency: null }
    if (token(c, 'Agency') === undefined) return null
    return { kind: 'escalate', range, to: 'agency', agency: optionalString(c, 'agency') }
  }

  private offerPlan(c: Children, range: SourceRange): ast.OfferPlanNode | null {
    const instalments = token(c, 'instalments')
    if (instalments === undefined) return null
    const every = child(c, 'duration')
    return {
      kind: 'offerPlan',
      range,
      instalments: this.wholeNumber(instalments),
      every: every === undefined ? null : this.duration(every),
    }
  }

  private lateFee(c: Children, range: SourceRange): ast.LateFeeNode | null {
    const percent = token(c, 'Percent')
    const moneyNode = child(c, 'money')
    const fee =
      percent !== undefined
        ? percentLiteral(percent)
        : moneyNode === undefined
          ? null
          : this.money(moneyNode)
    return fee === null ? null : { kind: 'lateFee', range, fee }
  }

  private account(c: Children, range: SourceRange): ast.AccountNode | null {
    for (const [tokenType, operation] of ACCOUNT_OPERATIONS) {
      if (token(c, tokenType.name) !== undefined) return { kind: 'account', range, operation }
    }
    return null
  }

  // ---------- expressions ----------

  /** The `expression` child of a node (`… when <expression>`), or null. */
  private optionalExpression(node: CstNode): ast.Expression | null {
    const expression = child(node.children, 'expression')
    return expression === undefined ? null : this.expression(expression)
  }

  private expression(node: CstNode): ast.Expression | null {
    return this.chain(children(node.children, 'andExpression'), 'or', (n) => this.andExpression(n))
  }

  private andExpression(node: CstNode): ast.Expression | null {
    return this.chain(children(node.children, 'notExpression'), 'and', (n) => this.notExpression(n))
  }

  /** `a or b or c` → `(a or b) or c`; a missing side leaves the whole chain missing. */
  private chain(
    nodes: readonly CstNode[],
    kind: 'and' | 'or',
    convert: (node: CstNode) => ast.Expression | null,
  ): ast.Expression | null {
    let result: ast.Expression | null = null
    for (const node of nodes) {
      const next = convert(node)
      if (next === null) return null
      result =
        result === null
          ? next
          : { kind, range: spanRange(result.range, next.range), left: result, right: next }
    }
    return result
  }

  private notExpression(node: CstNode): ast.Expression | null {
    const inner = child(node.children, 'notExpression')
    if (inner === undefined) {
      const predicate = child(node.children, 'predicate')
      return predicate === undefined ? null : this.predicate(predicate)
    }
    const range = locationRange(node.location)
    const operand = this.notExpression(inner)
    return range === null || operand === null ? null : { kind: 'not', range, operand }
  }

  private predicate(node: CstNode): ast.Expression | null {
    const c = node.children
    const range = locationRange(node.location)
    const subjectNode = child(c, 'subject')
    const subject = subjectNode === undefined ? null : this.operand(subjectNode)
    if (range === null || subject === null) return null
    const operator = token(c, 'CompareOperator')
    if (operator !== undefined) {
      const right = this.optionalOperand(c, 'right')
      const op = operator.image as ast.ComparisonOperator
      return right === null ? null : { kind: 'compare', range, operator: op, left: subject, right }
    }
    if (c.In !== undefined) {
      const listNode = child(c, 'list')
      const list = listNode === undefined ? null : this.list(listNode)
      const negated = token(c, 'Not') !== undefined
      return list === null ? null : { kind: 'in', range, negated, subject, list }
    }
    if (c.Contains !== undefined) {
      const item = this.optionalOperand(c, 'item')
      return item === null ? null : { kind: 'contains', range, subject, item }
    }
    if (c.Is !== undefined) {
      const value = token(c, 'value')
      const negated = token(c, 'Not') !== undefined
      return value === undefined
        ? null
        : { kind: 'is', range, negated, subject, value: nameOf(value) }
    }
    return subject
  }

  private optionalOperand(c: Children, key: string): ast.Operand | null {
    const node = child(c, key)
    return node === undefined ? null : this.operand(node)
  }

  private operand(node: CstNode): ast.Operand | null {
    const element = onlyChild(node.children)
    if (element === undefined) return null
    if (isNode(element)) return this.compoundOperand(element)
    if (element.isInsertedInRecovery === true) return null
    switch (element.tokenType) {
      case t.NumberLiteral:
        return numberLiteral(element)
      case t.StringLiteral:
      case t.UnterminatedString:
        return stringLiteral(element)
      case t.True:
      case t.False:
        return { kind: 'boolean', range: tokenRange(element), value: element.tokenType === t.True }
      case t.Percent:
        return percentLiteral(element)
      default:
        return null
    }
  }

  private compoundOperand(node: CstNode): ast.Operand | null {
    switch (node.name) {
      case 'money':
        return this.money(node)
      case 'duration':
        return this.duration(node)
      case 'path':
        return this.path(node)
      case 'list':
        return this.list(node)
      case 'parenthesized': {
        const range = locationRange(node.location)
        const expression = this.optionalExpression(node)
        return range === null || expression === null ? null : { kind: 'parens', range, expression }
      }
      default:
        return null
    }
  }

  private path(node: CstNode): ast.FactPath | null {
    const first = token(node.children, 'Identifier')
    if (first === undefined) return null
    const head = nameOf(first)
    const segments = [head, ...tokens(node.children, 'Word').map(nameOf)]
    const last = segments[segments.length - 1] ?? head
    return {
      kind: 'path',
      range: spanRange(head.range, last.range),
      segments,
      text: segments.map((segment) => segment.text).join('.'),
    }
  }

  private money(node: CstNode): ast.MoneyLiteral | null {
    const amounts: ast.MoneyAmount[] = []
    for (const amountNode of children(node.children, 'moneyAmount')) {
      const number = token(amountNode.children, 'Number')
      const currency = token(amountNode.children, 'Currency')
      if (number === undefined || currency === undefined) continue
      const range = spanRange(tokenRange(number), tokenRange(currency))
      amounts.push({ kind: 'moneyAmount', range, amount: number.image, currency: nameOf(currency) })
    }
    const first = amounts[0]
    const last = amounts[amounts.length - 1]
    if (first === undefined || last === undefined) return null
    return { kind: 'money', range: spanRange(first.range, last.range), amounts }
  }

  private duration(node: CstNode): ast.DurationLiteral | null {
    const number = token(node.children, 'Number')
    const unitToken = token(node.children, 'DurationUnit')
    const unit = unitToken === undefined ? undefined : DURATION_UNITS.get(unitToken.tokenType)
    if (number === undefined || unitToken === undefined || unit === undefined) return null
    const range = spanRange(tokenRange(number), tokenRange(unitToken))
    return { kind: 'duration', range, value: Number(number.image), unit }
  }

  private list(node: CstNode): ast.ListLiteral | null {
    const range = locationRange(node.location)
    if (range === null) return null
    return {
      kind: 'list',
      range,
      items: this.all(children(node.children, 'operand'), (n) => this.operand(n)),
    }
  }

  // ---------- tests ----------

  private test(node: CstNode): ast.TestBlock | null {
    const range = locationRange(node.location)
    if (range === null) return null
    const name = token(node.children, 'name')
    const givens: ast.Given[] = []
    const expectations: ast.Expectation[] = []
    for (const item of children(node.children, 'testItem')) {
      const given = child(item.children, 'given')
      if (given !== undefined) {
        for (const assignment of children(given.children, 'assignment')) {
          const converted = this.given(assignment)
          if (converted !== null) givens.push(converted)
        }
      }
      const expectation = child(item.children, 'expectation')
      const converted = expectation === undefined ? null : this.expectation(expectation)
      if (converted !== null) expectations.push(converted)
    }
    return {
      kind: 'test',
      range,
      name: name === undefined ? null : stringLiteral(name),
      givens,
      expectations,
    }
  }

  private given(node: CstNode): ast.Given | null {
    const range = locationRange(node.location)
    const pathNode = child(node.children, 'path')
    const path = pathNode === undefined ? null : this.path(pathNode)
    const value = this.givenValue(node)
    if (range === null || path === null || value === null) return null
    return { kind: 'given', range, path, value }
  }

  private givenValue(node: CstNode): ast.Operand | ast.RelativeDay | null {
    const day = token(node.children, 'Day')
    if (day === undefined) return this.optionalOperand(node.children, 'operand')
    const number = token(node.children, 'day')
    if (number === undefined) return null
    return {
      kind: 'relativeDay',
      range: spanRange(tokenRange(day), tokenRange(number)),
      day: this.wholeNumber(number),
    }
  }

  private expectation(node: CstNode): ast.Expectation | null {
    const range = locationRange(node.location)
    const unit = this.stepUnit(child(node.children, 'stepUnit'))
    const offset = token(node.children, 'offset')
    if (range === null || unit === null || offset === undefined) return null
    const at = token(node.children, 'Time')
    return {
      kind: 'expectation',
      range,
      unit,
      offset: this.wholeNumber(offset),
      at: at === undefined ? null : this.time(at),
      outcomes: this.all(children(node.children, 'outcome'), (outcome) => this.outcome(outcome)),
    }
  }

  private outcome(node: CstNode): ast.ExpectedOutcome | null {
    const c = node.children
    const range = locationRange(node.location)
    if (range === null) return null
    const negated = token(c, 'No') !== undefined
    const actionNode = child(c, 'action')
    if (actionNode !== undefined) {
      const action = this.action(actionNode)
      return action === null ? null : { kind: 'expectAction', range, negated, action }
    }
    const step = token(c, 'step')
    if (step !== undefined) return { kind: 'expectStep', range, negated, step: stringLiteral(step) }
    if (token(c, 'Nothing') !== undefined) return { kind: 'expectNothing', range }
    const segment = token(c, 'segment')
    if (segment !== undefined) return { kind: 'expectSegment', range, segment: nameOf(segment) }
    if (token(c, 'Stopped') !== undefined) return { kind: 'expectStatus', range, status: 'stopped' }
    if (token(c, 'Paused') !== undefined) return { kind: 'expectStatus', range, status: 'paused' }
    return null
  }

  // ---------- token texts ----------

  /** A number that must be whole; a fraction is reported and kept as written. */
  private wholeNumber(number: IToken): number {
    if (!WHOLE_NUMBER.test(number.image)) {
      this.diagnostics.push({
        code: NOT_A_WHOLE_NUMBER,
        severity: 'error',
        message: `'${number.image}' must be a whole number here`,
        hint: 'days, hours, instalments and caps count whole units, e.g. 3',
        range: tokenRange(number),
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
        range: tokenRange(time),
      })
    }
    return { kind: 'timeOfDay', range: tokenRange(time), hours, minutes, text: time.image }
  }

  /** Converts each node, leaving out those that come back missing. */
  private all<T>(nodes: readonly CstNode[], convert: (node: CstNode) => T | null): T[] {
    const converted: T[] = []
    for (const node of nodes) {
      const value = convert(node)
      if (value !== null) converted.push(value)
    }
    return converted
  }
}

function anchorOf(point: CstNode): Anchor | null {
  if (token(point.children, 'Due') !== undefined) return 'due'
  return token(point.children, 'Failure') === undefined ? null : 'failure'
}

function nameOf(word: IToken): ast.Name {
  return { kind: 'name', range: tokenRange(word), text: word.image }
}

function optionalString(c: Children, key: string): ast.StringLiteral | null {
  const text = token(c, key)
  return text === undefined ? null : stringLiteral(text)
}

/** The text between the quotes, escapes resolved (an unterminated text ends at the line). */
function stringLiteral(text: IToken): ast.StringLiteral {
  const image = text.image
  const closed = text.tokenType === t.StringLiteral
  const body = image.slice(1, closed ? -1 : undefined)
  const value = body.includes('\\') ? body.replace(/\\(.?)/g, '$1') : body
  return { kind: 'string', range: tokenRange(text), value }
}

function numberLiteral(number: IToken): ast.NumberLiteral {
  return {
    kind: 'number',
    range: tokenRange(number),
    value: Number(number.image),
    text: number.image,
  }
}

function percentValue(percent: IToken): number {
  return Number(percent.image.slice(0, -1))
}

function percentLiteral(percent: IToken): ast.PercentLiteral {
  return { kind: 'percent', range: tokenRange(percent), value: percentValue(percent) }
}
