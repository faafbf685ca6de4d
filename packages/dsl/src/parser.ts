import { EmbeddedActionsParser, tokenMatcher, type IRuleConfig, type IToken } from 'chevrotain'
import type * as ast from './ast.js'
import { LineIndex } from './positions.js'
import type { SourceRange } from './source-range.js'
import { SyntaxMessages } from './syntax-errors.js'
import {
  fileDraft,
  policyDraft,
  readNode,
  readPart,
  readToken,
  stepDraft,
  testDraft,
  type ConditionChain,
  type FileDraft,
  type OutcomeTarget,
  type PolicyDraft,
  type PredicateTail,
  type StepDraft,
  type TestDraft,
} from './drafts.js'
import { AstBuilder, anchorOf } from './to-ast.js'
import * as t from './tokens.js'

/**
 * While Chevrotain records the grammar (in the constructor), rules run on placeholder
 * tokens and results: this builder builds nothing, so rules need no `ACTION` wrappers (each
 * one a closure per call). Reading tokens into drafts is harmless then too.
 */
const RECORDING = new Proxy({}, { get: () => () => null }) as AstBuilder

const NO_TOKENS: readonly IToken[] = []

const RECOVERED_AS_NULL: IRuleConfig<null> = { recoveryValueFunc: () => null }

/**
 * The grammar of LANGUAGE.md, rule for rule, building the AST as it reads (Chevrotain's
 * embedded actions: no CST, no node location tracking). The nodes come from the builders
 * in `to-ast.ts`; ranges run from a rule's first token to the last one it read.
 * `recoveryEnabled` gives the editor a partial tree and several errors per keystroke: a
 * rule that recovers returns null, except the containers (file, policy, test, step), which
 * return what they had read from their drafts.
 *
 * Rules are class properties (a mistyped rule name does not compile). Each `OR` reads its
 * alternatives from a field built once (Chevrotain's advice): a literal array would
 * allocate an object and a closure per alternative on every call. For the same reason no
 * `CONSUME` has a `LABEL` option: labels name CST children, which this parser does not build.
 */
export class DunParser extends EmbeddedActionsParser {
  /** Builds nothing while the constructor records the grammar (see `RECORDING`). */
  private build: AstBuilder = RECORDING
  // The containers being read; none of them nests in itself.
  private fileInProgress: FileDraft = fileDraft()
  private policyInProgress: PolicyDraft = policyDraft()
  private testInProgress: TestDraft = testDraft()
  private stepInProgress: StepDraft = stepDraft()
  /** The line starts of the text being read. */
  private lines = new LineIndex('')

  /**
   * `validateGrammar`: run Chevrotain's checks of the grammar (ambiguities, left recursion…)
   * while analysing it. A test does; the shared parser skips them, they only slow start-up.
   */
  constructor({ validateGrammar = false }: { validateGrammar?: boolean } = {}) {
    const messages = new SyntaxMessages()
    super([...t.allTokens], {
      recoveryEnabled: true,
      errorMessageProvider: messages,
      skipValidations: !validateGrammar,
    })
    messages.readTokensFrom(
      () => this.input,
      () => this.lines,
    )
    this.performSelfAnalysis()
  }

  /**
   * Reads `tokens`, lexed from the text `lines` indexes, with a fresh builder (its
   * diagnostics are the token texts' problems).
   */
  read(tokens: IToken[], lines: LineIndex): { file: FileDraft; builder: AstBuilder } {
    this.lines = lines
    this.build = new AstBuilder(lines)
    this.input = tokens
    return { file: this.file(), builder: this.build }
  }

  /**
   * A rule that returns null when it recovers (Chevrotain's default is undefined, which the
   * AST never holds).
   */
  private rule<F extends () => unknown>(name: string, implementation: F) {
    return this.RULE(name, implementation, RECOVERED_AS_NULL as IRuleConfig<ReturnType<F>>)
  }

  /** The range from `first` to the last token read. */
  private rangeFrom(first: IToken): SourceRange | null {
    return this.build.range(first, this.LA(0))
  }

