import { createHash } from 'node:crypto'
import { z } from 'zod'
import {
  applyEvent,
  dunningEvent,
  NO_HISTORY,
  type CustomerCaseFacts,
  type DunningEvent,
} from '@dun/engine'
import {
  findCustomers,
  invoiceFacts,
  invoiceRow,
  lockInvoice,
  markCustomersDue,
  recordEventOnce,
  updateInvoice,
  upsertCustomers,
  type Db,
  type InvoiceRow,
} from '@dun/store'
import type { ServiceContext } from '../context.js'
import { ServiceError } from '../errors.js'
import { parseOne } from './parse-batch.js'

/** An outside event as callers send it: the event, plus an optional key that makes re-sends idempotent. */
const eventInput = z.intersection(
  dunningEvent,
  z.object({ event_key: z.string().min(1).max(200).optional() }),
)

export type EventInput = z.input<typeof eventInput>

export interface RecordedEvent {
  /** False when an event with the same key was recorded before: nothing changed. */
  readonly applied: boolean
  readonly eventKey: string
  readonly customerId: string
}

/**
 * Records a payment, decline, dispute or promise to pay, applies it to the invoice (and
 * customer) with the engine's own `applyEvent` — the same effect the simulator replays — and
 * marks the customer due now so their cases are re-evaluated. Idempotent on `event_key`
 * (by default a hash of the event itself); nothing is half-applied.
 */
export async function recordEvent(ctx: ServiceContext, input: unknown): Promise<RecordedEvent> {
  const { event_key, ...event } = parseOne(eventInput, input, 'event')
  const eventKey = event_key ?? defaultKey(event)
  return ctx.db.transaction().execute(async (trx) => {
    const row = await lockInvoice(trx, ctx.workspace, event.invoice_id)
    if (!row) {
      throw new ServiceError('not_found', `no invoice "${event.invoice_id}"`, {
        field: 'event.invoice_id',
        hint: 'upsert the invoice before sending events about it',
      })
    }
    const result = { eventKey, customerId: row.customer_id }
    if (!(await recordEventOnce(trx, ctx.workspace, eventKey, event)))
      return { ...result, applied: false }
    await applyToStore(trx, ctx.workspace, row, event)
    await markCustomersDue(trx, ctx.workspace, [row.customer_id], ctx.now?.() ?? new Date())
    return { ...result, applied: true }
  })
}

async function applyToStore(trx: Db, workspace: string, invoice: InvoiceRow, event: DunningEvent) {
  const [customerRow] = await findCustomers(trx, workspace, [invoice.customer_id])
  if (!customerRow)
    throw new Error(
      `invoice ${invoice.id} names customer ${invoice.customer_id}, which does not exist`,
    )
  // Stored facts were validated on the way in: trusted here.
  const customer = customerRow.facts
  const before: CustomerCaseFacts = {
    customer,
    history: NO_HISTORY,
    account: null,
    contacts: [],
    cases: [{ invoice: invoiceFacts(invoice), dunning: { steps_done: [], retries: [] } }],
  }
  const after = applyEvent(before, event)
  const changed = after.cases[0]!.invoice
  if (changed !== before.cases[0]!.invoice) {
    const {
      workspace_id: _w,
      id: _i,
      customer_id: _c,
      ...fields
    } = invoiceRow(workspace, invoice.customer_id, changed)
    await updateInvoice(trx, workspace, invoice.id, fields)
  }
  if (after.customer !== customer) {
    await upsertCustomers(trx, workspace, [
      { customer: after.customer, history: customerRow.history },
    ])
  }
}

/** Same event, same key: a webhook re-sent by a billing system is recognised. */
function defaultKey(event: DunningEvent): string {
  const canonical = JSON.stringify(event, Object.keys(event).sort())
  return 'sha256:' + createHash('sha256').update(canonical).digest('hex')
}
