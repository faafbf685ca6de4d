import { randomUUID } from 'node:crypto'
import type { Kysely } from 'kysely'
import type { Action } from '@dun/engine'
import type { ActionStatus, Database } from '@dun/store'

/**
 * Live histories written straight into the tables the attribution job reads (cases,
 * ledger, payment events), so a test states exactly what happened and when.
 */
export interface HistoryAction {
  readonly stepId: string
  readonly action: Action
  readonly decidedAt: Date
  readonly status?: ActionStatus
}

export interface HistoryPayment {
  readonly at: Date
  /** Minor units; null settles the balance. */
  readonly amount: number | null
}

export interface HistoryCase {
  readonly invoiceId: string
  readonly segment: string | null
  readonly currency: string
  readonly amountDue: number
  readonly openedAt: Date
  /** When the case stopped (paid, written off); open when absent. */
  readonly closedAt?: Date
  readonly actions: readonly HistoryAction[]
  readonly payments: readonly HistoryPayment[]
}

export const email = (template: string): Action => ({
  type: 'notify',
  channels: ['email'],
  template,
})
export const sms = (template: string): Action => ({ type: 'notify', channels: ['sms'], template })

const WS = 'default'
const CHUNK = 1_000

export async function insertVersion(db: Kysely<Database>, name: string): Promise<string> {
  const policy = await db
    .insertInto('policies')
    .values({ workspace_id: WS, name, live_version_id: null })
    .returning('id')
    .executeTakeFirstOrThrow()
  const version = await db
    .insertInto('policy_versions')
    .values({
      workspace_id: WS,
      policy_id: policy.id,
      number: 1,
      source: `policy "${name}" {}`,
      compiled: JSON.stringify({}),
      content_hash: name,
      author: 'ana',
      comment: '',
      state: 'published',
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  return version.id
}

async function inChunks<T>(
  rows: readonly T[],
  write: (chunk: T[]) => Promise<unknown>,
): Promise<void> {
  for (let i = 0; i < rows.length; i += CHUNK) await write(rows.slice(i, i + CHUNK))
}

/** Writes the cases under `versionId`; payment events get the key `<invoice>/pay/<n>`. */
export async function insertHistory(
  db: Kysely<Database>,
  versionId: string,
  cases: readonly HistoryCase[],
): Promise<void> {
  const withIds = cases.map((c) => ({
    ...c,
    caseId: randomUUID(),
    customerId: `cust-${c.invoiceId}`,
  }))
  await inChunks(withIds, (chunk) =>
    db
      .insertInto('customers')
      .values(chunk.map((c) => ({ workspace_id: WS, id: c.customerId, facts: JSON.stringify({}) })))
      .execute(),
  )
  await inChunks(withIds, (chunk) =>
    db
      .insertInto('invoices')
      .values(
        chunk.map((c) => ({
          workspace_id: WS,
          id: c.invoiceId,
          customer_id: c.customerId,
          amount_due: c.amountDue,
          balance: c.amountDue,
          currency: c.currency,
          issued_at: c.openedAt,
          due_at: c.openedAt,
          status: 'open' as const,
          disputed: false,
          attempts: 1,
          last_decline_code: null,
          last_decline_class: null,
          first_failed_at: c.openedAt,
          subscription_id: null,
        })),
      )
      .execute(),
  )
  await inChunks(withIds, (chunk) =>
    db
      .insertInto('dunning_cases')
      .values(
        chunk.map((c) => ({
          workspace_id: WS,
          id: c.caseId,
          invoice_id: c.invoiceId,
          customer_id: c.customerId,
          policy_version_id: versionId,
          state: c.closedAt ? ('stopped' as const) : ('active' as const),
          segment: c.segment,
          opened_at: c.openedAt,
          closed_at: c.closedAt ?? null,
        })),
      )
      .execute(),
  )
  const actions = withIds.flatMap((c) =>
    c.actions.map((a) => ({
      workspace_id: WS,
      case_id: c.caseId,
      customer_id: c.customerId,
      invoice_id: c.invoiceId,
      step_id: a.stepId,
      action: JSON.stringify(a.action),
      action_type: a.action.type,
      status: a.status ?? ('sent' as const),
      idempotency_key: `${c.caseId}/${a.stepId}`,
      scheduled_at: a.decidedAt,
      decided_at: a.decidedAt,
    })),
  )
  await inChunks(actions, (chunk) => db.insertInto('dunning_actions').values(chunk).execute())
  const events = withIds.flatMap((c) =>
    c.payments.map((p, n) => ({
      workspace_id: WS,
      event_key: `${c.invoiceId}/pay/${n}`,
      invoice_id: c.invoiceId,
      type: 'payment_succeeded' as const,
      at: p.at,
      payload: JSON.stringify({
        type: 'payment_succeeded',
        invoice_id: c.invoiceId,
        at: p.at.toISOString(),
        amount: p.amount,
      }),
    })),
  )
  await inChunks(events, (chunk) => db.insertInto('payment_events').values(chunk).execute())
}

/** The same case `ms` later: every date moves together, so its days since opening stay. */
export function shiftedCase(c: HistoryCase, ms: number): HistoryCase {
  const later = (d: Date) => new Date(d.getTime() + ms)
  return {
    ...c,
    openedAt: later(c.openedAt),
    closedAt: c.closedAt && later(c.closedAt),
    actions: c.actions.map((a) => ({ ...a, decidedAt: later(a.decidedAt) })),
    payments: c.payments.map((p) => ({ ...p, at: later(p.at) })),
  }
}
