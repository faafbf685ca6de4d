import { execFile } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { describe, expect, it } from 'vitest'
import { inPartition, type SimulationReport } from '@dun/engine'

// Worker threads load the built JavaScript, so this runs the built `dun` (npm test builds first).
const bin = join(import.meta.dirname, '../bin/dun.js')
const built = join(import.meta.dirname, '../dist/simulate/simulate-worker.js')
const examples = join(import.meta.dirname, '../../../examples')

interface Inputs {
  readonly invoices: string
  readonly customers: string
  readonly events: string
}

const SAMPLES: Inputs = {
  invoices: join(examples, 'data/sample-invoices.csv'),
  customers: join(examples, 'data/sample-customers.csv'),
  events: join(examples, 'data/sample-events.jsonl'),
}

async function dun(
  workers: number,
  dir: string,
  inputs: Inputs = SAMPLES,
): Promise<{ json: string; timeline: string[] }> {
  const json = join(dir, `w${workers}.json`)
  const timeline = join(dir, `w${workers}.jsonl`)
  await promisify(execFile)(
    process.execPath,
    [
      bin,
      'simulate',
      join(examples, 'saas-cards.dun'),
      '--invoices',
      inputs.invoices,
      '--customers',
      inputs.customers,
      '--events',
      inputs.events,
      '--json',
      json,
      '--timeline',
      timeline,
    ],
    { env: { ...process.env, DUN_SIMULATE_WORKERS: String(workers) } },
  )
  return {
    json: readFileSync(json, 'utf8'),
    timeline: readFileSync(timeline, 'utf8').trim().split('\n'),
  }
}

/** The samples with their invoice rows changed by `edit` (header kept), in `dir`. */
function samplesWith(dir: string, edit: (rows: string[]) => string[]): Inputs {
  const [header, ...rows] = readFileSync(SAMPLES.invoices, 'utf8').trim().split('\n')
  const invoices = join(dir, 'invoices.csv')
  writeFileSync(invoices, [header, ...edit(rows)].join('\n') + '\n')
  return { ...SAMPLES, invoices }
}

/** One thread and three workers (each building only its customers' rows) agree byte for byte. */
async function sameOnWorkers(inputs: (dir: string) => Inputs) {
  const dir = mkdtempSync(join(tmpdir(), 'dun-simulate-workers-'))
  const files = inputs(dir)
  const one = await dun(1, dir, files)
  const three = await dun(3, dir, files)
  expect(three.json).toBe(one.json)
  return JSON.parse(one.json) as SimulationReport
}

