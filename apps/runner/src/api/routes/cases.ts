import type { FastifyPluginAsync } from 'fastify'
import type { ZodTypeProvider } from 'fastify-type-provider-zod'
import { caseTimeline, listCustomerCases, type ServiceContext } from '@dun/service'
import { atQuery, idParams } from '../schemas.js'

/** A customer's cases, and one case's timeline: events in, actions decided, and why. */
export function caseRoutes(ctx: ServiceContext): FastifyPluginAsync {
  return async (base) => {
    const app = base.withTypeProvider<ZodTypeProvider>()
    const config = { scope: 'read' as const }
    app.get(
      '/v1/customers/:id/cases',
      {
        config,
        schema: {
          tags: ['cases'],
          summary: "A customer's dunning cases, newest first",
          params: idParams,
        },
      },
      async (request) => ({ cases: await listCustomerCases(ctx, request.params.id) }),
    )
    app.get(
      '/v1/cases/:id/timeline',
      {
        config,
        schema: {
          tags: ['cases'],
          summary: 'A case: its events and ledger actions in time order',
          params: idParams,
          querystring: atQuery,
        },
      },
      async (request) => caseTimeline(ctx, request.params.id),
    )
  }
}
