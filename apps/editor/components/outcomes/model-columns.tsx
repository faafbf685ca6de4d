import { Fragment, type ReactNode } from 'react'
import { MODEL_LABELS } from '@dun/service'
import type { AttributionModel } from '@dun/store'
import { MODELS } from './by-model'

/** The top header row of a table with a group of `span` columns per attribution model. */
export function ModelGroupsRow({ span }: { span: number }) {
  return (
    <tr>
      <td colSpan={2} />
      {MODELS.map((model) => (
        <th key={model} scope="colgroup" colSpan={span}>
          {MODEL_LABELS[model]}
        </th>
      ))}
    </tr>
  )
}

/** The body rows: each row's key and currency, then each model's cells for its figure (if any). */
export function ModelRows<T>({
  rows,
  cells,
}: {
  rows: readonly { key: string; currency: string; models: Partial<Record<AttributionModel, T>> }[]
  cells: (figure: T | undefined, currency: string) => ReactNode
}) {
  return (
    <>
      {rows.map((row) => (
        <tr key={`${row.key}-${row.currency}`}>
          <th scope="row">{row.key}</th>
          <td>{row.currency}</td>
          {MODELS.map((model) => (
            <Fragment key={model}>{cells(row.models[model], row.currency)}</Fragment>
          ))}
        </tr>
      ))}
    </>
  )
}
