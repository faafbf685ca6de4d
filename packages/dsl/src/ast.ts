import type { AccountOperation, Anchor, Channel, CapScope } from '@dun/engine'
import type { SourceRange } from './source-range.js'

/**
 * The abstract syntax tree of a `.dun` file. One discriminated union on `kind`; every node
 * carries the source range it came from. Passes dispatch over `kind` with exhaustive switches
 * (or a `Record<Kind, Handler>`), so a new node kind breaks the build until every pass handles it.
 * Built by the parser as it reads (builders in `to-ast.ts`); parts a syntax error cut short
 * are absent, never invented.
 */

interface NodeBase {
  readonly range: SourceRange
}

/** A name together with where it was written (for precise diagnostics). */
export interface Name extends NodeBase {
  readonly kind: 'name'
  readonly text: string
}

export interface StringLiteral extends NodeBase {
  readonly kind: 'string'
  readonly value: string
}

// ---------- file ----------

export interface DunFile extends NodeBase {
  readonly kind: 'file'
  readonly policy: Policy | null
  readonly tests: readonly TestBlock[]
  /** Every comment in the file, in source order (the formatter re-attaches them). */
  readonly comments: readonly Comment[]
}

export interface Comment extends NodeBase {
  readonly kind: 'comment'
  /** The text after `#`, without the line break. */
  readonly text: string
}

export interface Policy extends NodeBase {
  readonly kind: 'policy'
  readonly name: StringLiteral | null
  readonly items: readonly PolicyItem[]
}

export type PolicyItem = CurrenciesDecl | AnchorDecl | LimitsBlock | StopRule | PauseRule | Segment

/** `currencies USD, EUR` */
export interface CurrenciesDecl extends NodeBase {
  readonly kind: 'currencies'
  readonly currencies: readonly Name[]
}

/** `anchor due` or `anchor failure` (policy default, or the first item of a segment). */
export interface AnchorDecl extends NodeBase {
  readonly kind: 'anchor'
  readonly anchor: Anchor
}

/** `limits { quiet hours 21:00 to 08:00; at most 3 messages per 7 days }` */
export interface LimitsBlock extends NodeBase {
  readonly kind: 'limits'
  readonly items: readonly LimitItem[]
}

export type LimitItem = QuietHours | CapDecl

export interface QuietHours extends NodeBase {
  readonly kind: 'quietHours'
  readonly start: TimeOfDay
  readonly end: TimeOfDay
}

/** `at most 3 messages per 7 days`; `at most 2 sms per 7 days`; `at most 4 retries per 30 days` */
export interface CapDecl extends NodeBase {
  readonly kind: 'cap'
  readonly max: number
  /** As written (validated against the cap scopes): messages, calls, retries or a channel. */
  readonly scope: Name
  readonly window: DurationLiteral
}

export interface TimeOfDay extends NodeBase {
  readonly kind: 'timeOfDay'
  readonly hours: number
  readonly minutes: number
  readonly text: string
}

/** `stop when invoice.balance <= 0` */
export interface StopRule extends NodeBase {
  readonly kind: 'stop'
  readonly when: Expression
}

/** `pause when invoice.disputed` */
export interface PauseRule extends NodeBase {
  readonly kind: 'pause'
  readonly when: Expression
}

/** `segment enterprise when … { steps }`; no `when` = catch-all. */
export interface Segment extends NodeBase {
  readonly kind: 'segment'
  readonly name: Name
  readonly when: Expression | null
  readonly anchor: AnchorDecl | null
  readonly steps: readonly Step[]
}

// ---------- steps ----------

/**
 * `day 1, 3, 5 at 10:00 from failure retry payment as "retries" when invoice.last_decline is soft`
 * A step with several offsets stands for one step per offset.
 */
export interface Step extends NodeBase {
  readonly kind: 'step'
  readonly unit: 'day' | 'hour'
  readonly offsets: readonly Offset[]
  readonly at: TimeOfDay | null
  /** `from due` / `from failure`: overrides the segment's anchor for this step. */
  readonly anchor: Anchor | null
  readonly action: ActionNode
  /** `as "name"`: an explicit, stable step id. */
  readonly label: StringLiteral | null
  readonly when: Expression | null
}

