import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { compile } from '@dun/dsl'
import { engineReplayer, simulate, type Partition } from '@dun/engine'
import { openInputs, type InputFiles } from '../src/simulate/inputs.js'

const examples = join(import.meta.dirname, '../../../examples')
const data = (file: string) => join(examples, 'data', file)
const compiled = compile(readFileSync(join(examples, 'saas-cards.dun'), 'utf8')).compiled!
const lines = readFileSync(data('sample-events.jsonl'), 'utf8').trim().split('\n')
/** Two lines the events reader cannot use, first in every variant, so their row numbers agree. */
const BAD = ['{"type":"payment_failed","invoice_id":"in_00000004"}', 'not json']

const dir = mkdtempSync(join(tmpdir(), 'dun-simulate-events-'))

/**
 * The sample's events as listed by `order`, after the two bad lines. Always the same file
 * (its name is in the row errors), so run each variant before writing the next.
 */
function eventsFile(order: (lines: string[]) => string[]): string {
  const file = join(dir, 'events.jsonl')
  writeFileSync(file, [...BAD, ...order([...lines])].join('\n') + '\n')
  return file
}

async function run(events: string | undefined, partition: Partition | null = null) {
  const files: InputFiles = {
    invoices: data('sample-invoices.csv'),
    customers: data('sample-customers.csv'),
    ...(events === undefined ? {} : { events }),
  }
  const source = await openInputs(files, () => {}, partition)
  let restarts = 0
  const [report] = await simulate(
    source,
    [{ compiled, replay: engineReplayer(compiled, 'fast') }],
    { partition, hooks: { onRestart: () => (restarts += 1) } },
  )
  return { report: report!, restarts, partial: source.partial() }
}

const byTime = (all: string[]) =>
  all.sort((a, b) => Date.parse(JSON.parse(a).at) - Date.parse(JSON.parse(b).at))

describe('the events file read beside the invoices', () => {
  it('streams an events file listed in the invoices’ order, and reads any other order whole to the same report', async () => {
    const aligned = await run(eventsFile((all) => all))
    const sorted = await run(eventsFile(byTime))
    expect(aligned.restarts).toBe(0)
    expect(sorted.restarts).toBe(1)
    expect(sorted.report).toEqual(aligned.report)
    expect(aligned.report.actions.total).toBeGreaterThan(100)
    // the events count: without them the policy sees no declines and does otherwise
    const none = await run(undefined)
    expect(none.report.actions).not.toEqual(aligned.report.actions)
  })

  it('reports the events file’s bad rows once, before the invoices’, however it was read', async () => {
    for (const order of [(all: string[]) => all, byTime]) {
      const { report } = await run(eventsFile(order))
      expect(report.input.rowErrors.total).toBe(2)
      expect(report.input.rowErrors.first.map((error) => error.row)).toEqual([1, 2])
    }
  })

  it('ends with the first problem when no event can be used', async () => {
    await expect(run(eventsFile(() => []))).rejects.toThrow(
      /events\.jsonl: none of its 2 rows could be read; the first problem: .*row 1, column 'at'/,
    )
  })

  it('keeps a part to its own rows when only the events must be read again', async () => {
    const partition = { index: 1, count: 2 }
    const sorted = await run(eventsFile(byTime), partition)
    const aligned = await run(
      eventsFile((all) => all),
      partition,
    )
    expect(sorted.restarts).toBe(1)
    expect(sorted.partial).toBe(true)
    expect(sorted.report).toEqual(aligned.report)
    // part 1 counts its own invoice rows only, and leaves the events file's errors to part 0
    expect(sorted.report.input.invoicesRead).toBeLessThan(2000)
    expect(sorted.report.input.rowErrors.total).toBe(0)
  })
})
