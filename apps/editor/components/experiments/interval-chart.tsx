import { position, type Axis } from '@/lib/server/experiments/chart-scale'
import type { Interval } from '@/lib/server/experiments/verdict'

export interface IntervalRow {
  readonly label: string
  readonly estimate: number | null
  readonly interval: Interval
  /** How the row reads against the reference: drawn in the pass/fail colours. */
  readonly tone: 'better' | 'worse' | 'neutral'
}

export interface IntervalChartProps {
  /** Unique on the page: names the chart's title and description for screen readers. */
  readonly id: string
  readonly title: string
  /** The figures in words, read by screen readers instead of the drawing. */
  readonly description: string
  readonly rows: readonly IntervalRow[]
  readonly axis: Axis
  readonly tick: (value: number) => string
  /** A vertical line to read the intervals against (0 for differences). */
  readonly reference?: number
}

const WIDTH = 560
const LABEL = 150
const RIGHT = WIDTH - 16
const ROW = 30
const TOP = 8
const AXIS = 26

/** A forest plot: each row's estimate as a dot on its 95% interval, on one shared axis. */
export function IntervalChart(props: IntervalChartProps) {
  const { axis, rows } = props
  const height = TOP + rows.length * ROW + AXIS
  const x = (value: number) => position(axis, value, LABEL, RIGHT)
  const bottom = TOP + rows.length * ROW
  return (
    <svg
      className="interval-chart"
      viewBox={`0 0 ${WIDTH} ${height}`}
      role="img"
      aria-labelledby={`${props.id}-title ${props.id}-desc`}
    >
      <title id={`${props.id}-title`}>{props.title}</title>
      <desc id={`${props.id}-desc`}>{props.description}</desc>
      {axis.ticks.map((t) => (
        <g key={t} className="tick">
          <line x1={x(t)} x2={x(t)} y1={TOP} y2={bottom} />
          <text x={x(t)} y={bottom + 16} textAnchor="middle">
            {props.tick(t)}
          </text>
        </g>
      ))}
      {props.reference !== undefined && (
        <line
          className="reference"
          x1={x(props.reference)}
          x2={x(props.reference)}
          y1={TOP}
          y2={bottom}
        />
      )}
      {rows.map((row, i) => {
        const y = TOP + i * ROW + ROW / 2
        return (
          <g key={row.label} className={`interval interval-${row.tone}`}>
            <text x={LABEL - 8} y={y + 4} textAnchor="end" className="interval-label">
              {row.label}
            </text>
            <line x1={x(row.interval[0])} x2={x(row.interval[1])} y1={y} y2={y} />
            <line x1={x(row.interval[0])} x2={x(row.interval[0])} y1={y - 5} y2={y + 5} />
            <line x1={x(row.interval[1])} x2={x(row.interval[1])} y1={y - 5} y2={y + 5} />
            {row.estimate !== null && <circle cx={x(row.estimate)} cy={y} r={5} />}
          </g>
        )
      })}
    </svg>
  )
}
