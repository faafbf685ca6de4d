#!/usr/bin/env node
// Writes a synthetic dataset (invoices CSV, customers CSV, events JSONL) with the seeded
// generator of @dun/engine. Build first (`npx tsc -b`), then:
//   node examples/data/generate.mjs --invoices 1000000 --seed bench --out /tmp/dun-1m
import { createWriteStream, mkdirSync } from 'node:fs'
import { once } from 'node:events'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { generateDataset } from '@dun/engine'

const usage =
  'usage: node examples/data/generate.mjs [--invoices N] [--customers N] [--seed S] [--start YYYY-MM-DD] [--out DIR] [--prefix NAME]\n' +
  '  --customers: how many customers bill those invoices (default: one per ten invoices, about a year of history; fewer make a longer one)'

function options() {
  try {
    const { values } = parseArgs({
      options: {
        invoices: { type: 'string', default: '3000' },
        customers: { type: 'string' },
        seed: { type: 'string', default: 'dun' },
        start: { type: 'string', default: '2023-01-01' },
        out: { type: 'string', default: '.' },
        prefix: { type: 'string', default: 'generated' },
      },
    })
    const invoices = wholeNumber('--invoices', values.invoices)
    const customers =
      values.customers === undefined ? undefined : wholeNumber('--customers', values.customers)
    return { ...values, invoices, customers }
  } catch (error) {
    console.error(`${error.message}\n${usage}`)
    process.exit(2)
  }
}

function wholeNumber(flag, text) {
  const n = Number(text)
  if (!Number.isSafeInteger(n) || n < 1) throw new Error(`${flag} "${text}" is not a positive whole number`)
  return n
}

const { invoices, customers, seed, start, out, prefix } = options()
mkdirSync(out, { recursive: true })
const names = {
  invoices: `${prefix}-invoices.csv`,
  customers: `${prefix}-customers.csv`,
  events: `${prefix}-events.jsonl`,
}
const streams = Object.fromEntries(
  Object.entries(names).map(([file, name]) => [file, createWriteStream(join(out, name))]),
)
for (const chunk of generateDataset({ seed, invoices, start, customers })) {
  // Respect back-pressure so a million invoices stream through bounded memory.
  if (!streams[chunk.file].write(chunk.text)) await once(streams[chunk.file], 'drain')
}
await Promise.all(Object.values(streams).map((stream) => new Promise((done) => stream.end(done))))
console.log(
  `wrote ${invoices} invoices to ${Object.values(names)
    .map((name) => join(out, name))
    .join(', ')}`,
)
