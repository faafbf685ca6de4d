import type { CompiledPolicy, Condition, FactCondition, PlanStep } from '../compiled.js'
import { compilePredicate, isFactReference } from '../evaluate/compile-condition.js'
import { FACTS, type FactView } from '../facts/catalogue.js'
import type { CustomerFacts, HistoryFacts, InvoiceFacts } from '../facts/input.js'

/** What a condition can be said to do before anything happens to the case: hold, fail, or depend. */
export const Outlook = { Fails: 0, Holds: 1, Depends: 2 } as const
export type Outlook = (typeof Outlook)[keyof typeof Outlook]

/** A step rule's conditions judged on the facts that stay as issued (`settledView`). */
export type GuardOutlook = (view: FactView) => Outlook

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
    .map((fact) => fact.path),
)

/**
 * Each step rule of a policy, by step id, compiled to its outlook: `Fails` means the rule
 * cannot fire while the settled facts keep their issued values, whatever the clock says.
 */
function stepOutlooks(compiled: CompiledPolicy): ReadonlyMap<string, GuardOutlook> {
  const outlooks = new Map<string, GuardOutlook>()
  for (const rule of compiled.rules) {
    if (rule.event.type !== 'step') continue
    outlooks.set(rule.event.params.step, compileOutlook(rule.conditions))
  }
  return outlooks
}

export interface GuardedStep {
  readonly step: PlanStep
  readonly outlook: GuardOutlook
}

/** The steps a plan has, each with its outlook (a step without a rule can fire at any time). */
export function guardedSteps(compiled: CompiledPolicy): readonly GuardedStep[] {
  const outlooks = stepOutlooks(compiled)
  return compiled.plan.segments.flatMap((segment) =>
    segment.steps.map((step) => ({ step, outlook: outlooks.get(step.id) ?? depends })),
  )
}

function compileOutlook(condition: Condition): GuardOutlook {
  if ('all' in condition) return allOf(condition.all.map(compileOutlook))
  if ('any' in condition) return anyOf(condition.any.map(compileOutlook))
  if ('not' in condition) {
    const inner = compileOutlook(condition.not)
    return (view) => negate(inner(view))
  }
  return comparison(condition)
}

const depends: GuardOutlook = () => Outlook.Depends

function comparison(condition: FactCondition): GuardOutlook {
  const other = isFactReference(condition.value) ? condition.value.fact : null
  const settled = SETTLED_FACTS.has(condition.fact) && (other === null || SETTLED_FACTS.has(other))
  if (!settled) return depends
  const holds = compilePredicate(condition)
  return (view) => (holds(view) ? Outlook.Holds : Outlook.Fails)
}

function allOf(parts: readonly GuardOutlook[]): GuardOutlook {
  const judged = parts.filter((part) => part !== depends)
  if (judged.length === 0) return parts.length === 0 ? () => Outlook.Holds : depends
  const open = judged.length < parts.length
  return (view) => {
    let result: Outlook = open ? Outlook.Depends : Outlook.Holds
    for (const part of judged) {
      const outlook = part(view)
      if (outlook === Outlook.Fails) return Outlook.Fails
      if (outlook === Outlook.Depends) result = Outlook.Depends
    }
    return result
  }
}

// json-rules-engine: an empty `any` holds, like an empty `all`.
function anyOf(parts: readonly GuardOutlook[]): GuardOutlook {
  if (parts.length === 0) return () => Outlook.Holds
  return (view) => {
    let result: Outlook = Outlook.Fails
    for (const part of parts) {
      const outlook = part(view)
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

/** The settled facts of a case as issued, keyed like the fact view (`facts/view.ts`). */
export function settledView(
  invoice: InvoiceFacts,
  customer: CustomerFacts,
  history: HistoryFacts,
): FactView {
  return {
    'invoice.id': invoice.id,
    'invoice.amount_due': invoice.amount_due,
    'invoice.balance': invoice.balance,
    'invoice.currency': invoice.currency,
    'invoice.issued_at': invoice.issued_at,
    'invoice.due_at': invoice.due_at,
    'invoice.status': invoice.status,
    'invoice.disputed': invoice.disputed,
    'invoice.attempts': invoice.attempts,
    'invoice.last_decline': invoice.last_decline_class,
    'invoice.last_decline_code': invoice.last_decline_code,
    'invoice.first_failed_at': invoice.first_failed_at,
    'customer.id': customer.id,
    'customer.plan': customer.plan,
    'customer.arr': customer.arr,
    'customer.currency': customer.currency,
    'customer.country': customer.country,
    'customer.timezone': customer.timezone,
    'customer.language': customer.language,
    'customer.tags': customer.tags,
    'customer.opted_out': customer.opted_out,
    'customer.promise_to_pay_until': customer.promise_to_pay_until,
    'history.late_payments_12m': history.late_payments_12m,
    'history.avg_days_late_12m': history.avg_days_late_12m,
    'history.failed_payments_12m': history.failed_payments_12m,
    'history.lifetime_value': history.lifetime_value,
  }
}
