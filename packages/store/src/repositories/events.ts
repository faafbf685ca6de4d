import type { DunningEvent } from '@dun/engine'
import type { Db } from '../database.js'

/**
 * Records an outside event once. Returns false when an event with the same key was already
 * recorded: a re-sent webhook changes nothing.
 */
export async function recordEventOnce(
  db: Db,
  workspace: string,
  eventKey: string,
  event: DunningEvent,
): Promise<boolean> {
  const inserted = await db
    .insertInto('payment_events')
    .values({
      workspace_id: workspace,
      event_key: eventKey,
      invoice_id: event.invoice_id,
      type: event.type,
      at: new Date(event.at),
      payload: JSON.stringify(event),
    })
    .onConflict((oc) => oc.columns(['workspace_id', 'event_key']).doNothing())
    .returning('event_key')
    .executeTakeFirst()
  return inserted !== undefined
}