  public file = this.RULE(
    'file',
    (): FileDraft => {
      const draft = (this.fileInProgress = fileDraft())
      draft.policy = this.SUBRULE(this.policy)
      this.MANY(() => {
        const test = this.SUBRULE(this.test)
        if (test !== null) draft.tests.push(test)
      })
      return draft
    },
    { recoveryValueFunc: () => this.fileInProgress },
  )

  public policy = this.RULE(
    'policy',
    (): ast.Policy | null => {
      const draft = (this.policyInProgress = policyDraft())
      readToken(draft, this.CONSUME(t.Policy))
      draft.name = readToken(draft, this.CONSUME(t.AnyString))
      readToken(draft, this.CONSUME(t.LCurly))
      this.MANY(() => {
        readNode(draft, draft.items, this.SUBRULE(this.policyItem))
        this.OPTION(() => this.CONSUME(t.Semicolon))
      })
      readToken(draft, this.CONSUME(t.RCurly))
      return this.build.policy(draft)
    },
    { recoveryValueFunc: () => this.build.policy(this.policyInProgress) },
  )

  public policyItem = this.rule('policyItem', (): ast.PolicyItem | null =>
    this.OR(this.policyItemAlternatives),
  )

  private readonly policyItemAlternatives = [
    { ALT: () => this.SUBRULE(this.currencies) },
    { ALT: () => this.SUBRULE(this.anchor) },
    { ALT: () => this.SUBRULE(this.limits) },
    { ALT: () => this.SUBRULE(this.stop) },
    { ALT: () => this.SUBRULE(this.pause) },
    { ALT: () => this.SUBRULE(this.segment) },
  ]

  public currencies = this.rule('currencies', (): ast.CurrenciesDecl | null => {
    const first = this.CONSUME(t.Currencies)
    const codes: IToken[] = []
    this.AT_LEAST_ONE_SEP({ SEP: t.Comma, DEF: () => codes.push(this.CONSUME(t.Currency)) })
    return this.build.currencies(this.rangeFrom(first), codes)
  })

  public anchor = this.rule('anchor', (): ast.AnchorDecl | null => {
    const first = this.CONSUME(t.Anchor)
    const point = this.SUBRULE(this.anchorPoint)
    return this.build.anchorDecl(this.rangeFrom(first), point)
  })

  /** `due` or `failure`: what step days count from. */
  public anchorPoint = this.rule('anchorPoint', (): ast.AnchorDecl['anchor'] | null => {
    const word = this.OR(this.anchorPointAlternatives)
    return anchorOf(word)
  })

  private readonly anchorPointAlternatives = [
    { ALT: () => this.CONSUME(t.Due) },
    { ALT: () => this.CONSUME(t.Failure) },
  ]

  public limits = this.rule('limits', (): ast.LimitsBlock | null => {
    const first = this.CONSUME(t.Limits)
    this.CONSUME(t.LCurly)
    const items: ast.LimitItem[] = []
    this.MANY(() => {
      const item = this.SUBRULE(this.limitItem)
      if (item !== null) items.push(item)
      this.OPTION(() => this.CONSUME(t.Semicolon))
    })
    this.CONSUME(t.RCurly)
    return this.build.limits(this.rangeFrom(first), items)
  })

  public limitItem = this.rule('limitItem', (): ast.LimitItem | null =>
    this.OR(this.limitItemAlternatives),
  )

  private readonly limitItemAlternatives = [
    { ALT: () => this.SUBRULE(this.quietHours) },
    { ALT: () => this.SUBRULE(this.cap) },
  ]

  public quietHours = this.rule('quietHours', (): ast.QuietHours | null => {
    const first = this.CONSUME(t.Quiet)
    this.CONSUME(t.Hours)
    const start = this.CONSUME(t.Time)
    this.CONSUME(t.To)
    const end = this.CONSUME2(t.Time)
    return this.build.quietHours(this.rangeFrom(first), start, end)
  })

  public cap = this.rule('cap', (): ast.CapDecl | null => {
    const first = this.CONSUME(t.At)
    this.CONSUME(t.Most)
    const max = this.CONSUME(t.NumberLiteral)
    const scope = this.CONSUME(t.Word)
    this.CONSUME(t.Per)
    const window = this.SUBRULE(this.duration)
    return this.build.cap(this.rangeFrom(first), max, scope, window)
  })

