import type { FastifyPluginAsync } from 'fastify'
import type { ZodTypeProvider } from 'fastify-type-provider-zod'
import {
  approveVersion,
  moveOpenCasesToLive,
  requestPublish,
  saveVersion,
  type ServiceContext,
} from '@dun/service'
import { actorOf } from '../auth.js'
import { commentBody, idParams, policyVersionBody } from '../schemas.js'

/**
 * Policy versions through the one publishing rule: saved (validated, compiled), then
 * published — or waiting for a second person's approval when four-eyes is on.
 */
export function policyRoutes(ctx: ServiceContext): FastifyPluginAsync {
  return async (base) => {
    const app = base.withTypeProvider<ZodTypeProvider>()
    const config = { scope: 'publish' as const }
    app.post(
      '/v1/policies/versions',
      {
        config,
        schema: {
          tags: ['policies'],
          summary: 'Save a policy version and publish it',
          body: policyVersionBody,
        },
      },
      async (request, reply) => {
        const actor = actorOf(request)
        const { source, comment, publish } = request.body
        const version = await saveVersion(ctx, actor, { source, comment })
        const state =
          publish && version.state === 'draft'
            ? (await requestPublish(ctx, actor, version.id, comment)).state
            : version.state
        return reply.code(201).send({ version_id: version.id, number: version.number, state })
      },
    )
    app.post(
      '/v1/policies/versions/:id/publish',
      {
        config,
        schema: {
          tags: ['policies'],
          summary: 'Publish a draft (or request approval)',
          params: idParams,
          body: commentBody,
        },
      },
      async (request) =>
        publishResult(
          await requestPublish(ctx, actorOf(request), request.params.id, request.body.comment),
        ),
    )
    app.post(
      '/v1/policies/versions/:id/approve',
      {
        config,
        schema: {
          tags: ['policies'],
          summary: 'Approve a version waiting for approval',
          params: idParams,
          body: commentBody,
        },
      },
      async (request) =>
        publishResult(
          await approveVersion(ctx, actorOf(request), request.params.id, request.body.comment),
        ),
    )
    app.post(
      '/v1/policies/:id/move-open-cases',
      {
        config,
        schema: {
          tags: ['policies'],
          summary:
            "Move the policy's open cases onto its live version (explicitly; new cases always start on it)",
          params: idParams,
        },
      },
      async (request) => {
        const result = await moveOpenCasesToLive(ctx, actorOf(request), request.params.id)
        return { version_id: result.versionId, moved: result.moved, customers: result.customers }
      },
    )
  }
}

function publishResult(result: { versionId: string; state: string }) {
  return { version_id: result.versionId, state: result.state }
}
