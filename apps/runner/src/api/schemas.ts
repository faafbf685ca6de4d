import { z } from 'zod'
import { customerFacts, dunningEvent, historyFacts, invoiceFacts } from '@dun/engine'
import { MAX_BATCH } from '@dun/service'

/**
 * Request bodies as the API documents and checks them: the engine's fact schemas, strict
 * (an unknown or misspelt field is an error naming it, never silently dropped). The use
 * cases validate the same input again; they are reached from the CLI and the editor too.
 */
export const customerBody = customerFacts
  .extend({ history: historyFacts.strict().nullable().optional() })
  .strict()
export const invoiceBody = invoiceFacts.extend({ customer_id: z.string().min(1) }).strict()

export const customerBatchBody = z
  .object({ customers: z.array(customerBody).min(1).max(MAX_BATCH) })
  .strict()
export const invoiceBatchBody = z
  .object({ invoices: z.array(invoiceBody).min(1).max(MAX_BATCH) })
  .strict()

const eventKey = z
  .string()
  .min(1)
  .max(200)
  .optional()
  .describe('Makes re-sends idempotent; by default a hash of the event itself.')

const [succeeded, failed, disputeOpened, disputeClosed, promise] = dunningEvent.options
const keyed = { event_key: eventKey }

/** One of payment succeeded / failed / dispute opened / closed / promise to pay. */
export const eventBody = z.discriminatedUnion('type', [
  succeeded.extend(keyed).strict(),
  failed.extend(keyed).strict(),
  disputeOpened.extend(keyed).strict(),
  disputeClosed.extend(keyed).strict(),
  promise.extend(keyed).strict(),
])

export const policyVersionBody = z
  .object({
    source: z.string().min(1).describe('The .dun policy text.'),
    comment: z.string().max(2000).default(''),
    publish: z
      .boolean()
      .default(true)
      .describe('Publish it (or request approval when four-eyes is on); false keeps a draft.'),
  })
  .strict()

export const commentBody = z.object({ comment: z.string().max(2000).default('') }).strict()
export const reasonBody = z.object({ reason: z.string().min(1).max(2000) }).strict()

export const idParams = z.object({ id: z.string().min(1).max(200) }).strict()

/** How many rows a list answers with. */
export const limitQuery = z.coerce.number().int().min(1).max(1000).default(100)

export const atQuery = z
  .object({
    at: z.iso
      .datetime({ offset: true })
      .optional()
      .describe(
        'The instant to evaluate the case at (default now): the answer holds the decision and the engine trace; nothing is written.',
      ),
  })
  .strict()