  public stop = this.rule('stop', (): ast.StopRule | ast.PauseRule | null => {
    const first = this.CONSUME(t.Stop)
    this.CONSUME(t.When)
    const when = this.SUBRULE(this.expression)
    return this.build.rule('stop', this.rangeFrom(first), when)
  })

  public pause = this.rule('pause', (): ast.StopRule | ast.PauseRule | null => {
    const first = this.CONSUME(t.Pause)
    this.CONSUME(t.When)
    const when = this.SUBRULE(this.expression)
    return this.build.rule('pause', this.rangeFrom(first), when)
  })

  public segment = this.rule('segment', (): ast.Segment | null => {
    const first = this.CONSUME(t.Segment)
    const name = this.CONSUME(t.Word)
    const when = this.OPTION(() => {
      this.CONSUME(t.When)
      return this.SUBRULE(this.expression)
    })
    this.CONSUME(t.LCurly)
    const anchor = this.OPTION2(() => {
      const decl = this.SUBRULE(this.anchor)
      this.OPTION3(() => this.CONSUME(t.Semicolon))
      return decl
    })
    const steps: ast.Step[] = []
    this.MANY(() => {
      const step = this.SUBRULE(this.step)
      if (step !== null) steps.push(step)
      this.OPTION4(() => this.CONSUME2(t.Semicolon))
    })
    this.CONSUME(t.RCurly)
    return this.build.segment(this.rangeFrom(first), name, when ?? null, anchor ?? null, steps)
  })

  /**
   * A step's parts go into `stepInProgress`. Its optional parts are read by functions built
   * once (fields below) rather than closures built on every step: steps are most of a
   * policy, and those closures were a good part of the parser's garbage.
   */
  public step = this.RULE(
    'step',
    (): ast.Step | null => {
      const draft = (this.stepInProgress = stepDraft())
      draft.unit = this.build.stepUnit(draft, this.SUBRULE(this.stepUnit))
      this.AT_LEAST_ONE_SEP(this.stepOffsets)
      this.OPTION(this.stepTime)
      this.OPTION2(this.stepAnchor)
      draft.action = readPart(draft, this.SUBRULE(this.action))
      this.OPTION3(this.stepLabel)
      this.OPTION4(this.stepGuard)
      return this.build.step(draft)
    },
    { recoveryValueFunc: () => this.build.step(this.stepInProgress) },
  )

  private readonly stepOffsets = {
    SEP: t.Comma,
    DEF: () => {
      const draft = this.stepInProgress
      const offset = readToken(draft, this.CONSUME(t.NumberLiteral))
      if (offset !== undefined) draft.offsets.push(offset)
    },
  }

  private readonly stepTime = () => {
    readToken(this.stepInProgress, this.CONSUME(t.At))
    this.stepInProgress.at = readToken(this.stepInProgress, this.CONSUME(t.Time))
  }

  private readonly stepAnchor = () => {
    readToken(this.stepInProgress, this.CONSUME(t.From))
    this.stepInProgress.anchor = this.SUBRULE(this.anchorPoint)
  }

  private readonly stepLabel = () => {
    readToken(this.stepInProgress, this.CONSUME(t.As))
    this.stepInProgress.label = readToken(this.stepInProgress, this.CONSUME(t.AnyString))
  }

  private readonly stepGuard = () => {
    readToken(this.stepInProgress, this.CONSUME(t.When))
    this.stepInProgress.when = readPart(this.stepInProgress, this.SUBRULE(this.expression))
  }

  /** `day` or `hour`, in steps and expectations: the word read, or null when missing. */
  public stepUnit = this.rule('stepUnit', (): IToken | null => this.OR(this.stepUnitAlternatives))

  private readonly stepUnitAlternatives = [
    { ALT: () => this.CONSUME(t.Day) },
    { ALT: () => this.CONSUME(t.Hour) },
  ]

  // ---------- actions ----------

  public action = this.rule('action', (): ast.ActionNode | null => this.OR(this.actionAlternatives))

