import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { compile } from '@dun/dsl'
import {
  engineReplayer,
  simulate,
  type DunningEvent,
  type Episode,
  type ReplayedEpisode,
} from '@dun/engine'
import { recordEvent, runSchedulerPass, type ServiceContext } from '@dun/service'
import { invoiceRow, markCustomersDue, upsertCustomers, upsertInvoices } from '@dun/store'
import { freshPostgres, postgresFor, type TestDatabase } from '@dun/store/testing'
import { openInputs } from '../src/simulate/inputs.js'
import { publishPolicy, readLedger } from './scheduler-fixtures.js'

// DESIGN.md's promise: for the same invoices and events, the runner driven at each wake
// time records the same (invoice, step id, action, due time) set as the simulator.
const examples = join(import.meta.dirname, '../../../examples')
const POLICY = readFileSync(join(examples, 'saas-cards.dun'), 'utf8')
const CUSTOMERS = 30

const problem = await postgresFor('the simulation-equals-runner test')

describe.skipIf(problem !== null)('the runner does what the simulation says', () => {
  let database: TestDatabase
  const episodes: { episode: Episode; replayed: ReplayedEpisode }[] = []

  beforeAll(async () => {
    const compiled = compile(POLICY).compiled!
    const source = await openInputs(
      {
        invoices: join(examples, 'data/sample-invoices.csv'),
        customers: join(examples, 'data/sample-customers.csv'),
        events: join(examples, 'data/sample-events.jsonl'),
      },
      () => {},
    )
    const all: typeof episodes = []
    await simulate(source, [{ compiled, replay: engineReplayer(compiled) }], {
      hooks: { onEpisode: (_, episode, replayed) => all.push({ episode, replayed }) },
    })
    // A few hundred invoices: every episode of the first customers (a customer's caps and
    // quiet hours span all their invoices, so a customer is taken whole).
    const chosen = new Set(
      [...new Set(all.map((e) => e.episode.customer.customer.id))].sort().slice(0, CUSTOMERS),
    )
    episodes.push(...all.filter((e) => chosen.has(e.episode.customer.customer.id)))
    database = await freshPostgres('simulation_equals_runner')
  }, 60_000)

  afterAll(async () => {
    await database?.close()
  })

  it('records the same executed and skipped steps as the simulator’s replay', async () => {
    const start = Math.min(
      ...episodes.flatMap((e) => e.episode.invoices.map((i) => i.invoice.issued_at)),
    )
    const ctxAt = (at: number): ServiceContext => ({
      db: database.db,
      workspace: 'default',
      now: () => new Date(at),
    })
    await publishPolicy(ctxAt(start), POLICY)
    const db = database.db
    const customers = new Map(
      episodes.map((e) => [e.episode.customer.customer.id, e.episode.customer]),
    )
    await upsertCustomers(
      db,
      'default',
      [...customers.values()].map((c) => ({ customer: c.customer, history: c.history })),
    )
    await upsertInvoices(
      db,
      episodes.flatMap((e) =>
        e.episode.invoices.map((i) =>
          invoiceRow('default', e.episode.customer.customer.id, i.invoice),
        ),
      ),
    )
    await markCustomersDue(db, 'default', [...customers.keys()], new Date(start))
    const events = episodes.flatMap((e) => e.episode.events).sort((a, b) => a.at - b.at)

    // The runner's clock: each next wake time or event time, as `dun runner tick --now` would be driven.
    let next = 0
    let passes = 0
    for (;;) {
      const wake = await db
        .selectFrom('customer_schedule')
        .select((eb) => eb.fn.min('next_action_at').as('at'))
        .executeTakeFirstOrThrow()
      const at = Math.min(
        wake.at === null ? Infinity : new Date(wake.at).getTime(),
        events[next]?.at ?? Infinity,
      )
      if (at === Infinity) break
      for (; next < events.length && events[next]!.at <= at; next++) {
        await recordEvent(ctxAt(events[next]!.at), {
          ...eventInput(events[next]!),
          event_key: `e${next}`,
        })
      }
      await runSchedulerPass(ctxAt(at), new Date(at))
      expect(++passes).toBeLessThan(20_000)
    }

    const ledger = await readLedger(db)
    const runner = ledger
      .filter((l) => l.status === 'pending')
      .map(
        (l) =>
          `${l.invoiceId} ${l.stepId} ${l.actionType} ${new Date(l.scheduledAt).toISOString()}`,
      )
    const simulated = episodes.flatMap(({ replayed }) =>
      replayed.executed.map(
        (x) =>
          `${x.invoiceId} ${x.stepId} ${x.action.type} ${new Date(x.scheduledAt).toISOString()}`,
      ),
    )
    expect(simulated.length).toBeGreaterThan(100)
    expect(runner.sort()).toEqual(simulated.sort())
    const runnerSkips = ledger
      .filter((l) => l.status === 'skipped')
      .map((l) => `${l.invoiceId} ${l.stepId}`)
    const simulatedSkips = episodes.flatMap(({ replayed }) =>
      replayed.skips.map((s) => `${s.invoiceId} ${s.stepId}`),
    )
    expect(runnerSkips.sort()).toEqual(simulatedSkips.sort())
  }, 120_000)
})

/** The event as the API receives it: instants as ISO text. */
function eventInput(event: DunningEvent): Record<string, unknown> {
  const at = new Date(event.at).toISOString()
  return event.type === 'promise_to_pay'
    ? { ...event, at, until: new Date(event.until).toISOString() }
    : { ...event, at }
}
