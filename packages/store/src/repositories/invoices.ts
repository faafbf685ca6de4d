import type { InvoiceFacts } from '@dun/engine'
import type { Db } from '../database.js'
import type { InvoiceRow, NewInvoiceRow } from '../tables/invoices.table.js'

export function invoiceRow(
  workspace: string,
  customerId: string,
  invoice: InvoiceFacts,
): NewInvoiceRow {
  return {
    workspace_id: workspace,
    id: invoice.id,
    customer_id: customerId,
    amount_due: invoice.amount_due,
    balance: invoice.balance,
    currency: invoice.currency,
    issued_at: new Date(invoice.issued_at),
    due_at: new Date(invoice.due_at),
    status: invoice.status,
    disputed: invoice.disputed,
    attempts: invoice.attempts,
    last_decline_code: invoice.last_decline_code,
    last_decline_class: invoice.last_decline_class,
    first_failed_at: invoice.first_failed_at === null ? null : new Date(invoice.first_failed_at),
    subscription_id: invoice.subscription_id,
  }
}

/** The engine's view of a stored invoice (instants as epoch milliseconds). */
export function invoiceFacts(row: InvoiceRow): InvoiceFacts {
  return {
    id: row.id,
    amount_due: row.amount_due,
    balance: row.balance,
    currency: row.currency,
    issued_at: row.issued_at.getTime(),
    due_at: row.due_at.getTime(),
    status: row.status,
    disputed: row.disputed,
    attempts: row.attempts,
    last_decline_code: row.last_decline_code,
    last_decline_class: row.last_decline_class,
    first_failed_at: row.first_failed_at?.getTime() ?? null,
    subscription_id: row.subscription_id,
  }
}

/** Inserts or replaces invoices in one statement. */
export async function upsertInvoices(db: Db, rows: readonly NewInvoiceRow[]): Promise<void> {
  if (rows.length === 0) return
  await db
    .insertInto('invoices')
    .values([...rows])
    .onConflict((oc) =>
      oc.columns(['workspace_id', 'id']).doUpdateSet((eb) => ({
        customer_id: eb.ref('excluded.customer_id'),
        amount_due: eb.ref('excluded.amount_due'),
        balance: eb.ref('excluded.balance'),
        currency: eb.ref('excluded.currency'),
        issued_at: eb.ref('excluded.issued_at'),
        due_at: eb.ref('excluded.due_at'),
        status: eb.ref('excluded.status'),
        disputed: eb.ref('excluded.disputed'),
        attempts: eb.ref('excluded.attempts'),
        last_decline_code: eb.ref('excluded.last_decline_code'),
        last_decline_class: eb.ref('excluded.last_decline_class'),
        first_failed_at: eb.ref('excluded.first_failed_at'),
        subscription_id: eb.ref('excluded.subscription_id'),
        updated_at: new Date(),
      })),
    )
    .execute()
}

export async function findInvoice(
  db: Db,
  workspace: string,
  id: string,
): Promise<InvoiceRow | undefined> {
  return db
    .selectFrom('invoices')
    .selectAll()
    .where('workspace_id', '=', workspace)
    .where('id', '=', id)
    .executeTakeFirst()
}

/** Locks the invoice row: events on one invoice apply one after another. */
export async function lockInvoice(
  db: Db,
  workspace: string,
  id: string,
): Promise<InvoiceRow | undefined> {
  return db
    .selectFrom('invoices')
    .selectAll()
    .where('workspace_id', '=', workspace)
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst()
}

export async function updateInvoice(
  db: Db,
  workspace: string,
  id: string,
  changes: Partial<NewInvoiceRow>,
): Promise<void> {
  await db
    .updateTable('invoices')
    .set({ ...changes, updated_at: new Date() })
    .where('workspace_id', '=', workspace)
    .where('id', '=', id)
    .execute()
}
