import {
  appendAudit,
  endExperiment,
  findExperiment,
  insertVersion,
  listVersions,
  type Db,
  type ExperimentWithArms,
} from '@dun/store'
import type { Actor, ServiceContext } from '../context.js'
import { ServiceError } from '../errors.js'
import { isUuid } from '../ids.js'
import { requestPublish, type PublishResult } from '../policies/publish.js'
import { requireExperimenter } from './start-experiment.js'

/** Stops a running experiment: new cases start under the policy's live version again. */
export async function stopExperiment(
  ctx: ServiceContext,
  actor: Actor,
  experimentId: string,
  comment = '',
): Promise<void> {
  requireExperimenter(actor, 'stop experiments')
  await ctx.db.transaction().execute(async (trx) => {
    const found = await runningExperiment(trx, ctx.workspace, experimentId)
    await end(trx, ctx, actor, found, { state: 'stopped' })
    await audit(trx, ctx, actor, 'experiment.stopped', found, { comment })
  })
}

export interface PromoteResult extends PublishResult {
  readonly arm: string
}

/**
 * Promotes an arm through the one publishing rule: its version's text becomes a new draft,
 * and publication is requested like any other (with four-eyes on it waits for a second
 * person's approval). Until that version is published the traffic stays split.
 */
export async function promoteArm(
  ctx: ServiceContext,
  actor: Actor,
  experimentId: string,
  armName: string,
  comment = '',
): Promise<PromoteResult> {
  requireExperimenter(actor, 'promote experiment arms')
  const draftId = await ctx.db.transaction().execute(async (trx) => {
    const found = await runningExperiment(trx, ctx.workspace, experimentId)
    const arm = found.arms.find((a) => a.name === armName)
    if (!arm) {
      throw new ServiceError(
        'not_found',
        `experiment "${found.experiment.name}" has no arm "${armName}"`,
        {
          field: 'arm',
          hint: `its arms are ${found.arms.map((a) => `"${a.name}"`).join(', ')}`,
        },
      )
    }
    const draft = await copyAsDraft(
      trx,
      ctx.workspace,
      arm.version_id,
      actor,
      found.experiment.name,
      armName,
    )
    await end(trx, ctx, actor, found, {
      state: 'promoted',
      promotedArm: armName,
      promotedVersionId: draft,
    })
    await audit(trx, ctx, actor, 'experiment.promoted', found, {
      arm: armName,
      version: draft,
      comment,
    })
    return draft
  })
  return { ...(await requestPublish(ctx, actor, draftId, comment)), arm: armName }
}

/** A new draft with the winner's text: published versions are immutable, and each publish is its own version. */
async function copyAsDraft(
  db: Db,
  workspace: string,
  versionId: string,
  actor: Actor,
  experiment: string,
  arm: string,
): Promise<string> {
  const [winner] = await db
    .selectFrom('policy_versions')
    .selectAll()
    .where('workspace_id', '=', workspace)
    .where('id', '=', versionId)
    .execute()
  if (!winner) throw new Error(`arm "${arm}" names version ${versionId}, which no longer exists`)
  const [latest] = await listVersions(db, workspace, winner.policy_id)
  const draft = await insertVersion(db, {
    workspace_id: workspace,
    policy_id: winner.policy_id,
    number: (latest?.number ?? winner.number) + 1,
    source: winner.source,
    compiled: JSON.stringify(winner.compiled),
    content_hash: winner.content_hash,
    author: actor.username,
    comment: `version ${winner.number}, promoted from experiment "${experiment}" arm "${arm}"`,
    state: 'draft',
  })
  return draft.id
}

async function runningExperiment(
  db: Db,
  workspace: string,
  id: string,
): Promise<ExperimentWithArms> {
  const found = isUuid(id) ? await findExperiment(db, workspace, id) : undefined
  if (!found) {
    throw new ServiceError('not_found', `no experiment with id ${id}`, {
      field: 'experimentId',
      hint: 'list experiments with `dun experiment list`',
    })
  }
  if (found.experiment.state !== 'running') throw notRunning(found)
  return found
}

async function end(
  db: Db,
  ctx: ServiceContext,
  actor: Actor,
  found: ExperimentWithArms,
  how: { state: 'stopped' | 'promoted'; promotedArm?: string; promotedVersionId?: string },
): Promise<void> {
  const ended = await endExperiment(db, ctx.workspace, found.experiment.id, {
    ...how,
    by: actor.username,
    at: ctx.now?.() ?? new Date(),
  })
  if (!ended) throw notRunning(found)
}

function notRunning(found: ExperimentWithArms): ServiceError {
  return new ServiceError(
    'conflict',
    `experiment "${found.experiment.name}" is ${found.experiment.state}, not running`,
    { hint: 'only a running experiment can be stopped or promoted' },
  )
}

function audit(
  db: Db,
  ctx: ServiceContext,
  actor: Actor,
  action: string,
  found: ExperimentWithArms,
  details: Record<string, unknown>,
) {
  return appendAudit(db, {
    workspace: ctx.workspace,
    actor: actor.username,
    action,
    subjectType: 'experiment',
    subjectId: found.experiment.id,
    details: { name: found.experiment.name, ...details },
  })
}
