import type { Counts } from '@dun/engine'
import { colorFor } from './chart-colors'

const WIDTH = 720
const HEIGHT = 160
const AXIS = 18

/**
 * Actions per day as stacked columns, one colour per channel (or action type), on a shared
 * scale so two policies' charts compare by eye. Days without actions stay empty.
 */
export function ActionsPerDayChart({
  label,
  perDay,
  channels,
  days,
  max,
}: {
  label: string
  perDay: Readonly<Record<string, Counts>>
  /** Every channel of both policies, in legend order. */
  channels: readonly string[]
  /** Every day of both policies, sorted. */
  days: readonly string[]
  /** The busiest day's total across both policies. */
  max: number
}) {
  const column = WIDTH / Math.max(days.length, 1)
  const scale = (HEIGHT - AXIS) / Math.max(max, 1)
  const ticks = days.length > 0 ? [0, Math.floor((days.length - 1) / 2), days.length - 1] : []
  return (
    <figure className="chart">
      <figcaption>{label}</figcaption>
      <svg
        viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
        role="img"
        aria-label={`${label}: actions per day by channel`}
      >
        {days.map((day, d) => {
          let top = HEIGHT - AXIS
          return (
            <g key={day}>
              <title>{`${day}: ${describeDay(perDay[day] ?? {})}`}</title>
              {channels.map((channel, c) => {
                const count = perDay[day]?.[channel] ?? 0
                if (count === 0) return null
                top -= count * scale
                return (
                  <rect
                    key={channel}
                    x={d * column}
                    y={top}
                    width={Math.max(column - 0.5, 0.5)}
                    height={count * scale}
                    fill={colorFor(c)}
                  />
                )
              })}
            </g>
          )
        })}
        <line x1={0} x2={WIDTH} y1={HEIGHT - AXIS} y2={HEIGHT - AXIS} className="axis" />
        {ticks.map((d, i) => (
          <text
            key={`${d}-${i}`}
            x={d * column + column / 2}
            y={HEIGHT - 4}
            textAnchor={i === 0 ? 'start' : i === ticks.length - 1 ? 'end' : 'middle'}
            className="label"
          >
            {days[d]}
          </text>
        ))}
      </svg>
    </figure>
  )
}

export function ChannelLegend({ channels }: { channels: readonly string[] }) {
  return (
    <ul className="legend" aria-label="Channels">
      {channels.map((channel, c) => (
        <li key={channel}>
          <span className="swatch" style={{ background: colorFor(c) }} aria-hidden="true" />
          {channel}
        </li>
      ))}
    </ul>
  )
}

function describeDay(counts: Counts): string {
  return Object.entries(counts)
    .map(([channel, n]) => `${n} ${channel}`)
    .join(', ')
}