describe('dun simulate on worker threads', () => {
  it('gives byte-identical JSON and the same timeline as one thread', async () => {
    expect(existsSync(built), `${built} is missing: run npx tsc -b first`).toBe(true)
    const dir = mkdtempSync(join(tmpdir(), 'dun-simulate-workers-'))
    const one = await dun(1, dir)
    const three = await dun(3, dir)
    expect(JSON.parse(one.json).actions.total).toBeGreaterThan(100)
    expect(three.json).toBe(one.json)
    expect([...three.timeline].sort()).toEqual([...one.timeline].sort())
  })

  it('adds up rows read and row errors of parts that read only their own rows', async () => {
    const report = await sameOnWorkers((dir) =>
      samplesWith(dir, (rows) =>
        rows.map((row, i) => (i % 97 === 5 ? row.replace(/,(USD|EUR|GBP),/, ',XXX,') : row)),
      ),
    )
    expect(report.input.rowErrors.total).toBeGreaterThan(25)
    expect(report.input.rowErrors.first).toHaveLength(20)
    expect(report.input.sortedByIssueDate).toBe(true)
  })

  it('stops its workers when the policy does not compile, and reports an unreadable file after the policy is known good', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'dun-simulate-workers-'))
    const broken = join(dir, 'broken.dun')
    writeFileSync(
      broken,
      'policy "x" {\n  currencies USD\n  segment everyone {\n    day 0 emial "r"\n  }\n}\n',
    )
    const run = (policy: string, events: string) =>
      promisify(execFile)(
        process.execPath,
        [bin, 'simulate', policy, '--invoices', SAMPLES.invoices, '--events', events],
        { env: { ...process.env, DUN_SIMULATE_WORKERS: '2' } },
      ).then(
        () => ({ code: 0, stderr: '' }),
        (error: { code: number; stderr: string }) => error,
      )
    const badPolicy = await run(broken, join(dir, 'missing.jsonl'))
    expect(badPolicy.code).toBe(1)
    expect(badPolicy.stderr).toContain('broken.dun:4:')
    expect(badPolicy.stderr).not.toContain('missing.jsonl')
    const badFile = await run(join(examples, 'saas-cards.dun'), join(dir, 'missing.jsonl'))
    expect(badFile.code).toBe(2)
    expect(badFile.stderr.trim().split('\n')).toEqual([
      expect.stringMatching(/^dun: simulate: .*missing\.jsonl.*no such file/),
    ])
  })

  it('counts a row with too few or too many fields once, in the part of its customer or in part 0', async () => {
    const report = await sameOnWorkers((dir) =>
      samplesWith(dir, (rows) => [
        ...rows.slice(0, 1000),
        'in_short,cus_000001,sub_000001,USD,1.00',
        'in_long,cus_000002,sub_000002,USD,1.00,1.00,2023-01-01T00:00:00Z,2023-01-01T00:00:00Z,,open,false,0,,,,extra',
        'in_blank_customer',
        ...rows.slice(1000),
        // last: an unclosed quote runs to the end of the file
        '"in_unclosed,cus_000003',
      ]),
    )
    // the header, the sample's rows and the three bad ones come before it
    const last = 1 + report.input.invoicesRead + 3 + 1
    expect(report.input.rowErrors.first.map((error) => error.row)).toEqual([1002, 1003, 1004, last])
    expect(report.input.rowErrors.total).toBe(4)
  })

  it('reads everything again when a bad row is out of order, and still calls the usable rows sorted', async () => {
    const report = await sameOnWorkers((dir) =>
      samplesWith(dir, (rows) => [
        ...rows.slice(0, 2000),
        'in_bad,cus_000001,,XXX,1.00,1.00,2023-01-01T00:00:00Z,2023-01-01T00:00:00Z,,open,false,0,,,',
        ...rows.slice(2000),
      ]),
    )
    expect(report.input.rowErrors.total).toBe(1)
    expect(report.input.sortedByIssueDate).toBe(true)
  })

  it('notices two rows out of order that belong to different parts', async () => {
    const report = await sameOnWorkers((dir) => samplesWith(dir, swapAcrossParts))
    expect(report.input.sortedByIssueDate).toBe(false)
  })

  it('sorts unsorted invoices the same way on every part', async () => {
    const report = await sameOnWorkers((dir) => samplesWith(dir, (rows) => [...rows].reverse()))
    expect(report.input.sortedByIssueDate).toBe(false)
  })

  it('counts the whole file when a part has no usable row among its customers', async () => {
    const report = await sameOnWorkers((dir) =>
      samplesWith(dir, (rows) => rows.filter((row) => row.includes(',cus_000061,'))),
    )
    expect(report.input.invoicesRead).toBeGreaterThan(5)
  })
})

/** Swaps the first neighbours issued at different times whose customers fall in different parts of three. */
function swapAcrossParts(rows: string[]): string[] {
  const cells = (row: string) => row.split(',')
  const part = (row: string) =>
    [0, 1, 2].find((index) => inPartition(cells(row)[1]!, { index, count: 3 }))
  const i = rows.findIndex((row, i) => {
    const next = rows[i + 1]
    return next !== undefined && cells(row)[6] !== cells(next)[6] && part(row) !== part(next)
  })
  const swapped = [...rows]
  ;[swapped[i], swapped[i + 1]] = [rows[i + 1]!, rows[i]!]
  return swapped
}