export interface Offset extends NodeBase {
  readonly kind: 'offset'
  readonly value: number
}

export type ActionNode =
  | NotifyNode
  | CallNode
  | RetryNode
  | TaskNode
  | EscalateNode
  | OfferPlanNode
  | OfferPartialNode
  | LateFeeNode
  | AccountNode

/** `email "x"`, `notify sms, email "x"` */
export interface NotifyNode extends NodeBase {
  readonly kind: 'notify'
  /** As written; the validator reports unknown channels. */
  readonly channels: readonly Name[]
  readonly template: StringLiteral | null
}

/** `call "account-manager"` */
export interface CallNode extends NodeBase {
  readonly kind: 'call'
  readonly script: StringLiteral | null
}

/** `retry payment` / `retry payment using backup methods` */
export interface RetryNode extends NodeBase {
  readonly kind: 'retry'
  readonly methods: 'default' | 'backup'
}

/** `task "Review the account" for "credit-control"` */
export interface TaskNode extends NodeBase {
  readonly kind: 'task'
  readonly title: StringLiteral | null
  readonly assignee: StringLiteral | null
}

/** `escalate to collections` / `escalate to agency "Acme Recoveries"` */
export interface EscalateNode extends NodeBase {
  readonly kind: 'escalate'
  readonly to: 'collections' | 'agency'
  readonly agency: StringLiteral | null
}

/** `offer payment plan 3 instalments every 30 days` */
export interface OfferPlanNode extends NodeBase {
  readonly kind: 'offerPlan'
  readonly instalments: number
  readonly every: DurationLiteral | null
}

/** `offer partial payment min 25%` */
export interface OfferPartialNode extends NodeBase {
  readonly kind: 'offerPartial'
  readonly minimumPercent: number | null
}

/** `late fee 25 USD | 20 EUR` / `late fee 1.5%` */
export interface LateFeeNode extends NodeBase {
  readonly kind: 'lateFee'
  readonly fee: MoneyLiteral | PercentLiteral
}

/** `suspend subscription`, `cancel subscription`, `block changes`, `write off` */
export interface AccountNode extends NodeBase {
  readonly kind: 'account'
  readonly operation: AccountOperation
}

// ---------- expressions ----------

export type Expression =
  BinaryLogic | NotExpression | Comparison | InList | Contains | IsCheck | Operand

export interface BinaryLogic extends NodeBase {
  readonly kind: 'and' | 'or'
  readonly left: Expression
  readonly right: Expression
}

export interface NotExpression extends NodeBase {
  readonly kind: 'not'
  readonly operand: Expression
}

export type ComparisonOperator = '==' | '!=' | '<' | '<=' | '>' | '>='

export interface Comparison extends NodeBase {
  readonly kind: 'compare'
  readonly operator: ComparisonOperator
  readonly left: Operand
  readonly right: Operand
}

/** `customer.country in ["DE", "AT"]`, `… not in [...]` */
export interface InList extends NodeBase {
  readonly kind: 'in'
  readonly negated: boolean
  readonly subject: Operand
  readonly list: ListLiteral
}

/** `customer.tags contains "vip"` */
export interface Contains extends NodeBase {
  readonly kind: 'contains'
  readonly subject: Operand
  readonly item: Operand
}

/** `invoice.last_decline is hard`: sugar for comparing an enum fact with one of its values. */
export interface IsCheck extends NodeBase {
  readonly kind: 'is'
  readonly negated: boolean
  readonly subject: Operand
  readonly value: Name
}

export type Operand =
  | FactPath
  | NumberLiteral
  | StringLiteral
  | BooleanLiteral
  | MoneyLiteral
  | DurationLiteral
  | PercentLiteral
  | ListLiteral
  | Parenthesized

