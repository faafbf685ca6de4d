import { sql, type Kysely } from 'kysely'
import type { Action, Channel } from '@dun/engine'
import type { ActionRow, ActionStatus, Database } from '@dun/store'
import {
  upsertCustomers,
  upsertInvoices,
  type CustomerInput,
  type ServiceContext,
} from '@dun/service'
import {
  DeliveryError,
  type MessageChannel,
  type OutgoingMessage,
} from '../src/channels/message.js'
import type { BillingEvent, BillingSink } from '../src/channels/billing.js'
import { DEFAULT_RETRY, type DeliveryDeps } from '../src/delivery/deps.js'
import { simulatedGateway } from '../src/payments/simulated-gateway.js'
import { directoryTemplates } from '../src/templates/template-store.js'

/** Shared by the delivery tests: a tiny live dataset and ledger rows written directly. */
export const TEMPLATES = new URL('../../../examples/templates', import.meta.url).pathname

export async function resetLedger(db: Kysely<Database>): Promise<void> {
  await sql`truncate customers, invoices, payment_events, customer_schedule, dunning_cases, dunning_actions, outbox_messages, policies, policy_versions cascade`.execute(
    db,
  )
}

export async function seedCustomer(
  ctx: ServiceContext,
  customer: CustomerInput,
  invoiceIds: readonly string[],
): Promise<void> {
  await upsertCustomers(ctx, [customer])
  await upsertInvoices(
    ctx,
    invoiceIds.map((id, index) => ({
      id,
      customer_id: customer.id,
      amount_due: 12_345 + index * 1000,
      balance: 12_345 + index * 1000,
      currency: 'EUR',
      issued_at: '2026-01-01T00:00:00Z',
      due_at: `2026-01-${String(15 + index).padStart(2, '0')}T00:00:00Z`,
    })),
  )
}

let version: string | null = null

/** One open case per invoice (under a stub policy version) and one ledger row for it. */
export async function addAction(
  db: Kysely<Database>,
  row: {
    customerId: string
    invoiceId: string
    action: Action
    status?: ActionStatus
    key?: string
    decidedAt?: string
  },
): Promise<string> {
  version = await stubVersion(db)
  const existing = await db
    .selectFrom('dunning_cases')
    .select('id')
    .where('invoice_id', '=', row.invoiceId)
    .executeTakeFirst()
  const caseId =
    existing?.id ??
    (
      await db
        .insertInto('dunning_cases')
        .values({
          workspace_id: 'default',
          invoice_id: row.invoiceId,
          customer_id: row.customerId,
          policy_version_id: version,
          state: 'active',
          segment: 'everyone',
        })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id
  const decidedAt = row.decidedAt ?? '2026-02-01T09:00:00Z'
  const inserted = await db
    .insertInto('dunning_actions')
    .values({
      workspace_id: 'default',
      case_id: caseId,
      customer_id: row.customerId,
      invoice_id: row.invoiceId,
      step_id: `everyone/${row.action.type}/${row.key ?? row.invoiceId}`,
      action: JSON.stringify(row.action),
      action_type: row.action.type,
      status: row.status ?? 'pending',
      idempotency_key: row.key ?? `${row.invoiceId}/${row.action.type}`,
      scheduled_at: decidedAt,
      decided_at: decidedAt,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  return inserted.id
}

async function stubVersion(db: Kysely<Database>): Promise<string> {
  const found = await db.selectFrom('policy_versions').select('id').executeTakeFirst()
  if (found) return found.id
  const policy = await db
    .insertInto('policies')
    .values({ workspace_id: 'default', name: 'stub', live_version_id: null })
    .returning('id')
    .executeTakeFirstOrThrow()
  const created = await db
    .insertInto('policy_versions')
    .values({
      workspace_id: 'default',
      policy_id: policy.id,
      number: 1,
      source: 'policy "stub" {}',
      compiled: JSON.stringify({}),
      content_hash: 'stub',
      author: 'ada',
      comment: '',
      state: 'published',
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  return created.id
}

export async function actionRow(db: Kysely<Database>, id: string): Promise<ActionRow> {
  return db.selectFrom('dunning_actions').selectAll().where('id', '=', id).executeTakeFirstOrThrow()
}

/** A channel that records what it was asked to send, and fails while `failures` lasts. */
export interface RecordingChannel extends MessageChannel {
  readonly sent: OutgoingMessage[]
  failures: number
}

export function recordingChannel(idempotent = true): RecordingChannel {
  const channel: RecordingChannel = {
    idempotent,
    sent: [],
    failures: 0,
    async send(message) {
      if (channel.failures > 0) {
        channel.failures--
        throw new DeliveryError('provider answered 503')
      }
      channel.sent.push(message)
      return { providerId: `p-${channel.sent.length}`, transport: 'test' }
    },
  }
  return channel
}

export function recordingBilling(): BillingSink & { events: BillingEvent[] } {
  const events: BillingEvent[] = []
  return {
    events,
    async send(event) {
      events.push(event)
      return { providerId: `b-${events.length}`, transport: 'test' }
    },
  }
}

/** Deterministic deps: recording channels, no jitter (random 0.5), the simulated gateway. */
export function testDeps(
  overrides: Partial<DeliveryDeps> & { email?: RecordingChannel } = {},
): DeliveryDeps & { channels: Record<Channel, RecordingChannel> } {
  const channels: Record<Channel, RecordingChannel> = {
    email: overrides.email ?? recordingChannel(false),
    sms: recordingChannel(),
    letter: recordingChannel(),
    webhook: recordingChannel(),
    in_app: recordingChannel(),
  }
  return {
    billing: recordingBilling(),
    payments: simulatedGateway({ seed: 'test' }),
    templates: directoryTemplates(TEMPLATES),
    recordEvent: async () => ({ applied: true }),
    retry: { ...DEFAULT_RETRY, maxAttempts: 3, random: () => 0.5 },
    batchSize: 10,
    leaseMs: 5 * 60_000,
    consolidateEmail: true,
    ...overrides,
    channels,
  }
}
