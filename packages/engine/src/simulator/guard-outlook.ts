import type { CompiledPolicy, Condition, FactCondition, PlanStep } from '../compiled.js'
import { compilePredicate, isFactReference } from '../evaluate/compile-condition.js'
import { FACTS, type FactValue, type FactView } from '../facts/catalogue.js'
import type { CustomerFacts, HistoryFacts, InvoiceFacts } from '../facts/input.js'

/** What a condition can be said to do before anything happens to the case: hold, fail, or depend. */
export const Outlook = { Fails: 0, Holds: 1, Depends: 2 } as const
export type Outlook = (typeof Outlook)[keyof typeof Outlook]

/**
 * A step rule's conditions judged on the facts that stay as issued (`settledView`), with
 * the outlooks already judged for this invoice (see `ConditionSlots`).
 */
export type GuardOutlook = (view: FactView, memo: OutlookMemo) => Outlook

/** One invoice's outlooks so far, by condition slot; `NOT_JUDGED` where not asked yet. */
export type OutlookMemo = Int8Array
export const NOT_JUDGED = -1

/**
 * Numbers the distinct conditions of the step rules. Step rules repeat themselves: each
 * rule of a segment carries the segment's predicate (and every later segment the negation
 * of the earlier ones), and guards recur across steps. A condition gets one slot, however
 * many rules hold it, so it is judged once per invoice.
 */
export class ConditionSlots {
  private readonly byKey = new Map<string, number>()

  slotOf(condition: Condition): number {
    const key = JSON.stringify(condition)
    let slot = this.byKey.get(key)
    if (slot === undefined) this.byKey.set(key, (slot = this.byKey.size))
    return slot
  }

  /** A memo for one invoice: nothing judged yet. */
  freshMemo(): OutlookMemo {
    return new Int8Array(this.byKey.size).fill(NOT_JUDGED)
  }
}

export interface GuardedStep {
  readonly step: PlanStep
  readonly outlook: GuardOutlook
  /** The settled facts its outlook reads: its outlook is the same for invoices alike in these. */
  readonly reads: readonly string[]
}

/**
 * The steps a plan has, each with its rule compiled to an outlook: `Fails` means the rule
 * cannot fire while the settled facts keep their issued values, whatever the clock says.
 * A step without a rule of its own may fire at any time.
 */
export function guardedSteps(
  compiled: CompiledPolicy,
  slots: ConditionSlots = new ConditionSlots(),
): readonly GuardedStep[] {
  const rules = new Map(
    compiled.rules.flatMap((rule) =>
      rule.event.type === 'step' ? [[rule.event.params.step, rule]] : [],
    ),
  )
  return compiled.plan.segments.flatMap((segment) =>
    segment.steps.map((step) => {
      const rule = rules.get(step.id)
      if (!rule) return { step, outlook: depends, reads: [] }
      const reads = new Set<string>()
      const outlook = compileOutlook(rule.conditions, reads, slots)
      return { step, outlook, reads: [...reads] }
    }),
  )
}

function compileOutlook(
  condition: Condition,
  reads: Set<string>,
  slots: ConditionSlots,
): GuardOutlook {
  const compilePart = (part: Condition) => compileOutlook(part, reads, slots)
  let judge: GuardOutlook
  if ('all' in condition) judge = allOf(condition.all.map(compilePart))
  else if ('any' in condition) judge = anyOf(condition.any.map(compilePart))
  else if ('not' in condition) {
    const inner = compilePart(condition.not)
    judge = inner === depends ? depends : (view, memo) => negate(inner(view, memo))
  } else judge = comparison(condition, reads)
  return judge === depends ? depends : memoized(slots.slotOf(condition), judge)
}

function memoized(slot: number, judge: GuardOutlook): GuardOutlook {
  return (view, memo) => {
    const known = memo[slot]!
    if (known !== NOT_JUDGED) return known as Outlook
    const outlook = judge(view, memo)
    memo[slot] = outlook
    return outlook
  }
}

const depends: GuardOutlook = () => Outlook.Depends

function comparison(condition: FactCondition, reads: Set<string>): GuardOutlook {
  const other = isFactReference(condition.value) ? condition.value.fact : null
  const settled = SETTLED_FACTS.has(condition.fact) && (other === null || SETTLED_FACTS.has(other))
  if (!settled) return depends
  reads.add(condition.fact)
  if (other !== null) reads.add(other)
  const holds = compilePredicate(condition)
  return (view) => (holds(view) ? Outlook.Holds : Outlook.Fails)
}

