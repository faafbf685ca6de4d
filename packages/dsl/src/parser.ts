import { CstParser, tokenMatcher, type IToken } from 'chevrotain'
import { SyntaxMessages } from './syntax-errors.js'
import * as t from './tokens.js'

/**
 * The grammar of LANGUAGE.md, rule for rule. It only builds a CST: `to-ast.ts` turns that
 * into the AST, so this file stays a readable grammar. Rules are class properties (a
 * mistyped rule name does not compile); `recoveryEnabled` gives the editor a partial tree
 * and several errors per keystroke.
 *
 * Each `OR` reads its alternatives from a field built once (Chevrotain's advice): a literal
 * array would allocate an object and a closure per alternative on every call, and that
 * garbage was the parser's largest cost.
 */
export class DunParser extends CstParser {
  constructor() {
    const messages = new SyntaxMessages()
    super([...t.allTokens], {
      recoveryEnabled: true,
      nodeLocationTracking: 'full',
      errorMessageProvider: messages,
    })
    messages.readTokensFrom(() => this.input)
    this.performSelfAnalysis()
  }

  public file = this.RULE('file', () => {
    this.SUBRULE(this.policy)
    this.MANY(() => this.SUBRULE(this.test))
  })

  public policy = this.RULE('policy', () => {
    this.CONSUME(t.Policy)
    this.CONSUME(t.AnyString, { LABEL: 'name' })
    this.CONSUME(t.LCurly)
    this.MANY(() => {
      this.SUBRULE(this.policyItem)
      this.OPTION(() => this.CONSUME(t.Semicolon))
    })
    this.CONSUME(t.RCurly)
  })

  /** One rule for the alternatives keeps the items in source order in the CST. */
  public policyItem = this.RULE('policyItem', () => {
    this.OR(this.policyItemAlternatives)
  })

  private readonly policyItemAlternatives = [
    { ALT: () => this.SUBRULE(this.currencies) },
    { ALT: () => this.SUBRULE(this.anchor) },
    { ALT: () => this.SUBRULE(this.limits) },
    { ALT: () => this.SUBRULE(this.stop) },
    { ALT: () => this.SUBRULE(this.pause) },
    { ALT: () => this.SUBRULE(this.segment) },
  ]

  public currencies = this.RULE('currencies', () => {
    this.CONSUME(t.Currencies)
    this.AT_LEAST_ONE_SEP({ SEP: t.Comma, DEF: () => this.CONSUME(t.Currency) })
  })

  public anchor = this.RULE('anchor', () => {
    this.CONSUME(t.Anchor)
    this.SUBRULE(this.anchorPoint)
  })

  /** `due` or `failure`: what step days count from. */
  public anchorPoint = this.RULE('anchorPoint', () => {
    this.OR(this.anchorPointAlternatives)
  })

  private readonly anchorPointAlternatives = [
    { ALT: () => this.CONSUME(t.Due) },
    { ALT: () => this.CONSUME(t.Failure) },
  ]

  public limits = this.RULE('limits', () => {
    this.CONSUME(t.Limits)
    this.CONSUME(t.LCurly)
    this.MANY(() => {
      this.SUBRULE(this.limitItem)
      this.OPTION(() => this.CONSUME(t.Semicolon))
    })
    this.CONSUME(t.RCurly)
  })

  public limitItem = this.RULE('limitItem', () => {
    this.OR(this.limitItemAlternatives)
  })

  private readonly limitItemAlternatives = [
    { ALT: () => this.SUBRULE(this.quietHours) },
    { ALT: () => this.SUBRULE(this.cap) },
  ]

  public quietHours = this.RULE('quietHours', () => {
    this.CONSUME(t.Quiet)
    this.CONSUME(t.Hours)
    this.CONSUME(t.Time, { LABEL: 'start' })
    this.CONSUME(t.To)
    this.CONSUME2(t.Time, { LABEL: 'end' })
  })

  public cap = this.RULE('cap', () => {
    this.CONSUME(t.At)
    this.CONSUME(t.Most)
    this.CONSUME(t.NumberLiteral, { LABEL: 'max' })
    this.CONSUME(t.Word, { LABEL: 'scope' })
    this.CONSUME(t.Per)
    this.SUBRULE(this.duration)
  })

