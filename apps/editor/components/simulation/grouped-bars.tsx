import { SERIES_COLORS } from './chart-colors'

export interface Series {
  readonly label: string
  readonly values: readonly number[]
}

const ROW = 22
const LABEL_WIDTH = 170
const WIDTH = 560

/**
 * Horizontal bars, one group per category and one bar per series (policy A, policy B),
 * each with its number written beside it, so the chart reads without the colours.
 */
export function GroupedBars({
  title,
  categories,
  series,
  empty,
}: {
  title: string
  categories: readonly string[]
  series: readonly Series[]
  empty: string
}) {
  if (categories.length === 0) {
    return (
      <figure className="chart">
        <figcaption>{title}</figcaption>
        <p className="muted">{empty}</p>
      </figure>
    )
  }
  const max = Math.max(1, ...series.flatMap((s) => s.values))
  const barWidth = WIDTH - LABEL_WIDTH - 60
  const group = ROW * series.length + 8
  const height = group * categories.length
  return (
    <figure className="chart">
      <figcaption>{title}</figcaption>
      <svg viewBox={`0 0 ${WIDTH} ${height}`} role="img" aria-label={title}>
        {categories.map((category, c) => (
          <g key={category} transform={`translate(0 ${c * group})`}>
            <text x={LABEL_WIDTH - 8} y={(group - 8) / 2 + 4} textAnchor="end" className="label">
              {category}
            </text>
            {series.map((s, i) => {
              const value = s.values[c] ?? 0
              const width = (value / max) * barWidth
              return (
                <g key={s.label} transform={`translate(${LABEL_WIDTH} ${i * ROW})`}>
                  <rect width={Math.max(width, 1)} height={ROW - 6} fill={SERIES_COLORS[i]}>
                    <title>{`${s.label}: ${value}`}</title>
                  </rect>
                  <text x={width + 6} y={ROW - 10} className="value">
                    {value.toLocaleString('en')}
                  </text>
                </g>
              )
            })}
          </g>
        ))}
      </svg>
    </figure>
  )
}
