import { z } from 'zod'
import { DECLINE_CLASSES } from './facts/input.js'

/**
 * Things that happen to an invoice from outside dunning: the runner's API receives them
 * live, the simulator reads them from history, `test` blocks may script them. Each changes
 * the case's facts and triggers a re-evaluation.
 */
const instant = z.iso.datetime({ offset: true }).transform((text) => Date.parse(text))
const base = { invoice_id: z.string().min(1), at: instant }

export const dunningEvent = z.discriminatedUnion('type', [
  /** A payment arrived. Without `amount` (minor units) it settles the whole balance. */
  z.object({
    ...base,
    type: z.literal('payment_succeeded'),
    amount: z.number().int().positive().nullable().default(null),
  }),
  z.object({
    ...base,
    type: z.literal('payment_failed'),
    decline_code: z.string().min(1),
    decline_class: z.enum(DECLINE_CLASSES),
  }),
  z.object({ ...base, type: z.literal('dispute_opened') }),
  z.object({ ...base, type: z.literal('dispute_closed') }),
  z.object({ ...base, type: z.literal('promise_to_pay'), until: instant }),
])

export type DunningEvent = z.output<typeof dunningEvent>
export type DunningEventType = DunningEvent['type']
