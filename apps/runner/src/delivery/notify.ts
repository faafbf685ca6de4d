import { createHash } from 'node:crypto'
import type { Channel, CustomerFacts, InvoiceFacts, NotifyAction } from '@dun/engine'
import type { ActionRow } from '@dun/store'
import type { ServiceContext } from '@dun/service'
import { DeliveryError, type MessageChannel } from '../channels/message.js'
import { messageView } from '../templates/message-view.js'
import { renderMessage } from '../templates/render.js'
import type { DeliveryRecord } from './delivery-record.js'
import type { DeliveryDeps } from './deps.js'
import type { RowResult } from './row-result.js'

/** One notify row of a batch, with the channels still to deliver. */
export interface NotifyJob {
  readonly row: ActionRow
  readonly action: NotifyAction
  readonly customer: CustomerFacts
  readonly invoice: InvoiceFacts
  readonly record: DeliveryRecord
  /** Not done by an earlier attempt and not opted out since the decision. */
  readonly remaining: readonly Channel[]
  readonly optedOut: readonly Channel[]
}

export function planNotify(
  row: ActionRow,
  action: NotifyAction,
  customer: CustomerFacts,
  invoice: InvoiceFacts,
  record: DeliveryRecord,
): NotifyJob {
  // The engine dropped opted-out channels when it decided; the customer may have opted out since.
  const optedOut = action.channels.filter((c) => customer.opted_out.includes(c))
  const remaining = action.channels.filter((c) => !optedOut.includes(c) && !record.channels[c])
  return { row, action, customer, invoice, record, remaining, optedOut }
}

/** True when some remaining channel cannot de-duplicate: mark the row `sending` first. */
export function needsSendingMark(
  job: NotifyJob,
  channels: Readonly<Record<Channel, MessageChannel>>,
): boolean {
  return job.remaining.some((channel) => !channels[channel].idempotent)
}

/** One message to send: a channel and the rows it covers (several when consolidated). */
interface Send {
  readonly channel: Channel
  readonly jobs: readonly NotifyJob[]
}

/**
 * Delivers the notify rows of a batch. Email to one customer with one template is merged
 * into one message listing every invoice when `consolidateEmail` is on; every other
 * channel sends one message per row. Returns each row's result.
 */
export async function deliverNotifications(
  jobs: readonly NotifyJob[],
  ctx: ServiceContext,
  deps: DeliveryDeps,
  now: Date,
): Promise<Map<string, RowResult>> {
  const errors = new Map<string, Map<Channel, DeliveryError>>(
    jobs.map((job) => [job.row.id, new Map()]),
  )
  for (const send of plannedSends(jobs, deps.consolidateEmail)) {
    try {
      const receipt = await sendOne(send, ctx, deps, now)
      const ids = send.jobs.map((job) => job.row.id)
      for (const job of send.jobs) {
        const shared = ids.filter((id) => id !== job.row.id)
        job.record.channels[send.channel] = {
          provider_id: receipt.providerId,
          transport: receipt.transport,
          at: now.toISOString(),
          ...(shared.length > 0 ? { shared_with: shared } : {}),
          ...(receipt.response === undefined ? {} : { response: receipt.response }),
        }
      }
    } catch (error) {
      const failure =
        error instanceof DeliveryError ? error : new DeliveryError((error as Error).message)
      for (const job of send.jobs) {
        errors.get(job.row.id)!.set(send.channel, failure)
      }
    }
  }
  return new Map(jobs.map((job) => [job.row.id, resultOf(job, errors.get(job.row.id)!)]))
}

function plannedSends(jobs: readonly NotifyJob[], consolidateEmail: boolean): Send[] {
  const sends: Send[] = []
  const emailGroups = new Map<string, NotifyJob[]>()
  for (const job of jobs) {
    for (const channel of job.remaining) {
      if (channel === 'email' && consolidateEmail) {
        const key = `${job.customer.id}\u0000${job.action.template}`
        const group = emailGroups.get(key) ?? []
        group.push(job)
        emailGroups.set(key, group)
      } else {
        sends.push({ channel, jobs: [job] })
      }
    }
  }
  for (const group of emailGroups.values()) sends.push({ channel: 'email', jobs: group })
  return sends
}

async function sendOne(send: Send, ctx: ServiceContext, deps: DeliveryDeps, now: Date) {
  const jobs = [...send.jobs].sort(
    (a, b) => a.invoice.due_at - b.invoice.due_at || a.invoice.id.localeCompare(b.invoice.id),
  )
  const first = jobs[0]!
  const loaded = await deps.templates.load(first.action.template, first.customer.language)
  const view = messageView(
    first.customer,
    jobs.map((job) => job.invoice),
    now.getTime(),
  )
  return deps.channels[send.channel].send(
    {
      channel: send.channel,
      idempotencyKey: messageKey(jobs.map((job) => job.row.idempotency_key)),
      customer: first.customer,
      invoiceIds: jobs.map((job) => job.invoice.id),
      template: first.action.template,
      content: renderMessage(loaded, view, send.channel),
    },
    ctx,
  )
}

/** A row's own key; for a merged message, one key derived from every row's key. */
function messageKey(keys: readonly string[]): string {
  if (keys.length === 1) return keys[0]!
  const digest = createHash('sha256')
    .update([...keys].sort().join('\n'))
    .digest('hex')
  return `merged:${digest.slice(0, 40)}`
}

function resultOf(job: NotifyJob, errors: ReadonlyMap<Channel, DeliveryError>): RowResult {
  if (errors.size > 0) {
    const failures = [...errors]
    const message = failures.map(([channel, error]) => `${channel}: ${error.message}`).join('; ')
    const permanent = failures.some(([, error]) => error.permanent)
    const record = {
      ...job.record,
      errors: Object.fromEntries(failures.map(([channel, error]) => [channel, error.message])),
    }
    return { kind: 'error', error: new DeliveryError(message, permanent), record }
  }
  const { errors: _previous, ...record } = job.record
  const detail =
    job.optedOut.length > 0
      ? `customer opted out of ${job.optedOut.join(', ')} since the step was decided`
      : null
  const anyDone = job.action.channels.some((channel) => record.channels[channel])
  return { kind: 'done', status: anyDone ? 'sent' : 'skipped', record, detail }
}