  private readonly actionAlternatives = [
    { ALT: () => this.SUBRULE(this.notifyAction) },
    { ALT: () => this.SUBRULE(this.callAction) },
    { ALT: () => this.SUBRULE(this.retryAction) },
    { ALT: () => this.SUBRULE(this.taskAction) },
    { ALT: () => this.SUBRULE(this.escalateAction) },
    { ALT: () => this.SUBRULE(this.offerPlanAction) },
    { ALT: () => this.SUBRULE(this.offerPartialAction) },
    { ALT: () => this.SUBRULE(this.lateFeeAction) },
    { ALT: () => this.SUBRULE(this.accountAction) },
  ]

  /**
   * Notifications are most steps' action: the channels go into a list the builder copies,
   * read by functions built once (notifications do not nest).
   */
  public notifyAction = this.rule('notifyAction', (): ast.NotifyNode | null => {
    const first = this.LA(1)
    this.OPTION(this.readNotify)
    this.channels.length = 0
    this.AT_LEAST_ONE_SEP(this.readChannels)
    const template = this.CONSUME(t.AnyString)
    return this.build.notify(this.rangeFrom(first), this.channels, template)
  })

  private readonly readNotify = () => this.CONSUME(t.Notify)
  private readonly channels: IToken[] = []
  private readonly readChannels = {
    SEP: t.Comma,
    DEF: () => this.channels.push(this.CONSUME(t.Channel)),
  }

  public callAction = this.rule('callAction', (): ast.CallNode | null => {
    const first = this.CONSUME(t.Call)
    const script = this.CONSUME(t.AnyString)
    return this.build.call(this.rangeFrom(first), script)
  })

  public retryAction = this.rule('retryAction', (): ast.RetryNode | null => {
    const first = this.CONSUME(t.Retry)
    this.CONSUME(t.Payment)
    const backup = this.OPTION(() => {
      this.CONSUME(t.Using)
      const word = this.CONSUME(t.Backup)
      this.CONSUME(t.Methods)
      return word
    })
    return this.build.retry(this.rangeFrom(first), backup)
  })

  public taskAction = this.rule('taskAction', (): ast.TaskNode | null => {
    const first = this.CONSUME(t.Task)
    const title = this.CONSUME(t.AnyString)
    this.CONSUME(t.For)
    const assignee = this.CONSUME2(t.AnyString)
    return this.build.task(this.rangeFrom(first), title, assignee)
  })

  /** The name of the agency, read by the `agency` alternative (escalations do not nest). */
  private agencyName: IToken | undefined

  public escalateAction = this.rule('escalateAction', (): ast.EscalateNode | null => {
    const first = this.CONSUME(t.Escalate)
    this.CONSUME(t.To)
    this.agencyName = undefined
    const to = this.OR(this.escalateActionAlternatives)
    return this.build.escalate(this.rangeFrom(first), to, this.agencyName)
  })

  private readonly escalateActionAlternatives = [
    { ALT: () => this.CONSUME(t.Collections) },
    {
      ALT: () => {
        const agency = this.CONSUME(t.Agency)
        this.agencyName = this.OPTION(() => this.CONSUME(t.AnyString))
        return agency
      },
    },
  ]

  public offerPlanAction = this.rule('offerPlanAction', (): ast.OfferPlanNode | null => {
    const first = this.CONSUME(t.Offer)
    this.CONSUME(t.Payment)
    this.CONSUME(t.Plan)
    const instalments = this.CONSUME(t.NumberLiteral)
    this.CONSUME(t.Instalments)
    const every = this.OPTION(() => {
      this.CONSUME(t.Every)
      return this.SUBRULE(this.duration)
    })
    return this.build.offerPlan(this.rangeFrom(first), instalments, every ?? null)
  })

  public offerPartialAction = this.rule('offerPartialAction', (): ast.OfferPartialNode | null => {
    const first = this.CONSUME(t.Offer)
    this.CONSUME(t.Partial)
    this.CONSUME(t.Payment)
    const percent = this.OPTION(() => {
      this.CONSUME(t.Min)
      return this.CONSUME(t.Percent)
    })
    return this.build.offerPartial(this.rangeFrom(first), percent)
  })

  public lateFeeAction = this.rule('lateFeeAction', (): ast.LateFeeNode | null => {
    const first = this.CONSUME(t.Late)
    this.CONSUME(t.Fee)
    const fee = this.OR(this.lateFeeActionAlternatives)
    return this.build.lateFee(this.rangeFrom(first), fee)
  })

