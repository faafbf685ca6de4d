import { builtinModules } from 'node:module'
import { readdirSync, readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { createContext, runInContext } from 'node:vm'
import { build, type Plugin } from 'esbuild'
import { beforeAll, describe, expect, it } from 'vitest'

const entry = fileURLToPath(new URL('../src/index.ts', import.meta.url))
const examples = fileURLToPath(new URL('../../../examples/', import.meta.url))
const nodeBuiltins = new Set(builtinModules.flatMap((name) => [name, `node:${name}`]))

/** Fails the bundle on any Node built-in import, naming the file that asked for it. */
const forbidNodeBuiltins: Plugin = {
  name: 'forbid-node-builtins',
  setup(builder) {
    builder.onResolve({ filter: /.*/ }, (args) =>
      nodeBuiltins.has(args.path)
        ? { errors: [{ text: `${args.importer} imports the Node built-in "${args.path}"` }] }
        : undefined,
    )
  },
}

async function bundle(): Promise<string> {
  const result = await build({
    entryPoints: [entry],
    bundle: true,
    write: false,
    platform: 'browser',
    format: 'iife',
    globalName: 'dun',
    conditions: ['@dun/source'],
    plugins: [forbidNodeBuiltins],
    logLevel: 'silent',
  })
  return result.outputFiles[0]!.text
}

const WEB_TIMERS = { setTimeout, clearTimeout, setInterval, clearInterval, queueMicrotask }

function firstExample(): string {
  const name = readdirSync(examples).find((file) => file.endsWith('.dun'))
  if (!name) throw new Error(`no .dun example in ${examples} to run in the browser bundle`)
  return readFileSync(examples + name, 'utf8')
}

describe('the @dun/dsl browser bundle', () => {
  let code = ''
  beforeAll(async () => {
    code = await bundle()
  }, 60_000)

  it('bundles for the browser without any Node built-in', () => {
    expect(code.length).toBeGreaterThan(0)
  })

  it('fails the bundle when a module imports a Node built-in', async () => {
    const failing = build({
      stdin: { contents: 'import { readFileSync } from "node:fs"; readFileSync("x")' },
      bundle: true,
      write: false,
      platform: 'browser',
      plugins: [forbidNodeBuiltins],
      logLevel: 'silent',
    })
    await expect(failing).rejects.toThrow(/Node built-in "node:fs"/)
  })

  it('checks an example policy in a context with no Node globals', () => {
    // A bare context has the ECMAScript built-ins (Intl included) and nothing of Node's;
    // the timers are the ones every browser and web worker has too.
    const context = createContext({ source: firstExample(), ...WEB_TIMERS })
    runInContext(code, context)
    expect(runInContext('typeof process + typeof require + typeof Buffer', context)).toBe(
      'undefinedundefinedundefined',
    )
    const diagnostics = runInContext('dun.check(source).diagnostics', context) as {
      severity: string
      message: string
    }[]
    expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([])
    expect(runInContext('dun.check(source).ast.policy.kind', context)).toBe('policy')
    expect(runInContext('dun.check("policy {").diagnostics[0].code', context)).toMatch(/^DUN0/)
    expect(runInContext('dun.complete("policy \\"p\\" { ", 13).length', context)).toBeGreaterThan(0)
  })
})
