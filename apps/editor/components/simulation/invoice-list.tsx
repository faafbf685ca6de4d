'use client'
import { useState } from 'react'
import { formatMoney } from '@dun/engine'
import type { SimulationResult } from '@/lib/simulation/run-simulation'

const SHOWN = 25

/** The invoices acted on, most actions first, filterable by invoice or customer id. */
export function InvoiceList({
  result,
  onOpen,
}: {
  result: SimulationResult
  onOpen: (invoiceId: string) => void
}) {
  const [filter, setFilter] = useState('')
  const needle = filter.trim().toLowerCase()
  const matching = result.invoices.filter(
    (row) =>
      needle === '' ||
      row.invoiceId.toLowerCase().includes(needle) ||
      row.customerId.toLowerCase().includes(needle),
  )
  return (
    <section aria-labelledby="invoices-heading">
      <h3 id="invoices-heading">
        Invoices acted on ({result.invoices.length.toLocaleString('en')})
      </h3>
      <label className="field inline">
        Find an invoice or customer
        <input value={filter} onChange={(e) => setFilter(e.target.value)} placeholder="in_0000…" />
      </label>
      <table className="data" data-testid="invoice-list">
        <thead>
          <tr>
            <th scope="col">Invoice</th>
            <th scope="col">Customer</th>
            <th scope="col">Amount due</th>
            {result.labels.map((label) => (
              <th scope="col" key={label}>
                Actions, {label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {matching.slice(0, SHOWN).map((row) => (
            <tr key={row.invoiceId}>
              <th scope="row">
                <button type="button" className="link" onClick={() => onOpen(row.invoiceId)}>
                  {row.invoiceId}
                </button>
              </th>
              <td>{row.customerId}</td>
              <td>{formatMoney(row.amountDue, row.currency)}</td>
              {row.actions.map((n, index) => (
                <td key={index}>{n}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
      {matching.length > SHOWN && (
        <p className="muted">
          {SHOWN} of {matching.length.toLocaleString('en')} shown; type an id to find another.
        </p>
      )}
    </section>
  )
}
