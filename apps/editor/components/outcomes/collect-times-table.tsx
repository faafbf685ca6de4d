import type { CollectTime } from '@dun/service'
import { count, days } from '@/lib/server/outcomes/format'
import { byKeyAndCurrency, MODELS } from './by-model'
import { ModelGroupsRow, ModelRows } from './model-columns'

function Cells({ time }: { time: CollectTime | undefined }) {
  if (!time) return [<td key="m">—</td>, <td key="p">—</td>, <td key="n">0</td>]
  return [
    <td key="m">{days(time.medianDays)}</td>,
    <td key="p">{days(time.p90Days)}</td>,
    <td key="n">{count(time.payments)}</td>,
  ]
}

const HEADERS = ['Median', '90th percentile', 'Payments']

/** Days to collect by segment: every payment counts once. */
export function SegmentCollectTable({ times }: { times: readonly CollectTime[] }) {
  return (
    <table className="figures" data-testid="collect-by-segment">
      <caption>By segment</caption>
      <thead>
        <tr>
          <th scope="col">Segment</th>
          <th scope="col">Currency</th>
          {HEADERS.map((h) => (
            <th key={h} scope="col">
              {h}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {times.map((t) => (
          <tr key={`${t.key}-${t.currency}`}>
            <th scope="row">{t.key}</th>
            <td>{t.currency}</td>
            <Cells time={t} />
          </tr>
        ))}
      </tbody>
    </table>
  )
}

/** Days to collect by step or channel: the payments each model credits to it, side by side. */
export function CreditedCollectTable({
  times,
  by,
}: {
  times: readonly CollectTime[]
  by: 'Step' | 'Channel'
}) {
  const rows = byKeyAndCurrency(times, (t) => t.model)
  return (
    <table className="figures" data-testid={`collect-by-${by.toLowerCase()}`}>
      <caption>By {by.toLowerCase()}</caption>
      <thead>
        <ModelGroupsRow span={HEADERS.length} />
        <tr>
          <th scope="col">{by}</th>
          <th scope="col">Currency</th>
          {MODELS.map((model) =>
            HEADERS.map((h) => (
              <th key={`${model}-${h}`} scope="col">
                {h}
              </th>
            )),
          )}
        </tr>
      </thead>
      <tbody>
        <ModelRows rows={rows} cells={(time) => <Cells time={time} />} />
      </tbody>
    </table>
  )
}