  private readonly lateFeeActionAlternatives = [
    { ALT: () => this.SUBRULE(this.money) },
    { ALT: () => this.literal(this.CONSUME(t.Percent)) as ast.PercentLiteral | null },
  ]

  public accountAction = this.rule('accountAction', (): ast.AccountNode | null => {
    const first = this.OR(this.accountActionAlternatives)
    return this.build.account(this.rangeFrom(first), first)
  })

  private readonly accountActionAlternatives = [
    {
      ALT: () => {
        const first = this.CONSUME(t.Suspend)
        this.CONSUME(t.Subscription)
        return first
      },
    },
    {
      ALT: () => {
        const first = this.CONSUME(t.Cancel)
        this.CONSUME2(t.Subscription)
        return first
      },
    },
    {
      ALT: () => {
        const first = this.CONSUME(t.Block)
        this.CONSUME(t.Changes)
        return first
      },
    },
    {
      ALT: () => {
        const first = this.CONSUME(t.Write)
        this.CONSUME(t.Off)
        return first
      },
    },
  ]

  // ---------- expressions ----------

  /**
   * Conditions: terms joined by `and` and `or`, each term negated by any number of `not`s.
   * One flat rule (precedence is the builder's: `and` before `or`), so a plain `a == b` is
   * three rules deep (expression, predicate, operand), not six.
   */
  public expression = this.rule('expression', (): ast.Expression | null => {
    const first = this.negatedPredicate(1)
    // Most conditions are one term: the chain is made only when an `and` or `or` follows.
    let chain: ConditionChain | undefined
    this.MANY(() => {
      const operator = this.OR(this.logicAlternatives)
      const term = this.negatedPredicate(2)
      chain ??= { terms: [first], operators: [] }
      chain.operators.push(operator.tokenType === t.And ? 'and' : 'or')
      chain.terms.push(term)
    })
    return chain === undefined ? first : this.build.condition(chain)
  })

  private readonly logicAlternatives = [
    { ALT: () => this.CONSUME(t.And) },
    { ALT: () => this.CONSUME(t.Or) },
  ]

  /** The `not`s before a predicate: taken right after they are read, before anything else. */
  private readonly nots: IToken[] = []
  private readonly readNot1 = () => this.nots.push(this.CONSUME1(t.Not))
  private readonly readNot2 = () => this.nots.push(this.CONSUME2(t.Not))

  /** `not`* predicate (`occurrence` tells its two places in `expression` apart). */
  private negatedPredicate(occurrence: 1 | 2): ast.Expression | null {
    this.many(occurrence, occurrence === 1 ? this.readNot1 : this.readNot2)
    const nots = this.nots.length === 0 ? NO_TOKENS : this.nots.splice(0)
    let term = this.subrule(occurrence, this.predicate)
    for (let i = nots.length - 1; i >= 0; i--) term = this.build.not(nots[i]!, term)
    return term
  }

  public predicate = this.rule('predicate', (): ast.Expression | null => {
    const first = this.LA(1)
    const subject = this.SUBRULE(this.operand)
    const tail = this.OPTION(this.predicateTail)
    return this.build.predicate(this.rangeFrom(first), subject, tail ?? null)
  })

  private readonly predicateTail = () => this.OR(this.predicateAlternatives)

  private readonly predicateAlternatives = [
    {
      ALT: (): PredicateTail => {
        const operator = this.CONSUME(t.CompareOperator)
        const right = this.SUBRULE2(this.operand)
        return { kind: 'compare', operator, right }
      },
    },
    {
      ALT: (): PredicateTail => {
        const not = this.OPTION2(() => this.CONSUME(t.Not))
        this.CONSUME(t.In)
        const list = this.SUBRULE(this.list)
        return { kind: 'in', negated: not !== undefined, list }
      },
    },
    {
      ALT: (): PredicateTail => {
        this.CONSUME(t.Contains)
        const item = this.SUBRULE3(this.operand)
        return { kind: 'contains', item }
      },
    },
    {
      ALT: (): PredicateTail => {
        this.CONSUME(t.Is)
        const not = this.OPTION3(() => this.CONSUME2(t.Not))
        const value = this.CONSUME(t.Word)
        return { kind: 'is', negated: not !== undefined, value }
      },
    },
  ]

