import {
  channelsOf,
  fitResponseModel,
  MS_PER_DAY,
  type FitOptions,
  type FittedResponseModel,
  type ObservedCase,
} from '@dun/engine'
import { ledgerHistory } from '@dun/store'
import type { ServiceContext } from '../context.js'
import { ServiceError } from '../errors.js'

/**
 * The response model learned from this workspace's own ledger: every case with a segment,
 * the contacts actually sent (one per channel reached) and the first payment after it opened.
 * `dun simulate --response-model fitted` feeds it to the simulator's recovery estimate.
 */
export async function fitResponseModelFromLedger(
  ctx: ServiceContext,
  options: FitOptions = {},
): Promise<FittedResponseModel> {
  const now = (ctx.now?.() ?? new Date()).getTime()
  const history = await ledgerHistory(ctx.db, ctx.workspace)
  const cases = new Map<string, ObservedCase & { opened: number; contacts: Contact[] }>()
  for (const c of history.cases) {
    const opened = c.openedAt.getTime()
    // A paid case stays observed until now; one closed unpaid, until its closing.
    const end = c.paidAt === null ? (c.closedAt?.getTime() ?? now) : now
    cases.set(c.id, {
      segment: c.segment,
      opened,
      contacts: [],
      paidDay: c.paidAt === null ? null : dayOffset(opened, c.paidAt.getTime()),
      horizonDays: Math.max(0, dayOffset(opened, end)),
    })
  }
  for (const contact of history.contacts) {
    const observed = cases.get(contact.caseId)
    if (!observed) continue
    const day = dayOffset(observed.opened, contact.at.getTime())
    for (const channel of channelsOf(contact.action)) observed.contacts.push({ channel, day })
  }
  if (cases.size === 0) {
    throw new ServiceError(
      'not_found',
      'the ledger holds no dunning cases to fit a response model from',
      {
        hint: 'run the scheduler on live invoices first, or simulate with --response-model declared FILE',
      },
    )
  }
  return fitResponseModel([...cases.values()], options)
}

type Contact = { channel: string; day: number }

function dayOffset(from: number, to: number): number {
  return Math.floor((to - from) / MS_PER_DAY)
}
