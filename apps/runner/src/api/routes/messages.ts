import type { FastifyPluginAsync } from 'fastify'
import type { ZodTypeProvider } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { listCaptured, listNotices, type ServiceContext } from '@dun/service'
import { idParams, limitQuery } from '../schemas.js'

const noticeQuery = z.object({ limit: limitQuery }).strict()
const outboxQuery = z
  .object({ customer_id: z.string().min(1).optional(), limit: limitQuery })
  .strict()

/** Messages Dun keeps itself: a customer's in-app notices, and a trial's capture outbox. */
export function messageRoutes(ctx: ServiceContext): FastifyPluginAsync {
  return async (base) => {
    const app = base.withTypeProvider<ZodTypeProvider>()
    const config = { scope: 'read' as const }
    app.get(
      '/v1/customers/:id/notices',
      {
        config,
        schema: {
          tags: ['messages'],
          summary: "A customer's in-app notices, newest first, for a product to show",
          params: idParams,
          querystring: noticeQuery,
        },
      },
      async (request) => ({
        notices: await listNotices(ctx, request.params.id, request.query.limit),
      }),
    )
    app.get(
      '/v1/outbox',
      {
        config,
        schema: {
          tags: ['messages'],
          summary: 'What would have been sent on channels without a provider (nobody contacted)',
          querystring: outboxQuery,
        },
      },
      async (request) => {
        const { customer_id, limit } = request.query
        return { messages: await listCaptured(ctx, { customerId: customer_id, limit }) }
      },
    )
  }
}
