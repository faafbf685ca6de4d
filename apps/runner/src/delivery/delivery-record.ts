import { z } from 'zod'
import { CHANNELS } from '@dun/engine'

/**
 * What the ledger keeps in `provider_response`: per channel, the provider's id once the
 * channel is done (a retry never resends a done channel), the payment result, the billing
 * receipt, and the errors of the last attempt.
 */
const receipt = z.object({
  provider_id: z.string(),
  transport: z.string(),
  at: z.string(),
  /** Other ledger actions delivered in the same (consolidated) message. */
  shared_with: z.array(z.string()).optional(),
  response: z.unknown().optional(),
})

export const deliveryRecord = z.object({
  channels: z.partialRecord(z.enum(CHANNELS), receipt).default({}),
  payment: z
    .object({
      gateway: z.string(),
      ok: z.boolean(),
      charge_id: z.string().nullable(),
      decline_code: z.string().optional(),
      decline_class: z.string().optional(),
      event_key: z.string(),
    })
    .optional(),
  billing: receipt.optional(),
  errors: z.record(z.string(), z.string()).optional(),
})

export type DeliveryRecord = z.output<typeof deliveryRecord>
export type ChannelReceipt = z.output<typeof receipt>

/** The record left by earlier attempts; anything unreadable counts as no progress. */
export function previousRecord(providerResponse: unknown): DeliveryRecord {
  const parsed = deliveryRecord.safeParse(providerResponse ?? {})
  return parsed.success ? parsed.data : { channels: {} }
}
