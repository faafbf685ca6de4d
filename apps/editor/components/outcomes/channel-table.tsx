import { MODEL_LABELS, type AttributionFigure } from '@dun/service'
import { count, money } from '@/lib/server/outcomes/format'
import { byKeyAndCurrency, MODELS } from './by-model'

/** Recovered payments and amounts credited to each channel, both models side by side. */
export function ChannelTable({ figures }: { figures: readonly AttributionFigure[] }) {
  const rows = byKeyAndCurrency(figures, (f) => f.model)
  return (
    <table className="figures" data-testid="channel-table">
      <caption className="visually-hidden">
        Recovery by channel under each attribution model, per currency
      </caption>
      <thead>
        <tr>
          <td colSpan={2} />
          {MODELS.map((model) => (
            <th key={model} scope="colgroup" colSpan={2}>
              {MODEL_LABELS[model]}
            </th>
          ))}
        </tr>
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
        {rows.map((row) => (
          <tr key={`${row.key}-${row.currency}`}>
            <th scope="row">{row.key}</th>
            <td>{row.currency}</td>
            {MODELS.map((model) => {
              const figure = row.models[model]
              return [
                <td key={`${model}-p`}>{count(figure?.payments ?? 0)}</td>,
                <td key={`${model}-a`}>{money(figure?.amount ?? 0, row.currency)}</td>,
              ]
            })}
          </tr>
        ))}
      </tbody>
    </table>
  )
}
