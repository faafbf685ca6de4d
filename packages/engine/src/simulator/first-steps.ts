import type { PlanStep } from '../compiled.js'
import type { CustomerRecord } from '../dataset/records.js'
import type { FactView } from '../facts/catalogue.js'
import type { InvoiceFacts } from '../facts/input.js'
import { NO_HISTORY } from './engine-replayer.js'
import {
  NOT_JUDGED,
  Outlook,
  SETTLED_READS,
  type OutlookMemo,
  type SettledRead,
} from './guard-outlook.js'
import type { PolicySpan } from './policy-span.js'

type Firsts = (PlanStep | undefined)[]

/**
 * The step of each timing group (`PolicySpan.stepGroups`) that could act first on an
 * invoice: the group's first step, or — while the invoice's settled facts keep their
 * issued values — the first whose rule does not fail on them. Only the settled facts the
 * rules read are looked at (a plan, an ARR, a decline class…).
 */
export class FirstSteps {
  /** Each group's first step, whatever the guards say. */
  readonly earliest: readonly (PlanStep | undefined)[]
  private readonly reads: readonly (readonly [string, SettledRead])[]
  /** Reused for every invoice (`settled` is synchronous). */
  private readonly memo: OutlookMemo

  constructor(private readonly span: PolicySpan) {
    const groups = span.stepGroups
    this.earliest = groups.map((group) => group.steps[0]?.step)
    this.memo = span.conditions.freshMemo()
    const paths = new Set(groups.flatMap((group) => group.steps.flatMap((step) => step.reads)))
    this.reads = [...paths].map((path) => [path, SETTLED_READS[path]!] as const)
  }

  /** Each group's first step whose rule may hold on these facts as issued. */
  settled(invoice: InvoiceFacts, { customer, history }: CustomerRecord): Firsts {
    const view: FactView = {}
    for (const [path, read] of this.reads)
      view[path] = read(invoice, customer, history ?? NO_HISTORY)
    this.memo.fill(NOT_JUDGED)
    const firsts: Firsts = []
    for (const { steps } of this.span.stepGroups) {
      let first: PlanStep | undefined
      for (const { step, outlook } of steps) {
        if (outlook(view, this.memo) === Outlook.Fails) continue
        first = step
        break
      }
      firsts.push(first)
    }
    return firsts
  }
}
