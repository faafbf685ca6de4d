import { spawn } from 'node:child_process'
import {
  createWriteStream,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
} from 'node:fs'
import { once } from 'node:events'
import { availableParallelism, loadavg, tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { argv } from 'node:process'
import { fileURLToPath } from 'node:url'
import { generateDataset, type SimulationReport } from '@dun/engine'
import { machineLine } from '../shared/machine.js'

const here = dirname(fileURLToPath(import.meta.url))
const POLICY = join(here, '../../../examples/saas-cards.dun')
const DUN = join(here, '../../../apps/runner/bin/dun.js')
/** Memory must stay flat as the file grows: the same run at several sizes. */
const SIZES = [250_000, 1_000_000, 2_000_000]
/**
 * Every size bills the same customers, so a bigger file is a longer history (250k: three
 * months, 1M: a year, 2M: two years), as a company's file grows. More customers would put
 * more invoices in flight at once, which any exact replay must hold.
 */
const CUSTOMERS = 100_000
const TARGET_MS = 10_000
const TARGET_BYTES = 2 ** 30

interface RunResult {
  readonly ms: number
  readonly invoices: number
  readonly actions: number
  readonly rowErrors: number
  /** Highest RSS seen by sampling /proc every 25 ms, and the kernel's high-water mark (VmHWM). */
  readonly peakRss: number
  readonly maxRss: number
  /** User + system CPU of the process (all its threads), as last sampled: wall time waits for cores. */
  readonly cpuMs: number
  /** The machine's 1-minute load average when the run ended. */
  readonly load: number
}

/**
 * `dun simulate` at scale: the seeded generator writes N invoices (with customers and
 * events) to a temp folder, then the built `dun simulate` (fast path, worker threads per
 * core) simulates them under examples/saas-cards.dun in its own process. Prints wall time, rows/s and peak memory (sampled RSS and the kernel's
 * high-water mark) for 250k, 1M and 2M invoices, against the targets for 1M (≤ 10 s,
 * ≤ 1 GB), then how peak memory grew with the file.
 */
export async function runSimulateBench(
  sizes: readonly number[] = SIZES,
  keepIn: string | null = null,
): Promise<void> {
  console.log('\n== simulate: generated invoices through dun simulate (fast path) ==')
  console.log(machineLine(['json-rules-engine', 'papaparse', 'luxon']))
  const dir = keepIn ?? mkdtempSync(join(tmpdir(), 'dun-simulate-bench-'))
  mkdirSync(dir, { recursive: true })
  const peaks: { size: number; bytes: number }[] = []
  try {
    for (const size of sizes) {
      const prefix = `bench-${size}-of-${CUSTOMERS}`
      const generated = performance.now()
      const reused = keepIn !== null && existsSync(join(dir, `${prefix}-events.jsonl`))
      if (!reused) await writeDataset(dir, prefix, size)
      const generateMs = reused ? null : performance.now() - generated
      const result = await runChild(dir, prefix)
      console.log(describe(size, generateMs, result))
      peaks.push({ size, bytes: result.maxRss })
    }
    console.log(memoryGrowth(peaks))
  } finally {
    if (keepIn === null) rmSync(dir, { recursive: true, force: true })
  }
}

async function writeDataset(dir: string, prefix: string, invoices: number): Promise<void> {
  const streams = {
    invoices: createWriteStream(join(dir, `${prefix}-invoices.csv`)),
    customers: createWriteStream(join(dir, `${prefix}-customers.csv`)),
    events: createWriteStream(join(dir, `${prefix}-events.jsonl`)),
  }
  for (const chunk of generateDataset({ seed: 'bench', invoices, customers: CUSTOMERS })) {
    if (!streams[chunk.file].write(chunk.text)) await once(streams[chunk.file], 'drain')
  }
  await Promise.all(Object.values(streams).map((s) => new Promise((done) => s.end(done))))
}

/** Runs the real command, `dun simulate … --json`, in its own process, sampling its memory. */
async function runChild(dir: string, prefix: string): Promise<RunResult> {
  const json = join(dir, `${prefix}-report.json`)
  const file = (name: string) => join(dir, `${prefix}-${name}`)
  const started = performance.now()
  const child = spawn(
    process.execPath,
    [
      DUN,
      'simulate',
      POLICY,
      '--invoices',
      file('invoices.csv'),
      '--customers',
      file('customers.csv'),
    ].concat(['--events', file('events.jsonl'), '--json', json]),
    { stdio: ['ignore', 'ignore', 'inherit'] },
  )
  let peakRss = 0
  let maxRss = 0
  let cpuMs = 0
  const sample = () => {
    const status = readStatus(child.pid)
    peakRss = Math.max(peakRss, status.rss)
    maxRss = Math.max(maxRss, status.hwm)
    cpuMs = Math.max(cpuMs, readCpuMs(child.pid))
  }
  const sampler = setInterval(sample, 25)
  const [code] = (await once(child, 'exit')) as [number | null]
  clearInterval(sampler)
  const ms = performance.now() - started
  if (code !== 0) throw new Error(`dun simulate exited with ${code}`)
  const report = JSON.parse(readFileSync(json, 'utf8')) as SimulationReport
  return {
    ms,
    invoices: report.input.invoicesRead,
    actions: report.actions.total,
    rowErrors: report.input.rowErrors.total,
    peakRss,
    maxRss,
    cpuMs,
    load: loadavg()[0]!,
  }
}

/** utime + stime of a running process from /proc/PID/stat, in ms (clock ticks of 10 ms). */
function readCpuMs(pid: number | undefined): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ')
    return (Number(fields[11]) + Number(fields[12])) * 10
  } catch {
    return 0
  }
}

