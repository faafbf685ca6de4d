import { createReadStream, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { compile } from '@dun/dsl'
import {
  customerFacts,
  engineReplayer,
  readCustomers,
  readEvents,
  readInvoices,
  RowErrorTally,
  simulate,
  type CustomerRecord,
  type EventRecord,
} from '@dun/engine'

/**
 * One simulation run of `simulate-bench.ts`, in its own process so its peak memory is its
 * own: `node simulate-bench-child.js POLICY DIR PREFIX`. Replies with one JSON line.
 */
const [policyFile, dir, prefix] = process.argv.slice(2) as [string, string, string]
const compiled = compile(readFileSync(policyFile, 'utf8')).compiled
if (!compiled) throw new Error(`${policyFile} does not compile`)

let peakRss = 0
const sample = () => (peakRss = Math.max(peakRss, process.memoryUsage.rss()))
const sampler = setInterval(sample, 20)

const start = performance.now()
const file = (name: string) => join(dir, `${prefix}-${name}`)
const errors = new RowErrorTally()
const onRowError = errors.add.bind(errors)
const customers = new Map<string, CustomerRecord>()
for await (const record of readCustomers(createReadStream(file('customers.csv'), 'utf8'), {
  file: 'customers.csv',
  onRowError,
})) {
  customers.set(record.customer.id, record)
}
const events = new Map<string, EventRecord[]>()
for await (const event of readEvents(createReadStream(file('events.jsonl'), 'utf8'), {
  file: 'events.jsonl',
  onRowError,
})) {
  const list = events.get(event.invoice_id)
  if (list) list.push(event)
  else events.set(event.invoice_id, [event])
}
const [report] = await simulate(
  {
    invoices: () =>
      readInvoices(createReadStream(file('invoices.csv'), 'utf8'), {
        file: 'invoices.csv',
        onRowError,
      }),
    customerFor: (record) =>
      customers.get(record.customerId) ??
      record.customer ?? {
        customer: customerFacts.parse({ id: record.customerId, currency: record.invoice.currency }),
        history: null,
      },
    eventsFor: (invoiceId) => events.get(invoiceId) ?? [],
    rowErrors: () => errors.summary(),
  },
  [{ compiled, replay: engineReplayer(compiled) }],
)
const ms = performance.now() - start
clearInterval(sampler)
sample()
process.stdout.write(
  `${JSON.stringify({
    ms,
    invoices: report!.input.invoicesRead,
    actions: report!.actions.total,
    rowErrors: report!.input.rowErrors.total,
    peakRss,
    maxRss: process.resourceUsage().maxRSS * 1024,
  })}\n`,
)
