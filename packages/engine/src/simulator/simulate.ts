import type { CustomerRecord, EventRecord, InvoiceRecord } from '../dataset/records.js'
import { asIssued } from './as-issued.js'
import { byIssueThenId, episodeAlone } from './episode-grouper.js'
import { episodeReplays, type ReplayingPolicy } from './episode-replays.js'
import { FirstSteps } from './first-steps.js'
import { paidBeforeAnyStep } from './inert.js'
import { inPartition, type Partition } from './partition.js'
import { policySpan } from './policy-span.js'
import { ReadAgain } from './read-again.js'
import { EventBeforeReplayed } from './live-episode.js'
import type { Episode, ReplayedEpisode } from './replay-port.js'
import type { RowErrorSummary, SimulationReport } from './report.js'
import { ReportBuilder } from './report-builder.js'
import { notesFor } from './report-notes.js'
import type { ResponseModel } from './response-model.js'
import { SoloReplays } from './solo-replays.js'

/** Where the rows come from. Browser-safe: iterables of records, never file paths. */
export interface SimulationSource {
  /**
   * Opens the invoices, a batch of rows at a time, in file order; opened again only when a
   * pass cannot be used. Given a partition, a
   * source may leave out the invoices of other partitions' customers (a worker then builds
   * only its share of a large file); the reports then count only the rows it yields. When
   * it cannot vouch for the whole file that way (out of order, no usable row in its share),
   * it throws `ReadAgain`, and the simulation opens it again (without the partition, unless
   * the `ReadAgain` says it still holds).
   */
  readonly invoices: (partition: Partition | null) => AsyncIterable<readonly InvoiceRecord[]>
  /** The customer of an invoice (from a customers file, or derived from the invoice). */
  readonly customerFor: (record: InvoiceRecord) => CustomerRecord
  /** Outside events of one invoice of the batch last yielded, any order. */
  readonly eventsFor: (invoiceId: string) => readonly EventRecord[]
  /** Rows that could not be read, in every file; asked for once the invoices are read. */
  readonly rowErrors: () => RowErrorSummary
}

/**
 * One policy to simulate, with the engine path that replays it, and optionally the same
 * path replaying long episodes as their invoices arrive (`liveReplayer`), so that such an
 * episode holds only its live part. Used when every policy has one; the hooks then see a
 * long episode in parts (without their events), each once its invoices can no longer change.
 */
export type SimulatedPolicy = ReplayingPolicy

export interface SimulationOptions {
  /** Epoch ms: invoices issued before `from` or at/after `to` are left out; the replay stops at `to`. */
  readonly from?: number | null
  readonly to?: number | null
  readonly responseModel?: ResponseModel | null
  readonly hooks?: SimulationHooks
  /**
   * Simulate only the customers of one partition, to spread a large file over workers
   * that each read all of it; `mergeReports` adds the parts up to the whole.
   */
  readonly partition?: Partition | null
}

export interface SimulationHooks {
  /** Each replayed episode, per policy (index in the list given), e.g. to write a timeline. */
  readonly onEpisode?: (policyIndex: number, episode: Episode, replayed: ReplayedEpisode) => void
  /** The input turned out unsorted: everything reported so far is void; it starts again sorted. */
  readonly onRestart?: () => void
}

class UnsortedInput extends Error {}

/**
 * Replays historical invoices under one or more policies (the same invoices for each) and
 * returns one report per policy. Input sorted by issue date streams; unsorted input is
 * detected on the way, then read again and sorted in memory, and the reports say so.
 */
export async function simulate(
  source: SimulationSource,
  policies: readonly SimulatedPolicy[],
  options: SimulationOptions = {},
): Promise<SimulationReport[]> {
  let partition = options.partition ?? null
  let sorted = true
  let live = policies.every((policy) => policy.live !== undefined)
  // each restart gives something up for good (the partition, the events beside the
  // invoices, the order, live replays): a source that asks for more passes is broken
  for (let pass = 1; pass <= MAX_PASSES; pass++) {
    try {
      const invoices = sorted ? inFileOrder(source, partition) : await inIssueOrder(source)
      return await runPass(source, policies, options, invoices, { sorted, live })
    } catch (error) {
      if (error instanceof UnsortedInput) sorted = false
      else if (error instanceof EventBeforeReplayed) live = false
      else if (!(error instanceof ReadAgain)) throw error
      else if (error.wholeFile) partition = null
      options.hooks?.onRestart?.()
    }
  }
  throw new Error(
    `the simulation started again ${MAX_PASSES} times: its source keeps asking to be read again`,
  )
}

