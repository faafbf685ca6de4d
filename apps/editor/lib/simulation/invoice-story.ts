import {
  applyEvent,
  episodeReplayInput,
  prepare,
  replay,
  type CompiledPolicy,
  type Decision,
  type Episode,
  type TimelineEntry,
} from '@dun/engine'

/** One invoice under one policy: what happened to it, day by day. */
export interface InvoiceStory {
  readonly invoiceId: string
  readonly customerId: string
  readonly currency: string
  readonly amountDue: number
  readonly issuedAt: number
  readonly dueAt: number
  readonly paidAt: number | null
  /** This invoice's executed, deferred and skipped steps, in time order. */
  readonly timeline: readonly TimelineEntry[]
}

/** Replays the invoice's episode again (the customer's overlapping invoices together, as simulated). */
export function invoiceStory(
  compiled: CompiledPolicy,
  episode: Episode,
  invoiceId: string,
): InvoiceStory {
  const record = episode.invoices.find((r) => r.invoice.id === invoiceId)
  if (!record) throw new Error(`invoice ${invoiceId} is not in this episode`)
  const policy = prepare(compiled)
  const { timeline } = policy.run(replay(policy, episodeReplayInput(episode)))
  return {
    invoiceId,
    customerId: record.customerId,
    currency: record.invoice.currency,
    amountDue: record.invoice.amount_due,
    issuedAt: record.invoice.issued_at,
    dueAt: record.invoice.due_at,
    paidAt: record.paidAt,
    timeline: timeline.filter((entry) => entry.invoiceId === invoiceId),
  }
}

/**
 * The engine's decision for the invoice at `at`, with its per-rule trace: the episode is
 * replayed up to that instant, then evaluated there with `trace: true`. Events before
 * `at` are replayed (each is a wake time, so all of them are applied); events at `at`
 * itself are applied before the evaluation, as the replay would.
 */
export function explainDecision(
  compiled: CompiledPolicy,
  episode: Episode,
  invoiceId: string,
  at: number,
): Decision | null {
  const policy = prepare(compiled)
  const input = episodeReplayInput(episode)
  const events = input.events ?? []
  const before = policy.run(
    replay(policy, { ...input, events: events.filter((e) => e.at < at), until: at }),
  )
  let facts = before.facts
  for (const event of events) if (event.at === at) facts = applyEvent(facts, event)
  const open = facts.cases.filter((c) => {
    const outcome = before.outcomes.get(c.invoice.id)
    return c.invoice.issued_at <= at && outcome !== 'stopped' && outcome !== 'rejected'
  })
  const decisions = policy.evaluateCustomer({ ...facts, cases: open }, at, { trace: true })
  return decisions.find((d) => d.invoiceId === invoiceId) ?? null
}
