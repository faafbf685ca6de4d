import type { ExperimentResults } from '@dun/service'

const percent = (x: number) => `${(x * 100).toFixed(1)}%`
const signed = (x: number) => `${x >= 0 ? '+' : ''}${x.toFixed(1)}`

/** `dun experiment results`: one line per arm, then each arm against the control in words. */
export function renderExperimentResults({ experiment, analysis }: ExperimentResults): string {
  const lines = [
    `Experiment "${experiment.name}" (${experiment.state}), at least ${analysis.minimumSamplePerArm} cases per arm before a verdict`,
    '',
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
  lines.push('')
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
  return `${lines.join('\n')}\n`
}
