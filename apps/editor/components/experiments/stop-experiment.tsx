'use client'
import { useState } from 'react'
import { OutcomeMessage } from '@/components/versions/outcome-message'
import { useMutation } from '@/components/versions/use-mutation'

/** Stops a running experiment after a confirmation that says what stopping does. */
export function StopExperiment({ experimentId, name }: { experimentId: string; name: string }) {
  const { busy, outcome, send } = useMutation()
  const [confirming, setConfirming] = useState(false)
  const [comment, setComment] = useState('')
  if (!confirming) {
    return (
      <div>
        <button type="button" onClick={() => setConfirming(true)}>
          Stop the experiment…
        </button>
        <OutcomeMessage outcome={outcome} done="Stopped." />
      </div>
    )
  }
  return (
    <form
      className="experiment-confirm"
      aria-label={`Stop “${name}”`}
      onSubmit={(event) => {
        event.preventDefault()
        void send(`/api/experiments/${experimentId}/stop`, { comment }).then(() =>
          setConfirming(false),
        )
      }}
    >
      <p>
        Stop “{name}”? New cases go back to the policy’s live version; cases already open keep the
        version of their arm. No arm is published. The stop is audited.
      </p>
      <label>
        Why (kept in the audit log)
        <input value={comment} onChange={(e) => setComment(e.target.value)} maxLength={2000} />
      </label>
      <button type="submit" className="primary" disabled={busy}>
        Yes, stop “{name}”
      </button>{' '}
      <button type="button" onClick={() => setConfirming(false)}>
        Keep it running
      </button>
      <OutcomeMessage outcome={outcome} done="Stopped." />
    </form>
  )
}
