import { existsSync, readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { compile } from '@dun/dsl'
import {
  buildFactView,
  customerCaseFacts,
  prepare,
  type CompiledPolicy,
  type CustomerCaseFacts,
} from '@dun/engine'
import { machineLine } from '../shared/machine.js'

/** Passes over the customers on the fast path: ~1 s, so a GC pause or a tier-up averages out. */
const FAST_ROUNDS = 100

/**
 * Decisions per second of `evaluateCustomer` on the fast path (closures) and the reference
 * path (json-rules-engine 7.3) over the same compiled rules and the same customers, in the
 * same run, and their ratio (target ≥ 200×).
 */
export async function runEvaluateBench(): Promise<void> {
  const policy = loadExample('saas-cards.dun')
  const customers = sampleCustomers(2_000)
  const now = Date.UTC(2026, 2, 20, 15)
  const fast = prepare(policy)
  const reference = prepare(policy, { path: 'reference' })
  // Both paths are measured warm (the JIT settled), the fast one long enough to be steady.
  for (let round = 0; round < FAST_ROUNDS / 10; round++)
    for (const facts of customers) fast.evaluateCustomer(facts, now)
  for (const facts of customers.slice(0, 200)) await reference.evaluateCustomer(facts, now)
  const fastRate = await measure(FAST_ROUNDS * customers.length, () => {
    for (let round = 0; round < FAST_ROUNDS; round++)
      for (const facts of customers) fast.evaluateCustomer(facts, now)
  })
  const referenceRate = await measure(customers.length, async () => {
    for (const facts of customers) await reference.evaluateCustomer(facts, now)
  })
  // The rules alone, on the same prebuilt fact views: closures vs json-rules-engine.
  const views = customers.map((facts) => buildFactView(facts, 0, now))
  for (const view of views) fast.runner.run({ view, trace: false })
  const fastRules = await measure(FAST_ROUNDS * views.length, () => {
    for (let round = 0; round < FAST_ROUNDS; round++)
      for (const view of views) fast.runner.run({ view, trace: false })
  })
  const referenceRules = await measure(views.length, async () => {
    for (const view of views) await reference.runner.run({ view, trace: false })
  })
  console.log(machineLine(['json-rules-engine', 'luxon', 'typescript']))
  console.log(
    `policy examples/saas-cards.dun: ${policy.rules.length} rules; ${customers.length} customers, one invoice each`,
  )
  console.log('                        wall clock    per CPU second')
  console.log(`fast path:      ${format(fastRate)} decisions/s`)
  console.log(`reference path: ${format(referenceRate)} decisions/s (json-rules-engine)`)
  console.log(`ratio:          ${ratio(fastRate, referenceRate)} (target ≥ 200×)`)
  console.log(`rules only:     ${format(fastRules)} evaluations/s (fast path)`)
  console.log(`                ${format(referenceRules)} evaluations/s (json-rules-engine)`)
  console.log(`rules ratio:    ${ratio(fastRules, referenceRules)}`)
}

/**
 * Operations per second by wall clock and per CPU second (user + system): on a machine
 * other jobs share, the wall clock also counts waiting for a core, and the two paths may
 * wait differently; CPU time does not.
 */
interface Rate {
  readonly wall: number
  readonly cpu: number
}

async function measure(operations: number, run: () => void | Promise<void>): Promise<Rate> {
  const cpuBefore = process.cpuUsage()
  const start = performance.now()
  await run()
  const wallMs = performance.now() - start
  const cpu = process.cpuUsage(cpuBefore)
  const cpuMs = (cpu.user + cpu.system) / 1000
  return { wall: operations / (wallMs / 1000), cpu: operations / (cpuMs / 1000) }
}

function format({ wall, cpu }: Rate): string {
  const number = (perSecond: number) => Math.round(perSecond).toLocaleString('en').padStart(11)
  return `${number(wall)} ${number(cpu)}`
}

function ratio(fast: Rate, reference: Rate): string {
  const times = (a: number, b: number) => `${(a / b).toFixed(0)}×`.padStart(11)
  return `${times(fast.wall, reference.wall)} ${times(fast.cpu, reference.cpu)}`
}

/** Deterministic customers spread over plans, zones, decline classes and days past due. */
function sampleCustomers(count: number): CustomerCaseFacts[] {
  const zones = ['America/New_York', 'Europe/Berlin', 'Asia/Tokyo', 'UTC']
  const day = 86_400_000
  return Array.from({ length: count }, (_, i) => {
    const due = Date.UTC(2026, 2, 1) + (i % 25) * day
    return customerCaseFacts.parse({
      customer: {
        id: `cus_${i}`,
        currency: 'USD',
        plan: i % 7 === 0 ? 'enterprise' : 'pro',
        arr: (i % 11) * 1_000_000,
        timezone: zones[i % zones.length],
      },
      cases: [
        {
          invoice: {
            id: `in_${i}`,
            amount_due: 10_000 + i,
            balance: 10_000 + i,
            currency: 'USD',
            issued_at: new Date(due - 30 * day).toISOString(),
            due_at: new Date(due).toISOString(),
            last_decline_class: i % 3 === 0 ? 'hard' : 'soft',
            last_decline_code: i % 3 === 0 ? 'lost_card' : 'insufficient_funds',
            first_failed_at: new Date(due + day).toISOString(),
          },
        },
      ],
    })
  })
}

function loadExample(name: string): CompiledPolicy {
  let folder = dirname(fileURLToPath(import.meta.url))
  while (!existsSync(join(folder, 'examples', name))) {
    const parent = dirname(folder)
    if (parent === folder)
      throw new Error(`examples/${name} not found above ${fileURLToPath(import.meta.url)}`)
    folder = parent
  }
  const { compiled, diagnostics } = compile(readFileSync(join(folder, 'examples', name), 'utf8'))
  if (!compiled)
    throw new Error(
      `examples/${name} does not compile: ${diagnostics.map((d) => d.message).join('; ')}`,
    )
  return compiled
}
