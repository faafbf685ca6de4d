import { readFileSync } from 'node:fs'
import { dirname, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'

/**
 * DESIGN.md: the analyst commands (check, fmt, compile, test, simulate) load no database
 * code. The CLI's static import graph — what Node loads before any command runs — must
 * not reach the store, the service, pg or PGlite; commands that need them import them
 * lazily when they run.
 */
const src = new URL('../src/', import.meta.url).pathname
const DATABASE_SIDE = [
  '@dun/store',
  '@dun/service',
  'pg',
  'kysely',
  '@electric-sql/pglite',
  'fastify',
]

function staticImports(file: string): string[] {
  const text = readFileSync(file, 'utf8')
  const specifiers: string[] = []
  for (const match of text.matchAll(
    /^import\s+(?!type\b)[^'"]*?from\s+'([^']+)'|^export\s+(?!type\b)[^'"]*?from\s+'([^']+)'/gm,
  )) {
    specifiers.push((match[1] ?? match[2])!)
  }
  return specifiers
}

function reachable(entry: string): { files: Set<string>; packages: Set<string> } {
  const files = new Set<string>()
  const packages = new Set<string>()
  const visit = (file: string) => {
    if (files.has(file)) return
    files.add(file)
    for (const specifier of staticImports(file)) {
      if (specifier.startsWith('.'))
        visit(resolve(dirname(file), specifier.replace(/\.js$/, '.ts')))
      else packages.add(specifier)
    }
  }
  visit(entry)
  return { files, packages }
}

describe('the dun command', () => {
  it('loads no database code before a command that needs it runs', () => {
    const { files, packages } = reachable(resolve(src, 'cli.ts'))
    expect(files.size).toBeGreaterThan(10)
    expect([...packages].filter((name) => DATABASE_SIDE.includes(name))).toEqual([])
    expect([...files].map((f) => f.slice(src.length))).not.toContain('open-service.ts')
  })

  it('loads the policy compiler only in the commands that compile', () => {
    // @dun/dsl pulls in Chevrotain and ~640 lodash modules (a third of a second): loaded
    // lazily, `dun simulate` starts its workers while it compiles the policy
    const { packages } = reachable(resolve(src, 'cli.ts'))
    expect(packages.size).toBeGreaterThan(3)
    expect([...packages]).not.toContain('@dun/dsl')
  })
})
