import { cpus, totalmem } from 'node:os'
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'

const require = createRequire(import.meta.url)

/** One line naming the machine and the versions that produced a benchmark's numbers. */
export function machineLine(packages: readonly string[]): string {
  const cpu = cpus()
  const versions = packages.map((name) => `${name} ${packageVersion(name)}`).join(', ')
  return (
    `machine: ${cpu.length} × ${cpu[0]?.model ?? 'unknown cpu'}, ` +
    `${Math.round(totalmem() / 2 ** 30)} GiB, node ${process.versions.node}; ${versions}`
  )
}

function packageVersion(name: string): string {
  try {
    const manifest = require.resolve(`${name}/package.json`)
    return (JSON.parse(readFileSync(manifest, 'utf8')) as { version: string }).version
  } catch {
    return '?'
  }
}

/** Runs `fn` `times` times and returns the median duration in milliseconds. */
export function medianMs(times: number, fn: () => void): number {
  const samples: number[] = []
  for (let i = 0; i < times; i++) {
    const start = performance.now()
    fn()
    samples.push(performance.now() - start)
  }
  samples.sort((a, b) => a - b)
  return samples[Math.floor(samples.length / 2)]!
}
