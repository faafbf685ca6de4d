import { cpus, totalmem } from 'node:os'
import { existsSync, readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'

/**
 * Where package names are resolved from: the bench itself (typescript), then the workspace
 * packages that depend on the measured libraries (chevrotain belongs to @dun/dsl), so a
 * version is found however npm laid out node_modules.
 */
const resolvers = [import.meta.url, '@dun/dsl', '@dun/engine'].map((base, i) =>
  i === 0 ? createRequire(base) : createRequire(createRequire(import.meta.url).resolve(base)),
)

/** One line naming the machine and the versions that produced a benchmark's numbers. */
export function machineLine(packages: readonly string[]): string {
  const cpu = cpus()
  const versions = packages.map((name) => `${name} ${packageVersion(name)}`).join(', ')
  return (
    `machine: ${cpu.length} × ${cpu[0]?.model ?? 'unknown cpu'}, ` +
    `${Math.round(totalmem() / 2 ** 30)} GiB, node ${process.versions.node}; ${versions}`
  )
}

/**
 * The version in the package's own package.json, found by walking up from its entry point:
 * packages whose `exports` leave out `./package.json` (chevrotain) cannot resolve it directly.
 */
function packageVersion(name: string): string {
  for (const resolver of resolvers) {
    let entry: string
    try {
      entry = resolver.resolve(name)
    } catch {
      continue
    }
    for (let dir = dirname(entry); dir !== dirname(dir); dir = dirname(dir)) {
      const manifest = join(dir, 'package.json')
      if (!existsSync(manifest)) continue
      const found = JSON.parse(readFileSync(manifest, 'utf8')) as {
        name?: string
        version?: string
      }
      if (found.name === name && found.version !== undefined) return found.version
    }
  }
  return '?'
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
