import {
  addApproval,
  appendAudit,
  getSettings,
  lockVersion,
  markCustomersWithOpenInvoicesDue,
  setActivePolicy,
  setLiveVersion,
  setVersionState,
  type Db,
  type PolicyVersionRow,
} from '@dun/store'
import type { Actor, ServiceContext } from '../context.js'
import { ServiceError } from '../errors.js'
import { isUuid } from '../ids.js'

export interface PublishResult {
  readonly versionId: string
  readonly state: 'published' | 'pending_approval'
}

const PUBLISHERS = new Set(['approver', 'admin'])

/**
 * The one publishing rule, reached the same way from the editor, the API, the CLI and
 * experiment promotion: a published version is immutable; with four-eyes on, publishing
 * needs an approval from someone other than the author; every step is audited.
 */
export async function requestPublish(
  ctx: ServiceContext,
  actor: Actor,
  versionId: string,
  comment = '',
): Promise<PublishResult> {
  return ctx.db.transaction().execute(async (trx) => {
    const version = await lockedDraft(trx, ctx.workspace, versionId)
    const { fourEyes } = await getSettings(trx, ctx.workspace)
    if (fourEyes) {
      await setVersionState(trx, ctx.workspace, version.id, 'pending_approval')
      await audit(trx, ctx, actor, 'version.approval_requested', version, comment)
      return { versionId: version.id, state: 'pending_approval' as const }
    }
    if (!PUBLISHERS.has(actor.role)) {
      throw new ServiceError(
        'forbidden',
        `${actor.username} is an ${actor.role} and cannot publish`,
        {
          hint: 'ask an approver to publish it, or have an admin change your role',
        },
      )
    }
    await publish(trx, ctx, actor, version, comment)
    return { versionId: version.id, state: 'published' as const }
  })
}

/** Approves a version waiting for approval, which publishes it. */
export async function approveVersion(
  ctx: ServiceContext,
  actor: Actor,
  versionId: string,
  comment = '',
): Promise<PublishResult> {
  if (!PUBLISHERS.has(actor.role)) {
    throw new ServiceError(
      'forbidden',
      `${actor.username} is an ${actor.role} and cannot approve versions`,
      {
        hint: 'approvals need the approver or admin role',
      },
    )
  }
  return ctx.db.transaction().execute(async (trx) => {
    const version = await lockExisting(trx, ctx.workspace, versionId)
    if (version.state !== 'pending_approval') {
      throw new ServiceError(
        'conflict',
        `version ${version.number} is ${version.state.replace('_', ' ')}, not waiting for approval`,
        {
          hint: 'request publication first',
        },
      )
    }
    if (version.author === actor.username) {
      throw new ServiceError(
        'forbidden',
        `${actor.username} wrote version ${version.number} and cannot approve it`,
        {
          hint: 'four-eyes mode is on: a second person must approve',
        },
      )
    }
    await addApproval(trx, ctx.workspace, version.id, actor.username, comment)
    await publish(trx, ctx, actor, version, comment)
    return { versionId: version.id, state: 'published' as const }
  })
}

/** The version, locked for the rest of the transaction; a malformed id names no version. */
async function lockExisting(
  trx: Db,
  workspace: string,
  versionId: string,
): Promise<PolicyVersionRow> {
  const version = isUuid(versionId) ? await lockVersion(trx, workspace, versionId) : undefined
  if (!version) throw notFound(versionId)
  return version
}

async function lockedDraft(
  trx: Db,
  workspace: string,
  versionId: string,
): Promise<PolicyVersionRow> {
  const version = await lockExisting(trx, workspace, versionId)
  if (version.state !== 'draft') {
    throw new ServiceError(
      'conflict',
      `version ${version.number} is already ${version.state.replace('_', ' ')}`,
      {
        hint: 'save the policy again to create a new draft',
      },
    )
  }
  return version
}

async function publish(
  trx: Db,
  ctx: ServiceContext,
  actor: Actor,
  version: PolicyVersionRow,
  comment: string,
): Promise<void> {
  const publishedAt = ctx.now?.() ?? new Date()
  await setVersionState(trx, ctx.workspace, version.id, 'published', publishedAt)
  await setLiveVersion(trx, ctx.workspace, version.policy_id, version.id)
  await setActivePolicy(trx, ctx.workspace, version.policy_id)
  await markCustomersWithOpenInvoicesDue(trx, ctx.workspace, publishedAt)
  await audit(trx, ctx, actor, 'version.published', version, comment)
}

function audit(
  trx: Db,
  ctx: ServiceContext,
  actor: Actor,
  action: string,
  version: PolicyVersionRow,
  comment: string,
) {
  return appendAudit(trx, {
    workspace: ctx.workspace,
    actor: actor.username,
    action,
    subjectType: 'policy_version',
    subjectId: version.id,
    details: { number: version.number, author: version.author, comment },
  })
}

function notFound(versionId: string): ServiceError {
  return new ServiceError('not_found', `no policy version with id ${versionId}`, {
    field: 'versionId',
  })
}