  public stop = this.RULE('stop', () => {
    this.CONSUME(t.Stop)
    this.CONSUME(t.When)
    this.SUBRULE(this.expression)
  })

  public pause = this.RULE('pause', () => {
    this.CONSUME(t.Pause)
    this.CONSUME(t.When)
    this.SUBRULE(this.expression)
  })

  public segment = this.RULE('segment', () => {
    this.CONSUME(t.Segment)
    this.CONSUME(t.Word, { LABEL: 'name' })
    this.OPTION(() => {
      this.CONSUME(t.When)
      this.SUBRULE(this.expression)
    })
    this.CONSUME(t.LCurly)
    this.OPTION2(() => {
      this.SUBRULE(this.anchor)
      this.OPTION3(() => this.CONSUME(t.Semicolon))
    })
    this.MANY(() => {
      this.SUBRULE(this.step)
      this.OPTION4(() => this.CONSUME2(t.Semicolon))
    })
    this.CONSUME(t.RCurly)
  })

  public step = this.RULE('step', () => {
    this.SUBRULE(this.stepUnit)
    this.AT_LEAST_ONE_SEP({
      SEP: t.Comma,
      DEF: () => this.CONSUME(t.NumberLiteral, { LABEL: 'offset' }),
    })
    this.OPTION(() => {
      this.CONSUME(t.At)
      this.CONSUME(t.Time)
    })
    this.OPTION2(() => {
      this.CONSUME(t.From)
      this.SUBRULE(this.anchorPoint)
    })
    this.SUBRULE(this.action)
    this.OPTION3(() => {
      this.CONSUME(t.As)
      this.CONSUME(t.AnyString, { LABEL: 'label' })
    })
    this.OPTION4(() => {
      this.CONSUME(t.When)
      this.SUBRULE(this.expression)
    })
  })

  /** `day` or `hour`, in steps and expectations. */
  public stepUnit = this.RULE('stepUnit', () => {
    this.OR(this.stepUnitAlternatives)
  })

  private readonly stepUnitAlternatives = [
    { ALT: () => this.CONSUME(t.Day) },
    { ALT: () => this.CONSUME(t.Hour) },
  ]

  // ---------- actions ----------

  public action = this.RULE('action', () => {
    this.OR(this.actionAlternatives)
  })

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

  public notifyAction = this.RULE('notifyAction', () => {
    this.OPTION(() => this.CONSUME(t.Notify))
    this.AT_LEAST_ONE_SEP({ SEP: t.Comma, DEF: () => this.CONSUME(t.Channel) })
    this.CONSUME(t.AnyString, { LABEL: 'template' })
  })

  public callAction = this.RULE('callAction', () => {
    this.CONSUME(t.Call)
    this.CONSUME(t.AnyString, { LABEL: 'script' })
  })

  public retryAction = this.RULE('retryAction', () => {
    this.CONSUME(t.Retry)
    this.CONSUME(t.Payment)
    this.OPTION(() => {
      this.CONSUME(t.Using)
      this.CONSUME(t.Backup)
      this.CONSUME(t.Methods)
    })
  })

  public taskAction = this.RULE('taskAction', () => {
    this.CONSUME(t.Task)
    this.CONSUME(t.AnyString, { LABEL: 'title' })
    this.CONSUME(t.For)
    this.CONSUME2(t.AnyString, { LABEL: 'assignee' })
  })

  public escalateAction = this.RULE('escalateAction', () => {
    this.CONSUME(t.Escalate)
    this.CONSUME(t.To)
    this.OR(this.escalateActionAlternatives)
  })

  private readonly escalateActionAlternatives = [
    { ALT: () => this.CONSUME(t.Collections) },
    {
      ALT: () => {
        this.CONSUME(t.Agency)
        this.OPTION(() => this.CONSUME(t.AnyString, { LABEL: 'agency' }))
      },
    },
  ]

  public offerPlanAction = this.RULE('offerPlanAction', () => {
    this.CONSUME(t.Offer)
    this.CONSUME(t.Payment)
    this.CONSUME(t.Plan)
    this.CONSUME(t.NumberLiteral, { LABEL: 'instalments' })
    this.CONSUME(t.Instalments)
    this.OPTION(() => {
      this.CONSUME(t.Every)
      this.SUBRULE(this.duration)
    })
  })

