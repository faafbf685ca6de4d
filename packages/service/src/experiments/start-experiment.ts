import { z } from 'zod'
import {
  appendAudit,
  findLiveExperiment,
  findVersion,
  insertExperiment,
  markCustomersWithOpenInvoicesDue,
  setActivePolicy,
  type Db,
  type ExperimentWithArms,
  type PolicyVersionRow,
} from '@dun/store'
import type { Actor, ServiceContext } from '../context.js'
import { ServiceError } from '../errors.js'
import { isUuid } from '../ids.js'

/** Who may change what new cases receive: the roles that may publish. */
export const EXPERIMENTERS = new Set(['approver', 'admin'])

export const startExperimentInput = z
  .object({
    name: z.string().trim().min(1, 'name the experiment'),
    /** The policy the analyst chose: every arm's version must belong to it. Without it, the first arm's policy. */
    policyId: z.string().optional(),
    arms: z
      .array(
        z
          .object({
            name: z.string().trim().min(1, 'name every arm'),
            versionId: z.string(),
            weight: z.number().int().positive('weights are positive integers, e.g. 50 and 50'),
          })
          .strict(),
      )
      .min(2, 'an experiment needs at least two arms'),
    minimumSamplePerArm: z.number().int().positive().default(500),
  })
  .strict()

export type StartExperimentInput = z.input<typeof startExperimentInput>

/**
 * Starts an experiment between published versions of one policy: from now on new cases of
 * that policy start under their customer's arm. Each arm was published through the
 * four-eyes rule already, so starting needs a publisher's role but no second approval.
 */
export async function startExperiment(
  ctx: ServiceContext,
  actor: Actor,
  raw: StartExperimentInput,
): Promise<ExperimentWithArms> {
  requireExperimenter(actor, 'start experiments')
  const input = parseInput(raw)
  return ctx.db.transaction().execute(async (trx) => {
    const versions = await armVersions(trx, ctx.workspace, input.arms, input.policyId)
    const policyId = versions[0]!.policy_id
    const live = await findLiveExperiment(trx, ctx.workspace, policyId)
    if (live) {
      throw new ServiceError(
        'conflict',
        `experiment "${live.experiment.name}" is still live on this policy`,
        {
          hint: `stop it (dun experiment stop ${live.experiment.id}) or wait for its winner's approval`,
        },
      )
    }
    const startedAt = ctx.now?.() ?? new Date()
    const started = await insertExperiment(trx, ctx.workspace, {
      policyId,
      name: input.name,
      minimumSamplePerArm: input.minimumSamplePerArm,
      startedBy: actor.username,
      startedAt,
      arms: input.arms,
    })
    await setActivePolicy(trx, ctx.workspace, policyId)
    await markCustomersWithOpenInvoicesDue(trx, ctx.workspace, startedAt)
    await appendAudit(trx, {
      workspace: ctx.workspace,
      actor: actor.username,
      action: 'experiment.started',
      subjectType: 'experiment',
      subjectId: started.experiment.id,
      details: { name: input.name, arms: input.arms },
    })
    return started
  })
}

export function requireExperimenter(actor: Actor, what: string): void {
  if (!EXPERIMENTERS.has(actor.role)) {
    throw new ServiceError(
      'forbidden',
      `${actor.username} is an ${actor.role} and cannot ${what}`,
      {
        hint: 'experiments change what customers receive: they need the approver or admin role',
      },
    )
  }
}

function parseInput(raw: StartExperimentInput): z.output<typeof startExperimentInput> {
  const parsed = startExperimentInput.safeParse(raw)
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!
    throw new ServiceError(
      'invalid_input',
      `experiment ${issue.path.join('.') || 'input'}: ${issue.message}`,
      {
        field: issue.path.join('.'),
        hint: 'give a name, two or more arms (name, published version id, weight) and a minimum sample',
      },
    )
  }
  const names = parsed.data.arms.map((arm) => arm.name)
  const repeated = names.find((name, i) => names.indexOf(name) !== i)
  if (repeated !== undefined) {
    throw new ServiceError('invalid_input', `arm "${repeated}" is named twice`, {
      field: 'arms',
      hint: 'give every arm its own name, e.g. "control" and "sms-day-3"',
    })
  }
  return parsed.data
}

/**
 * Every arm's version: it must exist, have been published, and belong to the chosen policy
 * (without one, to the first arm's policy).
 */
async function armVersions(
  db: Db,
  workspace: string,
  arms: readonly { name: string; versionId: string }[],
  chosenPolicyId: string | undefined,
): Promise<PolicyVersionRow[]> {
  const versions: PolicyVersionRow[] = []
  for (const [index, arm] of arms.entries()) {
    const version = isUuid(arm.versionId)
      ? await findVersion(db, workspace, arm.versionId)
      : undefined
    if (!version) {
      throw new ServiceError(
        'not_found',
        `arm "${arm.name}": no policy version with id ${arm.versionId}`,
        {
          field: 'arms',
          hint: 'list the policy’s versions and use a published one’s id',
        },
      )
    }
    // Publishing a newer version archives the previous one; it still passed the publishing rule.
    if (version.published_at === null) {
      throw new ServiceError(
        'conflict',
        `arm "${arm.name}": version ${version.number} was never published (it is ${version.state.replace('_', ' ')})`,
        {
          field: 'arms',
          hint: 'arms run published versions only: publish it first (four-eyes applies)',
        },
      )
    }
    if (chosenPolicyId !== undefined && version.policy_id !== chosenPolicyId) {
      throw new ServiceError(
        'invalid_input',
        `arm "${arm.name}" runs version ${version.number} of another policy than the one chosen`,
        {
          field: `arms.${index}.versionId`,
          hint: 'choose one of the chosen policy’s published versions, or choose that version’s policy',
        },
      )
    }
    if (versions[0] && version.policy_id !== versions[0].policy_id) {
      throw new ServiceError(
        'invalid_input',
        `arm "${arm.name}" runs a version of another policy`,
        {
          field: 'arms',
          hint: 'an experiment compares versions of one policy',
        },
      )
    }
    versions.push(version)
  }
  return versions
}
