import type { RecoveryCurve } from '@dun/service'
import { colorFor } from '@/components/simulation/chart-colors'
import { count, percent } from '@/lib/server/outcomes/format'
import { nameOf, type VersionNames } from '@/lib/server/outcomes/version-names'
import { curveScale, shareBy, stepPath } from './curve-scale'

const WIDTH = 640
const HEIGHT = 280
const LEFT = 44
const RIGHT = 12
const TOP = 12
const BOTTOM = 36

function seriesName(curve: RecoveryCurve, versions: VersionNames): string {
  return `${nameOf(versions, curve.policyVersionId)} · ${curve.currency}`
}

/**
 * Time-to-collect curves, one per version and currency: the cumulative share of its cases
 * recovered by each day since opening. The chart is a picture of the table under it, which
 * holds every value (screen readers read the table; the chart is described by its title).
 */
export function CollectCurves({
  curves,
  versions,
}: {
  curves: readonly RecoveryCurve[]
  versions: VersionNames
}) {
  const scale = curveScale(curves)
  const x = (day: number) => LEFT + (day / scale.maxDay) * (WIDTH - LEFT - RIGHT)
  const y = (share: number) => TOP + (1 - share / scale.maxShare) * (HEIGHT - TOP - BOTTOM)
  const days = [...new Set(curves.flatMap((c) => c.points.map((p) => p.day)))].sort((a, b) => a - b)
  const summary = curves
    .map((c) => `${seriesName(c, versions)}: ${percent(shareBy(c, scale.maxDay).share)}`)
    .join('; ')
  return (
    <figure className="curves-chart">
      <svg
        viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
        role="img"
        aria-labelledby="curves-title curves-desc"
        data-testid="curves-chart"
      >
        <title id="curves-title">Share of cases recovered by day since opening</title>
        <desc id="curves-desc">
          Recovered in the end: {summary}. Every value is in the table below.
        </desc>
        {scale.shareTicks.map((s) => (
          <g key={`s${s}`}>
            <line x1={LEFT} x2={WIDTH - RIGHT} y1={y(s)} y2={y(s)} stroke="#e5e7eb" />
            <text x={LEFT - 6} y={y(s) + 4} textAnchor="end">
              {percent(s).replace('.0%', '%')}
            </text>
          </g>
        ))}
        {scale.dayTicks.map((d) => (
          <text key={`d${d}`} x={x(d)} y={HEIGHT - BOTTOM + 16} textAnchor="middle">
            {d}
          </text>
        ))}
        <text x={(LEFT + WIDTH - RIGHT) / 2} y={HEIGHT - 4} textAnchor="middle">
          days since the case opened
        </text>
        {curves.map((c, i) => (
          <path
            key={`${c.policyVersionId}-${c.currency}`}
            d={stepPath(c, x, y, scale.maxDay)}
            fill="none"
            stroke={colorFor(i)}
            strokeWidth={2}
          />
        ))}
      </svg>
      <figcaption>
        <ul className="curves-legend">
          {curves.map((c, i) => (
            <li key={`${c.policyVersionId}-${c.currency}`}>
              <span className="swatch" style={{ background: colorFor(i) }} aria-hidden="true" />
              {seriesName(c, versions)} ({count(c.cases)} cases)
            </li>
          ))}
        </ul>
      </figcaption>
      <table className="figures" data-testid="curves-table">
        <caption>Cumulative share of cases recovered, by day since opening</caption>
        <thead>
          <tr>
            <th scope="col">Day</th>
            {curves.map((c) => (
              <th key={`${c.policyVersionId}-${c.currency}`} scope="col">
                {seriesName(c, versions)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {days.map((day) => (
            <tr key={day}>
              <th scope="row">{day}</th>
              {curves.map((c) => {
                const by = shareBy(c, day)
                return (
                  <td key={`${c.policyVersionId}-${c.currency}`}>
                    {percent(by.share)} ({count(by.cases)})
                  </td>
                )
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  )
}
