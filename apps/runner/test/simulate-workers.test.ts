import { execFile } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { describe, expect, it } from 'vitest'

// Worker threads load the built JavaScript, so this runs the built `dun` (npm test builds first).
const bin = join(import.meta.dirname, '../bin/dun.js')
const built = join(import.meta.dirname, '../dist/simulate/simulate-worker.js')
const examples = join(import.meta.dirname, '../../../examples')

async function dun(workers: number, dir: string): Promise<{ json: string; timeline: string[] }> {
  const json = join(dir, `w${workers}.json`)
  const timeline = join(dir, `w${workers}.jsonl`)
  await promisify(execFile)(
    process.execPath,
    [
      bin,
      'simulate',
      join(examples, 'saas-cards.dun'),
      '--invoices',
      join(examples, 'data/sample-invoices.csv'),
      '--customers',
      join(examples, 'data/sample-customers.csv'),
      '--events',
      join(examples, 'data/sample-events.jsonl'),
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
})
