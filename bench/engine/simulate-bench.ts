import { execFile } from 'node:child_process'
import { createWriteStream, mkdtempSync, rmSync } from 'node:fs'
import { once } from 'node:events'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { generateDataset } from '@dun/engine'
import { machineLine } from '../shared/machine.js'

const here = dirname(fileURLToPath(import.meta.url))
const POLICY = join(here, '../../../examples/saas-cards.dun')
/** Memory must stay flat as the file grows: the same run at two sizes. */
const SIZES = [250_000, 1_000_000]
const TARGET_MS = 10_000
const TARGET_BYTES = 2 ** 30

interface RunResult {
  readonly ms: number
  readonly invoices: number
  readonly actions: number
  readonly rowErrors: number
  readonly peakRss: number
  readonly maxRss: number
}

/**
 * `dun simulate` at scale: the seeded generator writes N invoices (with customers and
 * events) to a temp folder, then a fresh process simulates them under examples/saas-cards.dun
 * on the fast path. Prints wall time, rows/s and peak memory (sampled RSS and the kernel's
 * high-water mark) for 250k and 1M invoices, against the targets (≤ 10 s, ≤ 1 GB).
 */
export async function runSimulateBench(sizes: readonly number[] = SIZES): Promise<void> {
  console.log('\n== simulate: generated invoices through dun simulate (fast path) ==')
  console.log(machineLine(['json-rules-engine', 'papaparse', 'luxon']))
  const dir = mkdtempSync(join(tmpdir(), 'dun-simulate-bench-'))
  try {
    for (const size of sizes) {
      const prefix = `bench-${size}`
      const generated = performance.now()
      await writeDataset(dir, prefix, size)
      const generateMs = performance.now() - generated
      const result = await runChild(dir, prefix)
      console.log(describe(size, generateMs, result))
    }
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

async function writeDataset(dir: string, prefix: string, invoices: number): Promise<void> {
  const streams = {
    invoices: createWriteStream(join(dir, `${prefix}-invoices.csv`)),
    customers: createWriteStream(join(dir, `${prefix}-customers.csv`)),
    events: createWriteStream(join(dir, `${prefix}-events.jsonl`)),
  }
  for (const chunk of generateDataset({ seed: 'bench', invoices })) {
    if (!streams[chunk.file].write(chunk.text)) await once(streams[chunk.file], 'drain')
  }
  await Promise.all(Object.values(streams).map((s) => new Promise((done) => s.end(done))))
}

async function runChild(dir: string, prefix: string): Promise<RunResult> {
  const { stdout } = await promisify(execFile)(
    process.execPath,
    [join(here, 'simulate-bench-child.js'), POLICY, dir, prefix],
    { maxBuffer: 1 << 20 },
  )
  return JSON.parse(stdout) as RunResult
}

function describe(size: number, generateMs: number, r: RunResult): string {
  const mb = (bytes: number) => `${Math.round(bytes / 2 ** 20)} MB`
  const verdict = (ok: boolean) => (ok ? 'ok' : 'MISSED')
  return [
    `${size.toLocaleString('en-US')} invoices (generated in ${(generateMs / 1000).toFixed(1)} s): ` +
      `simulated in ${(r.ms / 1000).toFixed(2)} s = ${Math.round(r.invoices / (r.ms / 1000)).toLocaleString('en-US')} rows/s, ` +
      `${r.actions.toLocaleString('en-US')} actions, ${r.rowErrors} row errors`,
    `  peak RSS sampled ${mb(r.peakRss)}, high-water mark ${mb(r.maxRss)}`,
    `  targets for 1M: ≤ 10 s (${verdict(r.ms * (1_000_000 / size) <= TARGET_MS)} at this rate), ` +
      `≤ 1 GB (${verdict(r.maxRss <= TARGET_BYTES)})`,
  ].join('\n')
}
