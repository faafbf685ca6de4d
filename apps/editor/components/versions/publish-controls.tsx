'use client'
import { useState } from 'react'
import { OutcomeMessage } from './outcome-message'
import { useMutation } from './use-mutation'

export interface PublishControlsProps {
  readonly versionId: string
  readonly number: number
  readonly state: 'draft' | 'pending_approval' | 'published' | 'archived'
  /** Whether the signed-in user may approve this version (a publisher who did not write it). */
  readonly canApprove: boolean
  /** The label of the draft's button: "Publish", or "Request approval" under four-eyes. */
  readonly publishLabel: string
  readonly canRequest: boolean
}

/** A version's next step: publish (or request approval) a draft, approve a pending one. */
export function PublishControls(props: PublishControlsProps) {
  const { busy, outcome, send } = useMutation()
  const [comment, setComment] = useState('')
  const action =
    props.state === 'draft' && props.canRequest
      ? { label: props.publishLabel, url: `/api/versions/${props.versionId}/publish` }
      : props.state === 'pending_approval' && props.canApprove
        ? { label: 'Approve and publish', url: `/api/versions/${props.versionId}/approve` }
        : null
  if (!action) return null
  return (
    <form
      className="publish-controls"
      onSubmit={(event) => {
        event.preventDefault()
        void send(action.url, { comment })
      }}
    >
      <label>
        <span className="visually-hidden">Comment for version {props.number}</span>
        <input
          value={comment}
          onChange={(event) => setComment(event.target.value)}
          placeholder="Comment"
          maxLength={2000}
        />
      </label>
      <button type="submit" className="primary" disabled={busy}>
        {action.label} v{props.number}
      </button>
      <OutcomeMessage outcome={outcome} done="Done." />
    </form>
  )
}
