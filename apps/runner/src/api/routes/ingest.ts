import type { FastifyPluginAsync } from 'fastify'
import type { ZodTypeProvider } from 'fastify-type-provider-zod'
import { upsertCustomers, upsertInvoices, type ServiceContext } from '@dun/service'
import { customerBatchBody, customerBody, invoiceBatchBody, invoiceBody } from '../schemas.js'

/**
 * Customers and invoices, one or a batch of up to 1,000 at a time, all or nothing. Each
 * upsert makes the customer due now: the scheduler opens, re-evaluates or closes cases.
 */
export function ingestRoutes(ctx: ServiceContext): FastifyPluginAsync {
  return async (base) => {
    const app = base.withTypeProvider<ZodTypeProvider>()
    const config = { scope: 'ingest' as const }

    app.post(
      '/v1/customers',
      {
        config,
        schema: { tags: ['ingest'], summary: 'Create or update a customer', body: customerBody },
      },
      async (request, reply) => {
        const result = await upsertCustomers(ctx, [request.input])
        return reply.code(200).send({ upserted: result.count })
      },
    )
    app.post(
      '/v1/customers/batch',
      {
        config,
        schema: {
          tags: ['ingest'],
          summary: 'Create or update customers, all or nothing',
          body: customerBatchBody,
        },
      },
      async (request) => ({
        upserted: (await upsertCustomers(ctx, inputList(request.input, 'customers'))).count,
      }),
    )
    app.post(
      '/v1/invoices',
      {
        config,
        schema: { tags: ['ingest'], summary: 'Create or update an invoice', body: invoiceBody },
      },
      async (request) => ({ upserted: (await upsertInvoices(ctx, [request.input])).count }),
    )
    app.post(
      '/v1/invoices/batch',
      {
        config,
        schema: {
          tags: ['ingest'],
          summary: 'Create or update invoices, all or nothing',
          body: invoiceBatchBody,
        },
      },
      async (request) => ({
        upserted: (await upsertInvoices(ctx, inputList(request.input, 'invoices'))).count,
      }),
    )
  }
}

/** The list inside a batch body as sent (the route schema has already checked its shape). */
function inputList(input: unknown, key: string): unknown {
  return (input as Record<string, unknown>)[key]
}
