import {
  appendAudit,
  findPolicy,
  findRunningExperiment,
  markCustomersDue,
  repinOpenCases,
} from '@dun/store'
import type { Actor, ServiceContext } from '../context.js'
import { ServiceError } from '../errors.js'
import { isUuid } from '../ids.js'

const MOVERS = new Set(['approver', 'admin'])

/**
 * Publishing applies to new cases; this moves a policy's open cases onto its live version
 * too — explicitly, because customers mid-dunning then follow the new schedule from their
 * next evaluation (steps already done stay done: step ids survive new versions). Audited;
 * refused while an experiment decides the policy's versions.
 */
export async function moveOpenCasesToLive(
  ctx: ServiceContext,
  actor: Actor,
  policyId: string,
): Promise<{ versionId: string; moved: number; customers: number }> {
  if (!MOVERS.has(actor.role)) {
    throw new ServiceError(
      'forbidden',
      `${actor.username} is an ${actor.role} and cannot move cases`,
      {
        hint: 'moving open cases to a new version needs the approver or admin role',
      },
    )
  }
  return ctx.db.transaction().execute(async (trx) => {
    const policy = isUuid(policyId) ? await findPolicy(trx, ctx.workspace, policyId) : undefined
    if (!policy)
      throw new ServiceError('not_found', `no policy with id ${policyId}`, { field: 'policyId' })
    if (!policy.live_version_id) {
      throw new ServiceError('conflict', `policy "${policy.name}" has no live version yet`, {
        hint: 'publish a version first',
      })
    }
    if (await findRunningExperiment(trx, ctx.workspace, policy.id)) {
      throw new ServiceError('conflict', `an experiment is running on policy "${policy.name}"`, {
        hint: 'stop the experiment (or promote its winner) before moving open cases',
      })
    }
    const { moved, customers } = await repinOpenCases(
      trx,
      ctx.workspace,
      policy.id,
      policy.live_version_id,
    )
    await markCustomersDue(trx, ctx.workspace, customers, ctx.now?.() ?? new Date())
    await appendAudit(trx, {
      workspace: ctx.workspace,
      actor: actor.username,
      action: 'cases.moved_to_live',
      subjectType: 'policy',
      subjectId: policy.id,
      details: { versionId: policy.live_version_id, moved, customers: customers.length },
    })
    return { versionId: policy.live_version_id, moved, customers: customers.length }
  })
}