  public offerPartialAction = this.RULE('offerPartialAction', () => {
    this.CONSUME(t.Offer)
    this.CONSUME(t.Partial)
    this.CONSUME(t.Payment)
    this.OPTION(() => {
      this.CONSUME(t.Min)
      this.CONSUME(t.Percent)
    })
  })

  public lateFeeAction = this.RULE('lateFeeAction', () => {
    this.CONSUME(t.Late)
    this.CONSUME(t.Fee)
    this.OR(this.lateFeeActionAlternatives)
  })

  private readonly lateFeeActionAlternatives = [
    { ALT: () => this.SUBRULE(this.money) },
    { ALT: () => this.CONSUME(t.Percent) },
  ]

  public accountAction = this.RULE('accountAction', () => {
    this.OR(this.accountActionAlternatives)
  })

  private readonly accountActionAlternatives = [
    {
      ALT: () => {
        this.CONSUME(t.Suspend)
        this.CONSUME(t.Subscription)
      },
    },
    {
      ALT: () => {
        this.CONSUME(t.Cancel)
        this.CONSUME2(t.Subscription)
      },
    },
    {
      ALT: () => {
        this.CONSUME(t.Block)
        this.CONSUME(t.Changes)
      },
    },
    {
      ALT: () => {
        this.CONSUME(t.Write)
        this.CONSUME(t.Off)
      },
    },
  ]

  // ---------- expressions ----------

  public expression = this.RULE('expression', () => {
    this.SUBRULE(this.andExpression)
    this.MANY(() => {
      this.CONSUME(t.Or)
      this.SUBRULE2(this.andExpression)
    })
  })

  public andExpression = this.RULE('andExpression', () => {
    this.SUBRULE(this.notExpression)
    this.MANY(() => {
      this.CONSUME(t.And)
      this.SUBRULE2(this.notExpression)
    })
  })

  public notExpression = this.RULE('notExpression', () => {
    this.OR(this.notExpressionAlternatives)
  })

  private readonly notExpressionAlternatives = [
    {
      ALT: () => {
        this.CONSUME(t.Not)
        this.SUBRULE(this.notExpression)
      },
    },
    { ALT: () => this.SUBRULE(this.predicate) },
  ]

  public predicate = this.RULE('predicate', () => {
    this.SUBRULE(this.operand, { LABEL: 'subject' })
    this.OPTION(() => {
      this.OR(this.predicateAlternatives)
    })
  })

  private readonly predicateAlternatives = [
    {
      ALT: () => {
        this.CONSUME(t.CompareOperator)
        this.SUBRULE2(this.operand, { LABEL: 'right' })
      },
    },
    {
      ALT: () => {
        this.OPTION2(() => this.CONSUME(t.Not))
        this.CONSUME(t.In)
        this.SUBRULE(this.list)
      },
    },
    {
      ALT: () => {
        this.CONSUME(t.Contains)
        this.SUBRULE3(this.operand, { LABEL: 'item' })
      },
    },
    {
      ALT: () => {
        this.CONSUME(t.Is)
        this.OPTION3(() => this.CONSUME2(t.Not))
        this.CONSUME(t.Word, { LABEL: 'value' })
      },
    },
  ]

  public operand = this.RULE('operand', () => {
    this.OR(this.operandAlternatives)
  })

  private readonly operandAlternatives = [
    { ALT: () => this.SUBRULE(this.money) },
    { GATE: () => this.unitFollows(), ALT: () => this.SUBRULE(this.duration) },
    { ALT: () => this.CONSUME(t.NumberLiteral) },
    { ALT: () => this.SUBRULE(this.path) },
    { ALT: () => this.CONSUME(t.AnyString) },
    { ALT: () => this.CONSUME(t.True) },
    { ALT: () => this.CONSUME(t.False) },
    { ALT: () => this.CONSUME(t.Percent) },
    { ALT: () => this.SUBRULE(this.list) },
    { ALT: () => this.SUBRULE(this.parenthesized) },
  ]