/** VmRSS and VmHWM of a running process, in bytes (0 once it is gone). */
function readStatus(pid: number | undefined): { rss: number; hwm: number } {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8')
    const kb = (field: string) =>
      Number(new RegExp(`${field}:\\s+(\\d+) kB`).exec(status)?.[1] ?? 0) * 1024
    return { rss: kb('VmRSS'), hwm: kb('VmHWM') }
  } catch {
    return { rss: 0, hwm: 0 }
  }
}

/**
 * Peak memory against the file size, step by step: flat memory adds nothing per extra
 * invoice. Steps, not one slope: a short file ends before the heaps reach their steady size.
 */
function memoryGrowth(peaks: readonly { size: number; bytes: number }[]): string {
  const mb = (bytes: number) => Math.round(bytes / 2 ** 20)
  const count = (size: number) => size.toLocaleString('en-US')
  const line = peaks.map(({ size, bytes }) => `${count(size)}: ${mb(bytes)} MB`)
  const steps = peaks.slice(1).map((peak, i) => {
    const before = peaks[i]!
    const perMillion = ((peak.bytes - before.bytes) / (peak.size - before.size)) * 1_000_000
    const sign = perMillion >= 0 ? '+' : '−'
    return `${count(before.size)} → ${count(peak.size)}: ${sign}${Math.abs(mb(perMillion))} MB`
  })
  if (steps.length === 0) return `peak memory: ${line.join(', ')}`
  return (
    `peak memory (high-water mark) by file size: ${line.join(', ')}; ` +
    `per extra million invoices ${steps.join(', ')} (flat memory would add 0)`
  )
}

function describe(size: number, generateMs: number | null, r: RunResult): string {
  const mb = (bytes: number) => `${Math.round(bytes / 2 ** 20)} MB`
  const verdict = (ok: boolean) => (ok ? 'ok' : 'MISSED')
  return [
    `${size.toLocaleString('en-US')} invoices (${generateMs === null ? 'files kept from an earlier run' : `generated in ${(generateMs / 1000).toFixed(1)} s`}): ` +
      `simulated in ${(r.ms / 1000).toFixed(2)} s = ${Math.round(r.invoices / (r.ms / 1000)).toLocaleString('en-US')} rows/s, ` +
      `${r.actions.toLocaleString('en-US')} actions, ${r.rowErrors} row errors`,
    `  CPU ${(r.cpuMs / 1000).toFixed(1)} s (all threads; sampled every 25 ms), load average ${r.load.toFixed(1)} on ${availableParallelism()} cores`,
    `  peak RSS sampled ${mb(r.peakRss)}, high-water mark ${mb(r.maxRss)}`,
    `  targets for 1M: ≤ 10 s (${verdict(r.ms * (1_000_000 / size) <= TARGET_MS)} at this rate), ` +
      `≤ 1 GB (${verdict(r.maxRss <= TARGET_BYTES)})`,
  ].join('\n')
}

/**
 * The simulate part alone: `node bench/dist/engine/simulate-bench.js [SIZE…]`, e.g.
 * `250000 1000000 2000000`. `DUN_BENCH_DATA=DIR` keeps the generated files in DIR and
 * reuses them on the next run (same seed, same files), to compare changes A/B.
 */
if (argv[1] && fileURLToPath(import.meta.url) === argv[1]) {
  const sizes = argv.slice(2).map(Number)
  if (sizes.some((n) => !Number.isInteger(n) || n < 1))
    throw new Error(
      `simulate-bench: sizes must be whole numbers of invoices, got ${argv.slice(2).join(' ')}`,
    )
  await runSimulateBench(sizes.length > 0 ? sizes : SIZES, process.env.DUN_BENCH_DATA ?? null)
}
