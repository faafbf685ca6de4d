import type { ExperimentAnalysis, ExperimentResults } from '@dun/service'

const percent = (x: number) => `${(x * 100).toFixed(1)}%`
const signed = (x: number) => `${x >= 0 ? '+' : ''}${x.toFixed(1)}`

/**
 * `dun experiment results`: one line per arm, then each arm against the control in words;
 * the same again within each segment, where an effect confined to one segment is not diluted.
 */
export function renderExperimentResults(results: ExperimentResults): string {
  const { experiment, analysis, bySegment } = results
  const lines = [
    `Experiment "${experiment.name}" (${experiment.state}), at least ${analysis.minimumSamplePerArm} cases per arm before a verdict`,
    '',
    ...analysisLines(analysis),
  ]
  for (const [segment, within] of Object.entries(bySegment)) {
    lines.push(`Segment ${segment}`, ...analysisLines(within).map((line) => `  ${line}`))
  }
  return `${lines.join('\n')}\n`
}

function analysisLines(analysis: ExperimentAnalysis): string[] {
  const lines = [
    `${'arm'.padEnd(16)}${'cases'.padStart(8)}${'recovered'.padStart(11)}  ${'rate (95% CI)'.padEnd(24)}median days`,
  ]
  for (const arm of analysis.arms) {
    const rate =
      arm.recoveryRate === null
        ? '—'
        : `${percent(arm.recoveryRate)} (${percent(arm.recoveryInterval[0])}–${percent(arm.recoveryInterval[1])})`
    lines.push(
      `${arm.arm.padEnd(16)}${String(arm.cases).padStart(8)}${String(arm.recovered).padStart(11)}  ${rate.padEnd(24)}${arm.medianDaysToCollect?.toFixed(1) ?? '—'}`,
    )
  }
  for (const comparison of analysis.comparisons) {
    lines.push(comparison.message)
    const days = comparison.daysToCollect
    if (days) {
      lines.push(
        `  days to collect: median ${signed(days.medianDifference)} days vs "${comparison.control}" ` +
          `(95% CI ${signed(days.interval[0])} to ${signed(days.interval[1])}), Mann-Whitney p = ${days.pValue.toFixed(4)}`,
      )
    }
  }
  lines.push('')
  return lines
}
