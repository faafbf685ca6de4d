import type { FastifyPluginAsync } from 'fastify'
import type { ZodTypeProvider } from 'fastify-type-provider-zod'
import { evaluateCustomers, recordEvent, type ServiceContext } from '@dun/service'
import { eventBody } from '../schemas.js'

/**
 * Payment succeeded / failed, dispute opened / closed, promise to pay. Each applied event
 * re-evaluates its customer at once, so the answer carries the resulting decisions. A
 * re-sent event (same `event_key`) changes nothing and says so.
 */
export function eventRoutes(ctx: ServiceContext): FastifyPluginAsync {
  return async (base) => {
    const app = base.withTypeProvider<ZodTypeProvider>()
    app.post(
      '/v1/events',
      {
        config: { scope: 'ingest' },
        schema: {
          tags: ['ingest'],
          summary: 'Record a payment, decline, dispute or promise to pay',
          body: eventBody,
        },
      },
      async (request, reply) => {
        const recorded = await recordEvent(ctx, request.input)
        const answer = {
          applied: recorded.applied,
          duplicate: !recorded.applied,
          event_key: recorded.eventKey,
          customer_id: recorded.customerId,
        }
        if (!recorded.applied) return reply.code(200).send(answer)
        const now = ctx.now?.() ?? new Date()
        const summary = await evaluateCustomers(ctx, [recorded.customerId], now, {
          decisions: true,
        })
        return reply.code(201).send({
          ...answer,
          decisions: (summary.decisions ?? []).map(({ caseId, decision }) => ({
            case_id: caseId,
            ...decision,
          })),
        })
      },
    )
  }
}
