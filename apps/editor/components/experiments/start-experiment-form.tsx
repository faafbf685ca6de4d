'use client'
import { useRouter } from 'next/navigation'
import { useState } from 'react'
import type { PolicyChoice } from '@/lib/server/experiments/start-choices'
import { postStartForm, type FormOutcome } from './post-form'

interface ArmDraft {
  readonly name: string
  readonly versionId: string
  readonly weight: number
}

/** Two arms to begin with: the live version as control against the newest other one, 50/50. */
function firstArms(policy: PolicyChoice | undefined): ArmDraft[] {
  const versions = policy?.versions ?? []
  const control = versions.find((v) => v.live) ?? versions[1] ?? versions[0]
  const challenger = versions.find((v) => v.id !== control?.id)
  return [
    { name: 'control', versionId: control?.id ?? '', weight: 50 },
    { name: 'challenger', versionId: challenger?.id ?? '', weight: 50 },
  ]
}

function FieldError({ fields, name }: { fields: Readonly<Record<string, string>>; name: string }) {
  const message = fields[name]
  if (!message) return null
  return (
    <p className="field-error" id={`error-${name}`} role="alert">
      {message}
    </p>
  )
}

/** Starting an experiment: the policy, its arms (name, published version, share), the sample. */
export function StartExperimentForm({ policies }: { policies: readonly PolicyChoice[] }) {
  const router = useRouter()
  const withVersions = policies.filter((p) => p.versions.length >= 2)
  const [policyId, setPolicyId] = useState(withVersions[0]?.id ?? '')
  const policy = policies.find((p) => p.id === policyId)
  const [name, setName] = useState('')
  const [minimumSample, setMinimumSample] = useState('500')
  const [arms, setArms] = useState<ArmDraft[]>(() => firstArms(policy))
  const [busy, setBusy] = useState(false)
  const [outcome, setOutcome] = useState<FormOutcome | null>(null)
  const fields = outcome?.kind === 'refused' ? outcome.fields : {}
  const total = arms.reduce((sum, a) => sum + (Number.isFinite(a.weight) ? a.weight : 0), 0)
  const describedBy = (field: string) => (fields[field] ? `error-${field}` : undefined)

  if (withVersions.length === 0) {
    return (
      <p>
        No policy has two published versions yet. Publish a second version of a policy (on its
        versions page) to compare it with the first.
      </p>
    )
  }

  function update(index: number, change: Partial<ArmDraft>) {
    setArms((current) => current.map((a, i) => (i === index ? { ...a, ...change } : a)))
  }

  async function submit() {
    setBusy(true)
    const result = await postStartForm({
      name,
      policyId,
      arms,
      minimumSample: Number(minimumSample),
    })
    setOutcome(result)
    setBusy(false)
    if (result.kind === 'started') router.push(`/experiments/${result.experimentId}`)
  }

  return (
    <form
      className="experiment-form"
      noValidate
      onSubmit={(event) => {
        event.preventDefault()
        void submit()
      }}
    >
      <label>
        Experiment name
        <input
          name="name"
          value={name}
          onChange={(e) => setName(e.target.value)}
          placeholder="SMS on day 3"
          maxLength={200}
          aria-invalid={Boolean(fields.name)}
          aria-describedby={describedBy('name')}
        />
      </label>
      <FieldError fields={fields} name="name" />
      <label>
        Policy
        <select
          name="policyId"
          value={policyId}
          onChange={(e) => {
            setPolicyId(e.target.value)
            setArms(firstArms(policies.find((p) => p.id === e.target.value)))
          }}
        >
          {withVersions.map((p) => (
            <option key={p.id} value={p.id}>
              {p.name} ({p.versions.length} published versions)
            </option>
          ))}
        </select>
      </label>
      {policy?.liveExperiment && (
        <p className="field-error">
          “{policy.liveExperiment}” is still running on this policy: stop it or promote its winner
          before starting another.
        </p>
      )}
      <FieldError fields={fields} name="policyId" />
      <fieldset aria-describedby="split-help">
        <legend>Arms and traffic split</legend>
        <p id="split-help" className="muted">
          The first arm is the control every other arm is compared with. Each new customer is placed
          in one arm by a stable hash of their id and stays there. Shares are percentages of new
          customers and must add up to 100 (now {total}%).
        </p>
        {arms.map((arm, i) => (
          <div key={i} className="arm-row" data-testid={`arm-row-${i}`}>
            <label>
              Arm {i + 1} name
              <input
                value={arm.name}
                onChange={(e) => update(i, { name: e.target.value })}
                maxLength={100}
                aria-invalid={Boolean(fields[`arms.${i}.name`])}
                aria-describedby={describedBy(`arms.${i}.name`)}
              />
            </label>
            <label>
              Arm {i + 1} version
              <select
                value={arm.versionId}
                onChange={(e) => update(i, { versionId: e.target.value })}
                aria-invalid={Boolean(fields[`arms.${i}.versionId`])}
                aria-describedby={describedBy(`arms.${i}.versionId`)}
              >
                <option value="">choose a version</option>
                {policy?.versions.map((v) => (
                  <option key={v.id} value={v.id}>
                    v{v.number}
                    {v.live ? ' (live)' : ''}
                    {v.comment ? ` — ${v.comment}` : ''}
                  </option>
                ))}
              </select>
            </label>
            <label>
              Arm {i + 1} share (%)
              <input
                type="number"
                min={1}
                max={99}
                value={Number.isFinite(arm.weight) ? arm.weight : ''}
                onChange={(e) => update(i, { weight: e.target.valueAsNumber })}
                aria-invalid={Boolean(fields[`arms.${i}.weight`] ?? fields.split)}
                aria-describedby={describedBy(`arms.${i}.weight`) ?? describedBy('split')}
              />
            </label>
            {arms.length > 2 && (
              <button
                type="button"
                onClick={() => setArms((current) => current.filter((_, j) => j !== i))}
              >
                Remove arm {i + 1}
              </button>
            )}
            <FieldError fields={fields} name={`arms.${i}.name`} />
            <FieldError fields={fields} name={`arms.${i}.versionId`} />
            <FieldError fields={fields} name={`arms.${i}.weight`} />
          </div>
        ))}
        <FieldError fields={fields} name="arms" />
        <FieldError fields={fields} name="split" />
        <button
          type="button"
          onClick={() => setArms((current) => [...current, { name: '', versionId: '', weight: 0 }])}
        >
          Add an arm
        </button>
      </fieldset>
      <label>
        Cases per arm before a verdict
        <input
          type="number"
          name="minimumSample"
          min={10}
          value={minimumSample}
          onChange={(e) => setMinimumSample(e.target.value)}
          aria-invalid={Boolean(fields.minimumSample)}
          aria-describedby={describedBy('minimumSample')}
        />
      </label>
      <FieldError fields={fields} name="minimumSample" />
      <p className="muted">
        Starting changes what new cases of this policy receive at once; cases already open keep
        their version. Contact limits and pauses apply to every arm. The start is audited.
      </p>
      <button type="submit" className="primary" disabled={busy}>
        Start the experiment
      </button>
      {outcome?.kind === 'refused' && (
        <p role="alert" className="fail">
          {/* A message already shown next to its field is not repeated here. */}
          {Object.values(fields).includes(outcome.message)
            ? 'The experiment was not started'
            : outcome.message}
          {outcome.hint && <span className="problem-hint"> — {outcome.hint}</span>}
        </p>
      )}
    </form>
  )
}
