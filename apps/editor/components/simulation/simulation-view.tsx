'use client'
import Link from 'next/link'
import { useState, type FormEvent } from 'react'
import { responseModelSchema, type ResponseModel } from '@dun/engine'
import type { DatasetSummary } from '@dun/service'
import type { VersionChoice } from '@/lib/server/datasets/simulation-choices'
import { DEFAULT_RESPONSE_MODEL } from '@/lib/simulation/default-response-model'
import type { DatasetPayload } from '@/lib/simulation/memory-source'
import { InvoiceDetail } from './invoice-detail'
import { SimulationResults } from './simulation-results'
import { useSimulationWorker } from './use-simulation-worker'
import './simulation.css'

/** Pick a dataset and one or two versions, run them in the worker, read the results. */
export function SimulationView({
  datasets,
  versions,
}: {
  datasets: readonly DatasetSummary[]
  versions: readonly VersionChoice[]
}) {
  const { state, send, fail, closeStory } = useSimulationWorker()
  const [datasetId, setDatasetId] = useState(datasets[0]?.id ?? '')
  const [baseId, setBaseId] = useState(versions.find((v) => v.live)?.id ?? versions[0]?.id ?? '')
  const [candidateId, setCandidateId] = useState('')
  const [modelFile, setModelFile] = useState<File | null>(null)

  async function run(event: FormEvent) {
    event.preventDefault()
    const chosen = [baseId, candidateId].flatMap((id) => versions.filter((v) => v.id === id))
    const model = await responseModel(modelFile)
    if (typeof model === 'string') return fail(model)
    const response = await fetch(`/api/datasets/${datasetId}`)
    if (!response.ok) {
      const body = (await response.json().catch(() => null)) as {
        error?: { message: string; hint?: string }
      } | null
      return fail(
        `the dataset could not be loaded: ${body?.error?.message ?? response.statusText}` +
          (body?.error?.hint ? `; ${body.error.hint}` : ''),
      )
    }
    const dataset = (await response.json()) as DatasetPayload
    send({
      kind: 'run',
      dataset,
      policies: chosen.map(({ label, compiled }) => ({ label, compiled })),
      responseModel: model,
    })
  }

  if (datasets.length === 0) {
    return (
      <p>
        No dataset yet. <Link href="/datasets">Upload one</Link> (the sample invoices are imported
        by <code>npm start</code>).
      </p>
    )
  }
  const labels = state.result?.labels ?? []
  return (
    <>
      <form className="sim-setup" onSubmit={run} aria-label="Simulation set-up">
        <label className="field">
          Dataset
          <select value={datasetId} onChange={(e) => setDatasetId(e.target.value)}>
            {datasets.map((d) => (
              <option key={d.id} value={d.id}>
                {d.name} ({d.invoiceCount.toLocaleString('en')} invoices)
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          Version A
          <select value={baseId} onChange={(e) => setBaseId(e.target.value)} required>
            {versions.map((v) => (
              <option key={v.id} value={v.id}>
                {v.label}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          Version B (to compare)
          <select value={candidateId} onChange={(e) => setCandidateId(e.target.value)}>
            <option value="">none</option>
            {versions
              .filter((v) => v.id !== baseId)
              .map((v) => (
                <option key={v.id} value={v.id}>
                  {v.label}
                </option>
              ))}
          </select>
        </label>
        <label className="field">
          Response model (JSON, optional)
          <input
            type="file"
            accept=".json,application/json"
            onChange={(e) => setModelFile(e.target.files?.[0] ?? null)}
          />
        </label>
        <button type="submit" className="primary" disabled={state.running || !baseId}>
          {state.running ? 'Simulating…' : 'Run simulation'}
        </button>
      </form>
      <p className="muted">
        Without a response model file, recovery is estimated with the default model (its assumptions
        are listed under the recovered amounts).
      </p>
      {state.progress && (
        <div className="progress">
          <label htmlFor="sim-progress">
            {state.running ? 'Simulating' : 'Simulated'} {state.progress.read.toLocaleString('en')}{' '}
            of {state.progress.total.toLocaleString('en')} invoices
          </label>
          <progress id="sim-progress" max={state.progress.total} value={state.progress.read} />
        </div>
      )}
      {state.error && (
        <p role="alert" className="error">
          {state.error}
        </p>
      )}
      {state.story && (
        <InvoiceDetail
          labels={labels}
          policy={state.story.policy}
          story={state.story.story}
          explained={state.explained}
          onPolicy={(policy) =>
            send({ kind: 'story', policy, invoiceId: state.story!.story.invoiceId })
          }
          onExplain={(at) =>
            send({
              kind: 'explain',
              policy: state.story!.policy,
              invoiceId: state.story!.story.invoiceId,
              at,
            })
          }
          onClose={closeStory}
        />
      )}
      {state.result && (
        <SimulationResults
          result={state.result}
          onOpenInvoice={(invoiceId) => send({ kind: 'story', policy: 0, invoiceId })}
        />
      )}
    </>
  )
}

/** The uploaded model, the default one, or what is wrong with the file. */
async function responseModel(file: File | null): Promise<ResponseModel | string> {
  if (!file) return DEFAULT_RESPONSE_MODEL
  let json: unknown
  try {
    json = JSON.parse(await file.text())
  } catch (error) {
    return `${file.name} is not valid JSON (${(error as Error).message}); check the response model file`
  }
  const parsed = responseModelSchema.safeParse(json)
  if (parsed.success) return parsed.data
  const problems = parsed.error.issues.map(
    (issue) => `${issue.path.join('.') || '(top level)'}: ${issue.message}`,
  )
  return `${file.name} is not a response model: ${problems.join('; ')}; a model has baselineCureRate (0 to 1), baselineDaysToPay, daysToPayAfterAction and uplifts: [{ channel, segment?, days?, probability }]`
}
