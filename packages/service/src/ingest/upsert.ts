import { z } from 'zod'
import { customerFacts, historyFacts, invoiceFacts } from '@dun/engine'
import {
  findCustomers,
  invoiceRow,
  markCustomersDue,
  upsertCustomers as storeCustomers,
  upsertInvoices as storeInvoices,
} from '@dun/store'
import type { ServiceContext } from '../context.js'
import { ServiceError } from '../errors.js'
import { parseBatch } from './parse-batch.js'

const customerInput = customerFacts.extend({ history: historyFacts.nullable().default(null) })
const invoiceInput = invoiceFacts.extend({ customer_id: z.string().min(1) })

export type CustomerInput = z.input<typeof customerInput>
export type InvoiceInput = z.input<typeof invoiceInput>

/** Creates or updates customers, all or nothing; their open cases are re-evaluated. */
export async function upsertCustomers(
  ctx: ServiceContext,
  items: unknown,
): Promise<{ count: number }> {
  const customers = parseBatch(customerInput, items, 'customers')
  await ctx.db.transaction().execute(async (trx) => {
    await storeCustomers(
      trx,
      ctx.workspace,
      customers.map(({ history, ...customer }) => ({ customer, history })),
    )
    await markCustomersDue(
      trx,
      ctx.workspace,
      customers.map((c) => c.id),
      now(ctx),
    )
  })
  return { count: customers.length }
}

/**
 * Creates or updates invoices, all or nothing. Each invoice's customer must exist (send
 * customers first). The scheduler then opens, re-evaluates or closes their cases.
 */
export async function upsertInvoices(
  ctx: ServiceContext,
  items: unknown,
): Promise<{ count: number }> {
  const invoices = parseBatch(invoiceInput, items, 'invoices')
  const customerIds = [...new Set(invoices.map((i) => i.customer_id))]
  await ctx.db.transaction().execute(async (trx) => {
    const known = new Set((await findCustomers(trx, ctx.workspace, customerIds)).map((c) => c.id))
    const missing = invoices.findIndex((i) => !known.has(i.customer_id))
    if (missing >= 0) {
      throw new ServiceError(
        'invalid_input',
        `invoices[${missing}].customer_id: no customer "${invoices[missing]!.customer_id}"`,
        {
          field: `invoices[${missing}].customer_id`,
          hint: 'upsert the customer before its invoices',
        },
      )
    }
    await storeInvoices(
      trx,
      invoices.map(({ customer_id, ...invoice }) =>
        invoiceRow(ctx.workspace, customer_id, invoice),
      ),
    )
    await markCustomersDue(trx, ctx.workspace, customerIds, now(ctx))
  })
  return { count: invoices.length }
}

function now(ctx: ServiceContext): Date {
  return ctx.now?.() ?? new Date()
}
