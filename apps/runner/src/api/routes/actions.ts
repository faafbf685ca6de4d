import type { FastifyPluginAsync } from 'fastify'
import type { ZodTypeProvider } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { cancelAction, listActions, retryAction, type ServiceContext } from '@dun/service'
import type { ActionStatus } from '@dun/store'
import { actorOf } from '../auth.js'
import { idParams, limitQuery, reasonBody } from '../schemas.js'

const STATUSES = [
  'pending',
  'sending',
  'sent',
  'failed',
  'dead',
  'review',
  'awaiting_person',
  'skipped',
  'cancelled',
] as const satisfies readonly ActionStatus[]

const listQuery = z
  .object({
    status: z.enum(STATUSES).default('pending'),
    customer_id: z.string().min(1).optional(),
    limit: limitQuery,
  })
  .strict()

/** The ledger: pending actions (cancel one), dead letters and rows in review (retry one). */
export function actionRoutes(ctx: ServiceContext): FastifyPluginAsync {
  return async (base) => {
    const app = base.withTypeProvider<ZodTypeProvider>()
    app.get(
      '/v1/actions',
      {
        config: { scope: 'read' },
        schema: {
          tags: ['actions'],
          summary: 'Ledger actions by status (pending by default)',
          querystring: listQuery,
        },
      },
      async (request) => {
        const { status, customer_id, limit } = request.query
        return {
          actions: await listActions(ctx, { status: [status], customerId: customer_id, limit }),
        }
      },
    )
    app.post(
      '/v1/actions/:id/cancel',
      {
        config: { scope: 'operate' },
        schema: {
          tags: ['actions'],
          summary: 'Cancel a pending action',
          params: idParams,
          body: reasonBody,
        },
      },
      async (request) => ({
        action: await cancelAction(ctx, actorOf(request), request.params.id, request.body.reason),
      }),
    )
    app.post(
      '/v1/actions/:id/retry',
      {
        config: { scope: 'operate' },
        schema: {
          tags: ['actions'],
          summary: 'Send a dead letter, or an action in review, back to the outbox',
          params: idParams,
        },
      },
      async (request) => ({
        action: await retryAction(ctx, actorOf(request), request.params.id),
      }),
    )
  }
}
