import type { FastifyPluginAsync } from 'fastify'
import type { ZodTypeProvider } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { changeAction, listTasks, type ServiceContext } from '@dun/service'
import { completeTask } from '../../delivery/dead-letters.js'
import { actorOf } from '../auth.js'
import { idParams, limitQuery } from '../schemas.js'

const taskQuery = z
  .object({
    assignee: z
      .string()
      .min(1)
      .optional()
      .describe('Only tasks for this role (calls have no assignee and are left out).'),
    customer_id: z.string().min(1).optional(),
    limit: limitQuery,
  })
  .strict()

const completeBody = z
  .object({ note: z.string().max(2000).optional().describe('What was done or agreed.') })
  .strict()

/** The task inbox: calls and tasks the policy handed to a person, and their completion. */
export function taskRoutes(ctx: ServiceContext): FastifyPluginAsync {
  return async (base) => {
    const app = base.withTypeProvider<ZodTypeProvider>()
    app.get(
      '/v1/tasks',
      {
        config: { scope: 'read' },
        schema: {
          tags: ['tasks'],
          summary: 'Calls and tasks awaiting a person, oldest first',
          querystring: taskQuery,
        },
      },
      async (request) => {
        const { assignee, customer_id, limit } = request.query
        return { tasks: await listTasks(ctx, { assignee, customerId: customer_id, limit }) }
      },
    )
    app.post(
      '/v1/tasks/:id/complete',
      {
        config: { scope: 'operate' },
        schema: {
          tags: ['tasks'],
          summary: 'Complete a call or task, with a note',
          params: idParams,
          body: completeBody,
        },
      },
      async (request) => {
        const { id } = request.params
        const note = request.body.note ?? null
        return {
          task: await changeAction(ctx, actorOf(request), id, {
            audit: 'task.completed',
            details: { note },
            apply: (tx) => completeTask(tx, id, note),
          }),
        }
      },
    )
  }
}
