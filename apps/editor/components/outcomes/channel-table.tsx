import type { AttributionFigure } from '@dun/service'
import { count, money } from '@/lib/server/outcomes/format'
import { byKeyAndCurrency, MODELS } from './by-model'
import { ModelGroupsRow, ModelRows } from './model-columns'

/** Recovered payments and amounts credited to each channel, both models side by side. */
export function ChannelTable({ figures }: { figures: readonly AttributionFigure[] }) {
  const rows = byKeyAndCurrency(figures, (f) => f.model)
  return (
    <table className="figures" data-testid="channel-table">
      <caption className="visually-hidden">
        Recovery by channel under each attribution model, per currency
      </caption>
      <thead>
        <ModelGroupsRow span={2} />
        <tr>
          <th scope="col">Channel</th>
          <th scope="col">Currency</th>
          {MODELS.map((model) => [
            <th key={`${model}-p`} scope="col">
              Payments credited
            </th>,
            <th key={`${model}-a`} scope="col">
              Amount credited
            </th>,
          ])}
        </tr>
      </thead>
      <tbody>
        <ModelRows
          rows={rows}
          cells={(figure, currency) => [
            <td key="p">{count(figure?.payments ?? 0)}</td>,
            <td key="a">{money(figure?.amount ?? 0, currency)}</td>,
          ]}
        />
      </tbody>
    </table>
  )
}