function allOf(parts: readonly GuardOutlook[]): GuardOutlook {
  const judged = parts.filter((part) => part !== depends)
  if (judged.length === 0) return parts.length === 0 ? () => Outlook.Holds : depends
  const open = judged.length < parts.length
  return (view, memo) => {
    let result: Outlook = open ? Outlook.Depends : Outlook.Holds
    for (const part of judged) {
      const outlook = part(view, memo)
      if (outlook === Outlook.Fails) return Outlook.Fails
      if (outlook === Outlook.Depends) result = Outlook.Depends
    }
    return result
  }
}

// json-rules-engine: an empty `any` holds, like an empty `all`.
function anyOf(parts: readonly GuardOutlook[]): GuardOutlook {
  if (parts.length === 0) return () => Outlook.Holds
  if (parts.every((part) => part === depends)) return depends
  return (view, memo) => {
    let result: Outlook = Outlook.Fails
    for (const part of parts) {
      const outlook = part(view, memo)
      if (outlook === Outlook.Holds) return Outlook.Holds
      if (outlook === Outlook.Depends) result = Outlook.Depends
    }
    return result
  }
}

function negate(outlook: Outlook): Outlook {
  if (outlook === Outlook.Depends) return outlook
  return outlook === Outlook.Holds ? Outlook.Fails : Outlook.Holds
}

/** Reads one settled fact of a case as issued. */
export type SettledRead = (
  invoice: InvoiceFacts,
  customer: CustomerFacts,
  history: HistoryFacts,
) => FactValue

/** The settled facts, keyed like the fact view (`facts/view.ts`). */
export const SETTLED_READS: Readonly<Record<string, SettledRead>> = {
  'invoice.id': (invoice) => invoice.id,
  'invoice.amount_due': (invoice) => invoice.amount_due,
  'invoice.balance': (invoice) => invoice.balance,
  'invoice.currency': (invoice) => invoice.currency,
  'invoice.issued_at': (invoice) => invoice.issued_at,
  'invoice.due_at': (invoice) => invoice.due_at,
  'invoice.status': (invoice) => invoice.status,
  'invoice.disputed': (invoice) => invoice.disputed,
  'invoice.attempts': (invoice) => invoice.attempts,
  'invoice.last_decline': (invoice) => invoice.last_decline_class,
  'invoice.last_decline_code': (invoice) => invoice.last_decline_code,
  'invoice.first_failed_at': (invoice) => invoice.first_failed_at,
  'customer.id': (_, customer) => customer.id,
  'customer.plan': (_, customer) => customer.plan,
  'customer.arr': (_, customer) => customer.arr,
  'customer.currency': (_, customer) => customer.currency,
  'customer.country': (_, customer) => customer.country,
  'customer.timezone': (_, customer) => customer.timezone,
  'customer.language': (_, customer) => customer.language,
  'customer.tags': (_, customer) => customer.tags,
  'customer.opted_out': (_, customer) => customer.opted_out,
  'customer.promise_to_pay_until': (_, customer) => customer.promise_to_pay_until,
  'history.late_payments_12m': (_, __, history) => history.late_payments_12m,
  'history.avg_days_late_12m': (_, __, history) => history.avg_days_late_12m,
  'history.failed_payments_12m': (_, __, history) => history.failed_payments_12m,
  'history.lifetime_value': (_, __, history) => history.lifetime_value,
}

/** The settled facts of a case as issued, keyed like the fact view. */
export function settledView(
  invoice: InvoiceFacts,
  customer: CustomerFacts,
  history: HistoryFacts,
): FactView {
  const view: FactView = {}
  for (const path of SETTLED_PATHS) view[path] = SETTLED_READS[path]!(invoice, customer, history)
  return view
}

const SETTLED_PATHS = Object.keys(SETTLED_READS)

/**
 * Facts of the invoice, customer and history that change only through an outside event or
 * one of the engine's own actions; the derived ones (`invoice.overdue`, `customer.tenure`)
 * move with the clock. Until a case's first event or action, these are the issued values.
 */
const SETTLED_FACTS: ReadonlySet<string> = new Set(
  [...FACTS.values()]
    .filter(
      (fact) => fact.derivedFrom === undefined && /^(invoice|customer|history)\./.test(fact.path),
    )
    .map((fact) => fact.path)
    .filter((path) => path in SETTLED_READS),
)