/** `invoice.amount_due`, `now` */
export interface FactPath extends NodeBase {
  readonly kind: 'path'
  readonly segments: readonly Name[]
  /** The dotted path as written, e.g. "invoice.amount_due". */
  readonly text: string
}

export interface NumberLiteral extends NodeBase {
  readonly kind: 'number'
  readonly value: number
  /** Digits as written, so money can be converted to minor units without floating point. */
  readonly text: string
}

export interface BooleanLiteral extends NodeBase {
  readonly kind: 'boolean'
  readonly value: boolean
}

/** One amount per currency: `5000 USD | 4500 EUR`. */
export interface MoneyLiteral extends NodeBase {
  readonly kind: 'money'
  readonly amounts: readonly MoneyAmount[]
}

export interface MoneyAmount extends NodeBase {
  readonly kind: 'moneyAmount'
  /** Decimal text in major units, e.g. "49.99". */
  readonly amount: string
  readonly currency: Name
}

export type DurationUnit = 'minute' | 'hour' | 'day' | 'week'

/** `7 days`, `12 hours` */
export interface DurationLiteral extends NodeBase {
  readonly kind: 'duration'
  readonly value: number
  readonly unit: DurationUnit
}

export interface PercentLiteral extends NodeBase {
  readonly kind: 'percent'
  readonly value: number
}

export interface ListLiteral extends NodeBase {
  readonly kind: 'list'
  readonly items: readonly Operand[]
}

export interface Parenthesized extends NodeBase {
  readonly kind: 'parens'
  readonly expression: Expression
}

// ---------- tests ----------

/** `test "hard declines get an update-card email" { given …; at day 0 expect … }` */
export interface TestBlock extends NodeBase {
  readonly kind: 'test'
  readonly name: StringLiteral | null
  readonly givens: readonly Given[]
  readonly expectations: readonly Expectation[]
}

/** `given invoice.last_decline = "hard", customer.plan = "pro"` (one node per assignment) */
export interface Given extends NodeBase {
  readonly kind: 'given'
  readonly path: FactPath
  /** An operand literal, or `day N`: an instant relative to the invoice's due date. */
  readonly value: Operand | RelativeDay
}

/** `day 10` as a value in a test: the due date plus 10 calendar days. */
export interface RelativeDay extends NodeBase {
  readonly kind: 'relativeDay'
  readonly day: number
}

/** `at day 3 expect email "reminder", no retry payment` */
export interface Expectation extends NodeBase {
  readonly kind: 'expectation'
  readonly unit: 'day' | 'hour'
  readonly offset: number
  readonly at: TimeOfDay | null
  readonly outcomes: readonly ExpectedOutcome[]
}

export type ExpectedOutcome =
  /** `email "x"` / `no retry payment`: an action performed (or not) during that day. */
  | {
      readonly kind: 'expectAction'
      readonly range: SourceRange
      readonly negated: boolean
      readonly action: ActionNode
    }
  /** `step "final-notice"` / `no step "final-notice"`: by step id or label. */
  | {
      readonly kind: 'expectStep'
      readonly range: SourceRange
      readonly negated: boolean
      readonly step: StringLiteral
    }
  /** `nothing`: no action at all that day. */
  | { readonly kind: 'expectNothing'; readonly range: SourceRange }
  /** `segment enterprise`: the case is in that segment. */
  | { readonly kind: 'expectSegment'; readonly range: SourceRange; readonly segment: Name }
  /** `stopped` / `paused` */
  | {
      readonly kind: 'expectStatus'
      readonly range: SourceRange
      readonly status: 'stopped' | 'paused'
    }

export type AstNode =
  | DunFile
  | Policy
  | PolicyItem
  | LimitItem
  | Step
  | Offset
  | ActionNode
  | Expression
  | TestBlock
  | Given
  | RelativeDay
  | Expectation
  | MoneyAmount
  | TimeOfDay
  | Name
  | Comment

/** Channel words are names in the tree; this narrows one once validated. */
export type { Channel, CapScope }