const MAX_PASSES = 5

/** The invoices of one pass, and their events. */
interface Pass {
  readonly invoices: AsyncIterable<readonly InvoiceRecord[]>
  readonly eventsFor: (invoiceId: string) => readonly EventRecord[]
}

function inFileOrder(source: SimulationSource, partition: Partition | null): Pass {
  return { invoices: source.invoices(partition), eventsFor: source.eventsFor }
}

/** Every invoice in memory, sorted by issue date, with its events looked up as it was read. */
async function inIssueOrder(source: SimulationSource): Promise<Pass> {
  const all: InvoiceRecord[] = []
  const events = new Map<string, readonly EventRecord[]>()
  for await (const batch of source.invoices(null)) {
    for (const record of batch) {
      all.push(record)
      const own = source.eventsFor(record.invoice.id)
      if (own.length > 0) events.set(record.invoice.id, own)
    }
  }
  all.sort(byIssueThenId)
  return { invoices: oneBatch(all), eventsFor: (id) => events.get(id) ?? [] }
}

async function runPass(
  source: SimulationSource,
  policies: readonly SimulatedPolicy[],
  options: SimulationOptions,
  { invoices, eventsFor }: Pass,
  { sorted: sortedByIssueDate, live }: { readonly sorted: boolean; readonly live: boolean },
): Promise<SimulationReport[]> {
  const from = options.from ?? null
  const to = options.to ?? null
  const span = policySpan(policies.map((p) => p.compiled))
  const firstSteps = new FirstSteps(span)
  const builders = policies.map((p) => new ReportBuilder(p.compiled, options.responseModel ?? null))
  const solo = new SoloReplays(
    policies.map((p, i) => ({ replay: p.replay, accepts: (r) => builders[i]!.accepts(r) })),
    span,
  )
  const targets = { builders, onEpisode: options.hooks?.onEpisode, horizon: to }
  const episodes = episodeReplays(policies, span, targets, live)
  const partition = options.partition ?? null
  let read = 0
  let outsideWindow = 0
  let latestIssue = -Infinity
  for await (const batch of invoices) {
    for (const record of batch) {
      read += 1
      const issuedAt = record.invoice.issued_at
      if (issuedAt < latestIssue) throw new UnsortedInput()
      latestIssue = issuedAt
      if (partition !== null && !inPartition(record.customerId, partition)) continue
      if ((from !== null && issuedAt < from) || (to !== null && issuedAt >= to)) {
        outsideWindow += 1
        continue
      }
      const events = eventsFor(record.invoice.id)
      const customer = source.customerFor(record)
      const issued = asIssued(record, events)
      let untouched =
        paidBeforeAnyStep(issued, events, customer, span, firstSteps) ||
        solo.leftAlone(issued, () => episodeAlone(issued, customer, events, to))
      if (untouched instanceof Promise) untouched = await untouched
      if (untouched) {
        for (const builder of builders) builder.addUntouched(issued)
        continue
      }
      const closing = episodes.add(issued, customer, events)
      if (closing instanceof Promise) await closing
    }
  }
  await episodes.finish()
  const input = {
    invoicesRead: read,
    outsideWindow,
    sortedByIssueDate,
    rowErrors: source.rowErrors(),
  }
  const window = { from: isoOrNull(from), to: isoOrNull(to) }
  return builders.map((builder) => {
    const report = builder.build(input, window)
    return { ...report, notes: notesFor(report, span.memoryMs) }
  })
}

async function* oneBatch(records: readonly InvoiceRecord[]): AsyncIterable<InvoiceRecord[]> {
  yield records as InvoiceRecord[]
}

function isoOrNull(at: number | null): string | null {
  return at === null ? null : new Date(at).toISOString()
}
