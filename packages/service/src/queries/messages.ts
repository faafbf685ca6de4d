import { findCustomers, listMessages, type OutboxMessageRow } from '@dun/store'
import type { ServiceContext } from '../context.js'
import { ServiceError } from '../errors.js'

/** A customer's in-app notices, newest first, for a product to show them. */
export async function listNotices(
  ctx: ServiceContext,
  customerId: string,
  limit?: number,
): Promise<OutboxMessageRow[]> {
  const [customer] = await findCustomers(ctx.db, ctx.workspace, [customerId])
  if (!customer) {
    throw new ServiceError('not_found', `no customer with id ${customerId}`, {
      field: 'customerId',
      hint: 'create it with POST /v1/customers first',
    })
  }
  return listMessages(ctx.db, ctx.workspace, { transport: 'in_app', customerId, limit })
}

/**
 * The capture outbox, newest first: what would have been sent on channels with no real
 * provider configured (a trial started with `npm start`). Nobody was contacted.
 */
export async function listCaptured(
  ctx: ServiceContext,
  filter: { readonly customerId?: string; readonly limit?: number },
): Promise<OutboxMessageRow[]> {
  return listMessages(ctx.db, ctx.workspace, { transport: 'capture', ...filter })
}