  public path = this.RULE('path', () => {
    this.CONSUME(t.Identifier)
    this.MANY(() => {
      this.CONSUME(t.Dot)
      this.CONSUME(t.Word)
    })
  })

  public money = this.RULE('money', () => {
    this.AT_LEAST_ONE_SEP({ SEP: t.Pipe, DEF: () => this.SUBRULE(this.moneyAmount) })
  })

  public moneyAmount = this.RULE('moneyAmount', () => {
    this.CONSUME(t.NumberLiteral)
    this.CONSUME(t.Currency)
  })

  public duration = this.RULE('duration', () => {
    this.CONSUME(t.NumberLiteral)
    this.CONSUME(t.DurationUnit)
  })

  public list = this.RULE('list', () => {
    this.CONSUME(t.LBracket)
    this.MANY_SEP({ SEP: t.Comma, DEF: () => this.SUBRULE(this.operand) })
    this.CONSUME(t.RBracket)
  })

  public parenthesized = this.RULE('parenthesized', () => {
    this.CONSUME(t.LParen)
    this.SUBRULE(this.expression)
    this.CONSUME(t.RParen)
  })

  // ---------- tests ----------

  public test = this.RULE('test', () => {
    this.CONSUME(t.Test)
    this.CONSUME(t.AnyString, { LABEL: 'name' })
    this.CONSUME(t.LCurly)
    this.MANY(() => {
      this.SUBRULE(this.testItem)
      this.OPTION(() => this.CONSUME(t.Semicolon))
    })
    this.CONSUME(t.RCurly)
  })

  public testItem = this.RULE('testItem', () => {
    this.OR(this.testItemAlternatives)
  })

  private readonly testItemAlternatives = [
    { ALT: () => this.SUBRULE(this.given) },
    { ALT: () => this.SUBRULE(this.expectation) },
  ]

  public given = this.RULE('given', () => {
    this.CONSUME(t.Given)
    this.AT_LEAST_ONE_SEP({ SEP: t.Comma, DEF: () => this.SUBRULE(this.assignment) })
  })

  public assignment = this.RULE('assignment', () => {
    this.SUBRULE(this.path)
    this.CONSUME(t.Assign)
    this.OR(this.assignmentAlternatives)
  })

  private readonly assignmentAlternatives = [
    {
      ALT: () => {
        this.CONSUME(t.Day)
        this.CONSUME(t.NumberLiteral, { LABEL: 'day' })
      },
    },
    { ALT: () => this.SUBRULE(this.operand) },
  ]

  public expectation = this.RULE('expectation', () => {
    this.CONSUME(t.At)
    this.SUBRULE(this.stepUnit)
    this.CONSUME(t.NumberLiteral, { LABEL: 'offset' })
    this.OPTION(() => {
      this.CONSUME2(t.At)
      this.CONSUME(t.Time)
    })
    this.CONSUME(t.Expect)
    this.AT_LEAST_ONE_SEP({ SEP: t.Comma, DEF: () => this.SUBRULE(this.outcome) })
  })

  public outcome = this.RULE('outcome', () => {
    this.OR(this.outcomeAlternatives)
  })

  private readonly outcomeTargetAlternatives = [
    { ALT: () => this.SUBRULE(this.action) },
    {
      ALT: () => {
        this.CONSUME(t.Step)
        this.CONSUME(t.AnyString, { LABEL: 'step' })
      },
    },
  ]

  private readonly outcomeAlternatives = [
    {
      ALT: () => {
        this.OPTION(() => this.CONSUME(t.No))
        this.OR2(this.outcomeTargetAlternatives)
      },
    },
    { ALT: () => this.CONSUME(t.Nothing) },
    {
      ALT: () => {
        this.CONSUME(t.Segment)
        this.CONSUME(t.Word, { LABEL: 'segment' })
      },
    },
    { ALT: () => this.CONSUME(t.Stopped) },
    { ALT: () => this.CONSUME(t.Paused) },
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

/** Parse tokens into a CST; the errors stay on the parser (`parser.errors`). */
export function parseTokens(tokens: IToken[]): {
  parser: DunParser
  cst: ReturnType<DunParser['file']>
} {
  const parser = dunParser()
  parser.input = tokens
  return { parser, cst: parser.file() }
}
