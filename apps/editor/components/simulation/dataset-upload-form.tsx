'use client'
import { useRouter } from 'next/navigation'
import { useState, type FormEvent } from 'react'
import type { RowError } from '@dun/engine'
import type { DatasetImportResult } from '@dun/service'
import './simulation.css'

type Outcome =
  | { readonly kind: 'stored'; readonly result: DatasetImportResult }
  | { readonly kind: 'refused'; readonly message: string; readonly hint?: string }

/**
 * Uploads an invoices file (CSV through an optional column mapping, or JSON lines) with
 * optional customers and events files. Rows that cannot be read are listed with their row,
 * column and reason; the rest are kept.
 */
export function DatasetUploadForm() {
  const router = useRouter()
  const [busy, setBusy] = useState(false)
  const [outcome, setOutcome] = useState<Outcome | null>(null)

  async function upload(event: FormEvent<HTMLFormElement>) {
    event.preventDefault()
    setBusy(true)
    setOutcome(null)
    try {
      const response = await fetch('/api/datasets', {
        method: 'POST',
        body: new FormData(event.currentTarget),
      })
      const body = (await response.json().catch(() => null)) as
        DatasetImportResult | { error: { message: string; hint?: string } } | null
      if (response.ok && body && 'dataset' in body) {
        setOutcome({ kind: 'stored', result: body })
        router.refresh()
      } else {
        const error = body && 'error' in body ? body.error : null
        setOutcome({
          kind: 'refused',
          message: error?.message ?? `the upload failed (${response.status})`,
          hint: error?.hint ?? 'try again',
        })
      }
    } finally {
      setBusy(false)
    }
  }

  return (
    <section aria-labelledby="upload-heading" className="upload">
      <h2 id="upload-heading">Upload a dataset</h2>
      <form onSubmit={upload} className="sim-setup upload-form">
        <label className="field">
          Name
          <input name="name" required maxLength={200} placeholder="2023 card invoices" />
        </label>
        <label className="field">
          Invoices (CSV or JSON lines)
          <input name="invoices" type="file" accept=".csv,.jsonl,.ndjson,text/csv" required />
        </label>
        <label className="field">
          Column mapping (JSON, for a foreign CSV export)
          <input name="mapping" type="file" accept=".json,application/json" />
        </label>
        <label className="field">
          Customers (CSV or JSON lines, optional)
          <input name="customers" type="file" accept=".csv,.jsonl,.ndjson,text/csv" />
        </label>
        <label className="field">
          Payment events (JSON lines, optional)
          <input name="events" type="file" accept=".jsonl,.ndjson" />
        </label>
        <button type="submit" className="primary" disabled={busy}>
          {busy ? 'Uploading…' : 'Upload'}
        </button>
      </form>
      <p className="muted">
        Rows that cannot be read are left out and listed below; the dataset keeps the others. A file
        with no usable row is refused and nothing is stored. Datasets never start dunning anyone.
      </p>
      {outcome?.kind === 'refused' && (
        <p role="alert" className="error">
          Not stored: {outcome.message}
          {outcome.hint && <span className="hint"> — {outcome.hint}</span>}
        </p>
      )}
      {outcome?.kind === 'stored' && <Stored result={outcome.result} />}
    </section>
  )
}

function Stored({ result }: { result: DatasetImportResult }) {
  const { dataset, errorCount, errors } = result
  return (
    <div role="status" data-testid="upload-result">
      <p>
        Stored “{dataset.name}”: {dataset.invoiceCount.toLocaleString('en')} invoices
        {errorCount > 0
          ? `; ${errorCount.toLocaleString('en')} row(s) could not be read and were left out.`
          : '.'}
      </p>
      {errors.length > 0 && <RowErrorsTable errors={errors} total={errorCount} />}
    </div>
  )
}

function RowErrorsTable({ errors, total }: { errors: readonly RowError[]; total: number }) {
  return (
    <table className="data" data-testid="row-errors">
      <caption>
        Rows left out{total > errors.length ? ` (the first ${errors.length} of ${total})` : ''}
      </caption>
      <thead>
        <tr>
          <th scope="col">File</th>
          <th scope="col">Row</th>
          <th scope="col">Column</th>
          <th scope="col">Reason</th>
        </tr>
      </thead>
      <tbody>
        {errors.map((error, i) => (
          <tr key={i}>
            <td>{error.file}</td>
            <td>{error.row}</td>
            <td>{error.column ?? '(whole row)'}</td>
            <td>{error.message}</td>
          </tr>
        ))}
      </tbody>
    </table>
  )
}
