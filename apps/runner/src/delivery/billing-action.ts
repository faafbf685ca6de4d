import { describeAction, type Action } from '@dun/engine'
import type { ActionRow } from '@dun/store'
import type { ServiceContext } from '@dun/service'
import type { DeliveryRecord } from './delivery-record.js'
import type { DeliveryDeps } from './deps.js'
import type { RowResult } from './row-result.js'

/**
 * Actions carried out by another system: account actions, late fees, plans, partial-payment
 * offers and escalations go to the billing system; calls and tasks open a task in the
 * inbox and then wait for a person (`awaiting_person`) to complete them through the API.
 */
export async function sendToBilling(
  row: ActionRow,
  action: Action,
  record: DeliveryRecord,
  ctx: ServiceContext,
  deps: DeliveryDeps,
  now: Date,
): Promise<RowResult> {
  const forPerson = action.type === 'call' || action.type === 'task'
  const receipt = await deps.billing.send(
    {
      type: forPerson ? 'task.opened' : `dunning.${action.type}`,
      id: row.idempotency_key,
      customer_id: row.customer_id,
      invoice_id: row.invoice_id,
      step_id: row.step_id,
      description: describeAction(action),
      action,
      occurred_at: now.toISOString(),
    },
    ctx,
  )
  return {
    kind: 'done',
    status: forPerson ? 'awaiting_person' : 'sent',
    record: {
      ...record,
      billing: {
        provider_id: receipt.providerId,
        transport: receipt.transport,
        at: now.toISOString(),
        ...(receipt.response === undefined ? {} : { response: receipt.response }),
      },
    },
    detail: null,
  }
}