  public operand = this.rule('operand', (): ast.Operand | null => this.OR(this.operandAlternatives))

  /**
   * Operands that start with a number have their own `OR`: the duration's `GATE` makes
   * Chevrotain collect every alternative's predicate on each call, which only numbers need
   * to pay for.
   */
  private readonly operandAlternatives = [
    { ALT: () => this.OR2(this.numberOperandAlternatives) },
    { ALT: () => this.SUBRULE(this.path) },
    { ALT: () => this.literal(this.CONSUME(t.AnyString)) },
    { ALT: () => this.literal(this.CONSUME(t.True)) },
    { ALT: () => this.literal(this.CONSUME(t.False)) },
    { ALT: () => this.literal(this.CONSUME(t.Percent)) },
    { ALT: () => this.SUBRULE(this.list) },
    { ALT: () => this.SUBRULE(this.parenthesized) },
  ]

  private readonly numberOperandAlternatives = [
    { ALT: () => this.SUBRULE(this.money) },
    { GATE: () => this.unitFollows(), ALT: () => this.SUBRULE(this.duration) },
    { ALT: () => this.literal(this.CONSUME(t.NumberLiteral)) },
  ]

  private literal(token: IToken): ast.Operand | null {
    return this.build.literal(token)
  }

  /**
   * Paths are the most common node: the words after the dots go into a list the builder
   * copies, read by a function built once (paths do not nest).
   */
  public path = this.rule('path', (): ast.FactPath | null => {
    const first = this.CONSUME(t.Identifier)
    this.pathWords.length = 0
    this.MANY(this.readPathWord)
    return this.build.path(first, this.pathWords)
  })

  private readonly pathWords: IToken[] = []
  private readonly readPathWord = () => {
    this.CONSUME(t.Dot)
    this.pathWords.push(this.CONSUME(t.Word))
  }

  public money = this.rule('money', (): ast.MoneyLiteral | null => {
    const amounts: ast.MoneyAmount[] = []
    this.AT_LEAST_ONE_SEP({
      SEP: t.Pipe,
      DEF: () => {
        const amount = this.SUBRULE(this.moneyAmount)
        if (amount !== null) amounts.push(amount)
      },
    })
    return this.build.money(amounts)
  })

  public moneyAmount = this.rule('moneyAmount', (): ast.MoneyAmount | null => {
    const number = this.CONSUME(t.NumberLiteral)
    const currency = this.CONSUME(t.Currency)
    return this.build.moneyAmount(number, currency)
  })

  public duration = this.rule('duration', (): ast.DurationLiteral | null => {
    const number = this.CONSUME(t.NumberLiteral)
    const unit = this.CONSUME(t.DurationUnit)
    return this.build.duration(number, unit)
  })

  public list = this.rule('list', (): ast.ListLiteral | null => {
    const first = this.CONSUME(t.LBracket)
    const items: ast.Operand[] = []
    this.MANY_SEP({
      SEP: t.Comma,
      DEF: () => {
        const item = this.SUBRULE(this.operand)
        if (item !== null) items.push(item)
      },
    })
    this.CONSUME(t.RBracket)
    return this.build.list(this.rangeFrom(first), items)
  })

  public parenthesized = this.rule('parenthesized', (): ast.Parenthesized | null => {
    const first = this.CONSUME(t.LParen)
    const expression = this.SUBRULE(this.expression)
    this.CONSUME(t.RParen)
    return this.build.parens(this.rangeFrom(first), expression)
  })

  // ---------- tests ----------

  public test = this.RULE(
    'test',
    (): ast.TestBlock | null => {
      const draft = (this.testInProgress = testDraft())
      readToken(draft, this.CONSUME(t.Test))
      draft.name = readToken(draft, this.CONSUME(t.AnyString))
      readToken(draft, this.CONSUME(t.LCurly))
      this.MANY(() => {
        this.OR(this.testItemAlternatives)
        this.OPTION(() => this.CONSUME(t.Semicolon))
      })
      readToken(draft, this.CONSUME(t.RCurly))
      return this.build.test(draft)
    },
    { recoveryValueFunc: () => this.build.test(this.testInProgress) },
  )

