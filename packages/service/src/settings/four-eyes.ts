import { appendAudit, setFourEyes } from '@dun/store'
import type { Actor, ServiceContext } from '../context.js'
import { ServiceError } from '../errors.js'

/**
 * Turns four-eyes publishing on or off (admins only). With it on, every publish needs an
 * approval from someone other than the version's author. The switch itself is audited.
 */
export async function setFourEyesMode(
  ctx: ServiceContext,
  actor: Actor,
  on: boolean,
): Promise<void> {
  if (actor.role !== 'admin') {
    throw new ServiceError(
      'forbidden',
      `${actor.username} is an ${actor.role} and cannot change four-eyes mode`,
      { hint: 'ask an admin to change it' },
    )
  }
  await ctx.db.transaction().execute(async (trx) => {
    await setFourEyes(trx, ctx.workspace, on)
    await appendAudit(trx, {
      workspace: ctx.workspace,
      actor: actor.username,
      action: on ? 'settings.four_eyes_on' : 'settings.four_eyes_off',
      subjectType: 'workspace',
      subjectId: ctx.workspace,
    })
  })
}
