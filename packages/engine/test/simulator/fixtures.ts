import type { CompiledPolicy, PlanStep } from '../../src/compiled.js'
import type { CustomerRecord, InvoiceRecord } from '../../src/dataset/records.js'
import type { Episode, EpisodeReplayer, ExecutedStep } from '../../src/simulator/replay-port.js'
import type { SimulationSource } from '../../src/simulator/simulate.js'
import type { Action } from '../../src/action.js'

export const DAY = 86_400_000
export const T0 = Date.parse('2026-01-01T00:00:00Z')

const step = (id: string, offset: number, action: Action): PlanStep => ({
  id: `everyone/${id}`,
  segment: 'everyone',
  timing: { anchor: 'due', unit: 'day', offset, at: null },
  action,
  guard: null,
  line: 1,
})

/** email day 1, sms+email day 5, escalate day 10, suspend day 20 — in USD and EUR. */
export function policy(name = 'test', steps?: PlanStep[]): CompiledPolicy {
  return {
    format: 'dun.compiled/1',
    policy: { name, currencies: ['USD', 'EUR'] },
    rules: [],
    plan: {
      currencies: ['USD', 'EUR'],
      anchor: 'due',
      limits: { quietHours: null, caps: [] },
      segments: [
        {
          name: 'everyone',
          when: null,
          steps: steps ?? [
            step('notify:email:reminder#1', 1, {
              type: 'notify',
              channels: ['email'],
              template: 'reminder',
            }),
            step('notify:email+sms:final#1', 5, {
              type: 'notify',
              channels: ['email', 'sms'],
              template: 'final',
            }),
            step('escalate:collections#1', 10, { type: 'escalate', to: 'collections' }),
            step('account:suspend_subscription#1', 20, {
              type: 'account',
              operation: 'suspend_subscription',
            }),
          ],
        },
      ],
    },
  }
}

export { step }

/**
 * A stand-in for the engine's replay with obvious semantics, so report figures can be
 * checked by hand: each step runs at 09:00 UTC on due day + offset unless the invoice was
 * paid before; a step landing on a Sunday is deferred (quiet_hours) to Monday. Its first
 * step (day 1, 09:00) is never earlier than the engine's (day 1, 08:00), so the simulator's
 * paid-before-any-step shortcut holds for it too.
 */
export function fakeReplayer(compiled: CompiledPolicy): EpisodeReplayer {
  const steps = compiled.plan.segments.flatMap((s) => s.steps)
  return (episode: Episode) => {
    const executed: ExecutedStep[] = []
    const deferrals: { invoiceId: string; stepId: string; reason: 'quiet_hours' }[] = []
    for (const { invoice } of episode.invoices) {
      const paid = episode.events.find(
        (e) => e.invoice_id === invoice.id && e.type === 'payment_succeeded',
      )
      for (const s of steps) {
        const scheduledAt = invoice.due_at + s.timing.offset * DAY + 9 * 3_600_000
        let executedAt = scheduledAt
        // Like the engine: a case paid by a step's scheduled time is stopped, nothing deferred.
        if (paid && paid.at <= scheduledAt) break
        if (new Date(scheduledAt).getUTCDay() === 0) {
          deferrals.push({ invoiceId: invoice.id, stepId: s.id, reason: 'quiet_hours' })
          executedAt += DAY
        }
        if (paid && paid.at <= executedAt) break
        if (episode.horizon !== null && executedAt >= episode.horizon) break
        executed.push({
          invoiceId: invoice.id,
          stepId: s.id,
          segment: s.segment,
          action: s.action,
          scheduledAt,
          executedAt,
        })
      }
    }
    return { executed, deferrals, skips: [] }
  }
}

export function invoice(
  id: string,
  customerId: string,
  issuedDay: number,
  options: { balance?: number; currency?: string; paidDay?: number | null; dueDays?: number } = {},
): InvoiceRecord {
  const issued_at = T0 + issuedDay * DAY
  const balance = options.balance ?? 10_000
  return {
    customerId,
    invoice: {
      id,
      amount_due: balance,
      balance,
      currency: options.currency ?? 'USD',
      issued_at,
      due_at: issued_at + (options.dueDays ?? 30) * DAY,
      status: 'open',
      disputed: false,
      attempts: 0,
      last_decline_code: null,
      last_decline_class: null,
      first_failed_at: null,
      subscription_id: null,
    },
    paidAt: options.paidDay == null ? null : T0 + options.paidDay * DAY,
  }
}

export function customer(id: string): CustomerRecord {
  return {
    customer: {
      id,
      plan: '',
      arr: 0,
      currency: 'USD',
      country: 'US',
      timezone: 'UTC',
      language: 'en',
      tags: [],
      opted_out: [],
      promise_to_pay_until: null,
      created_at: null,
    },
    history: null,
  }
}

export function source(
  records: readonly InvoiceRecord[],
  extra: Partial<SimulationSource> = {},
): SimulationSource {
  return {
    invoices: async function* () {
      yield records
    },
    customerFor: (record) => record.customer ?? customer(record.customerId),
    eventsFor: () => [],
    rowErrors: () => ({ total: 0, byColumn: [], first: [] }),
    ...extra,
  }
}