  private readonly testItemAlternatives = [
    { ALT: () => this.SUBRULE(this.given) },
    { ALT: () => this.SUBRULE(this.expectation) },
  ]

  /** `given a = 1, b = 2`: each assignment goes into the test being read. */
  public given = this.rule('given', (): void => {
    const draft = this.testInProgress
    readToken(draft, this.CONSUME(t.Given))
    this.AT_LEAST_ONE_SEP({
      SEP: t.Comma,
      DEF: () => readNode(draft, draft.givens, this.SUBRULE(this.assignment)),
    })
  })

  public assignment = this.rule('assignment', (): ast.Given | null => {
    const first = this.LA(1)
    const path = this.SUBRULE(this.path)
    this.CONSUME(t.Assign)
    const value = this.OR(this.assignmentAlternatives)
    return this.build.given(this.rangeFrom(first), path, value)
  })

  private readonly assignmentAlternatives = [
    {
      ALT: () => {
        const day = this.CONSUME(t.Day)
        const number = this.CONSUME(t.NumberLiteral)
        return this.build.relativeDay(day, number)
      },
    },
    { ALT: () => this.SUBRULE(this.operand) },
  ]

  /** `at day N expect …`: goes into the test being read. */
  public expectation = this.rule('expectation', (): void => {
    const first = this.CONSUME(t.At)
    const unit = this.SUBRULE(this.stepUnit)
    const offset = this.CONSUME(t.NumberLiteral)
    const at = this.OPTION(() => {
      this.CONSUME2(t.At)
      return this.CONSUME(t.Time)
    })
    this.CONSUME(t.Expect)
    const outcomes: ast.ExpectedOutcome[] = []
    this.AT_LEAST_ONE_SEP({
      SEP: t.Comma,
      DEF: () => {
        const outcome = this.SUBRULE(this.outcome)
        if (outcome !== null) outcomes.push(outcome)
      },
    })
    const range = this.rangeFrom(first)
    const expectation = this.build.expectation(range, unit, offset, at, outcomes)
    readNode(this.testInProgress, this.testInProgress.expectations, expectation)
  })

  public outcome = this.rule('outcome', (): ast.ExpectedOutcome | null => {
    const first = this.LA(1)
    const target = this.OR(this.outcomeAlternatives)
    return this.build.outcome(this.rangeFrom(first), target)
  })

  private readonly outcomeTargetAlternatives = [
    { ALT: (): OutcomeTarget => ({ kind: 'action', action: this.SUBRULE(this.action) }) },
    {
      ALT: (): OutcomeTarget => {
        this.CONSUME(t.Step)
        return { kind: 'step', step: this.CONSUME(t.AnyString) }
      },
    },
  ]

  private readonly outcomeAlternatives = [
    {
      ALT: (): OutcomeTarget => {
        const no = this.OPTION(() => this.CONSUME(t.No))
        const target = this.OR2(this.outcomeTargetAlternatives)
        return no === undefined ? target : { kind: 'no', no, target }
      },
    },
    { ALT: (): OutcomeTarget => ({ kind: 'word', word: this.CONSUME(t.Nothing) }) },
    {
      ALT: (): OutcomeTarget => {
        this.CONSUME(t.Segment)
        return { kind: 'segment', name: this.CONSUME(t.Word) }
      },
    },
    { ALT: (): OutcomeTarget => ({ kind: 'word', word: this.CONSUME(t.Stopped) }) },
    { ALT: (): OutcomeTarget => ({ kind: 'word', word: this.CONSUME(t.Paused) }) },
  ]

  /**
   * A unit word right after a number is a unit only if no number follows it:
   * in `when x > 1 day 3 email "r"`, `day 3` starts the next step.
   */
  private unitFollows(): boolean {
    return (
      tokenMatcher(this.LA(1), t.NumberLiteral) &&
      tokenMatcher(this.LA(2), t.DurationUnit) &&
      !tokenMatcher(this.LA(3), t.NumberLiteral)
    )
  }
}

/** The rule every `.dun` file is parsed from (for `computeContentAssist`). */
export const START_RULE = 'file'

let shared: DunParser | undefined

/** One parser for the whole process: construction analyses the grammar and is expensive. */
export function dunParser(): DunParser {
  shared ??= new DunParser()
  return shared
}
