import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { compile } from '@dun/dsl'
import {
  engineReplayer,
  generateDataset,
  liveReplayer,
  simulate,
  type CompiledPolicy,
  type SimulationOptions,
  type TimelineEntry,
} from '@dun/engine'
import { openInputs, type InputFiles } from '../src/simulate/inputs.js'

const examples = join(import.meta.dirname, '../../../examples')
const policy = (name: string): CompiledPolicy =>
  compile(readFileSync(join(examples, `${name}.dun`), 'utf8')).compiled!

/** Four years of 120 customers: never-paying customers keep one episode open throughout. */
function longHistory(): InputFiles {
  const dir = mkdtempSync(join(tmpdir(), 'dun-simulate-live-'))
  const text = { customers: '', invoices: '', events: '' }
  for (const chunk of generateDataset({ seed: 'live', invoices: 6_000, customers: 120 })) {
    text[chunk.file] += chunk.text
  }
  const files = {
    invoices: join(dir, 'invoices.csv'),
    customers: join(dir, 'customers.csv'),
    events: join(dir, 'events.jsonl'),
  }
  for (const [file, path] of Object.entries(files)) {
    writeFileSync(path, text[file as keyof typeof text])
  }
  return files
}

const files = longHistory()

/** The reports, and every timeline entry the replays reported, in a stable order. */
async function run(
  policies: readonly CompiledPolicy[],
  live: boolean,
  options: SimulationOptions = {},
) {
  const entries: string[] = []
  let parts = 0
  const reports = await simulate(
    await openInputs(files, () => {}),
    policies.map((compiled) => ({
      compiled,
      replay: engineReplayer(compiled),
      ...(live ? { live: liveReplayer(compiled) } : {}),
    })),
    {
      ...options,
      hooks: {
        onEpisode: (index, _episode, replayed) => {
          parts += 1
          for (const entry of [...replayed.executed, ...replayed.deferrals, ...replayed.skips])
            entries.push(`${index} ${JSON.stringify(entry satisfies Partial<TimelineEntry>)}`)
        },
      },
    },
  )
  return { reports, timeline: entries.sort(), parts }
}

describe('long episodes replayed live', () => {
  it.each(['saas-cards', 'b2b-net30', 'utility-regulated', 'marketplace-multicurrency'])(
    'give %s the same reports and timeline as whole replays',
    async (name) => {
      const whole = await run([policy(name)], false)
      const live = await run([policy(name)], true)
      expect(live.reports).toEqual(whole.reports)
      expect(live.timeline).toEqual(whole.timeline)
      expect(whole.reports[0]!.actions.total).toBeGreaterThan(100)
      // long episodes are reported in parts as their invoices settle (GBP has few)
      expect(live.parts).toBeGreaterThanOrEqual(whole.parts)
    },
  )

  it('agree when comparing two policies, and up to a horizon', async () => {
    const policies = [policy('saas-cards'), policy('marketplace-multicurrency')]
    const to = Date.parse('2025-06-15T00:00:00Z')
    const whole = await run(policies, false, { to })
    const live = await run(policies, true, { to })
    expect(live.reports).toEqual(whole.reports)
    expect(live.timeline).toEqual(whole.timeline)
    expect(live.parts).toBeGreaterThan(whole.parts)
  })
})
