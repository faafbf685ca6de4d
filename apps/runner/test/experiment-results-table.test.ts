import { describe, expect, it } from 'vitest'
import { analyseBySegment, analyseExperiment, armOutcomes, type CaseOutcome } from '@dun/service'
import type { ExperimentRow } from '@dun/store'
import { renderExperimentResults } from '../src/experiments/results-table.js'

/** 600 cases per arm per segment: smb recovers 40% under A and 55% under B, mid 40% under both. */
function cases(): CaseOutcome[] {
  const out: CaseOutcome[] = []
  for (const [segment, rates] of [
    ['smb', { A: 0.4, B: 0.55 }],
    ['mid', { A: 0.4, B: 0.4 }],
  ] as const) {
    for (const arm of ['A', 'B'] as const) {
      for (let i = 0; i < 600; i++) {
        out.push({ arm, segment, daysToCollect: i < 600 * rates[arm] ? 2 + (i % 5) : null })
      }
    }
  }
  return out
}

const experiment = { name: 'sms on day 3', state: 'running' } as ExperimentRow

describe('dun experiment results', () => {
  it('prints each arm with its interval, the verdict in words, then the same per segment', () => {
    const options = { minimumSamplePerArm: 600 }
    const text = renderExperimentResults({
      experiment,
      arms: [],
      analysis: analyseExperiment(armOutcomes(['A', 'B'], cases()), options),
      bySegment: analyseBySegment(['A', 'B'], cases(), options),
    })
    expect(text).toContain('Experiment "sms on day 3" (running), at least 600 cases per arm')
    expect(text).toMatch(/^A {15}\s+1200\s+480 {2}40\.0% \(37\.3%–42\.8%\)/m)
    expect(text).toMatch(
      /Segment smb\n.*\n.*\n.*\n {2}Exploratory, within one segment and not corrected across segments: Arm "B" recovers more than "A": 15\.0 points/,
    )
    expect(text).toMatch(
      /Segment mid\n(.*\n){3} {2}Exploratory, .*: No difference detected between "B" and "A": 0\.0 points/,
    )
  })
})
