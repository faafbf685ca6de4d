'use client'
import { useState } from 'react'
import { OutcomeMessage } from '@/components/versions/outcome-message'
import { useMutation } from '@/components/versions/use-mutation'
import { casesPerArm } from '@/lib/server/experiments/verdict'

export interface PromoteArmProps {
  readonly experimentId: string
  readonly arms: readonly { name: string; versionNumber: number | null }[]
  /** Preselected: the arm that recovers significantly more, if one does. */
  readonly leadingArm: string | null
  /** Cases per arm still needed before the verdict: promoting waits until it is 0. */
  readonly casesPerArmNeeded: number
  readonly fourEyes: boolean
}

/**
 * Promotes an arm through the publishing rule, saying first what that does. Disabled while
 * the figures are interim: deciding on them would pick winners by chance.
 */
export function PromoteArm(props: PromoteArmProps) {
  const { busy, outcome, send } = useMutation()
  // Preselects the winner once the verdict is in (read on the planned sample, it stays put), until the analyst picks an arm.
  const [chosen, setChosen] = useState<string | null>(null)
  const arm = chosen ?? props.leadingArm ?? props.arms[0]?.name ?? ''
  const [comment, setComment] = useState('')
  const interim = props.casesPerArmNeeded > 0
  return (
    <form
      className="experiment-promote"
      aria-labelledby="promote-heading"
      onSubmit={(event) => {
        event.preventDefault()
        void send(`/api/experiments/${props.experimentId}/promote`, { arm, comment })
      }}
    >
      <h3 id="promote-heading">Promote the winner</h3>
      <p>
        Promoting copies the arm’s version into a new draft and{' '}
        {props.fourEyes
          ? 'asks for its publication: under four-eyes another approver or admin must approve it on the versions page (or here) before it goes live.'
          : 'publishes it at once (four-eyes is off).'}{' '}
        The experiment ends; until the new version is published, new cases keep the split. Every
        step is audited.
      </p>
      {interim ? (
        <p className="muted" id="promote-interim" data-testid="promote-interim">
          Interim: do not decide yet, {casesPerArm(props.casesPerArmNeeded)} before the verdict.
          Promoting waits for it: deciding on interim figures turns chance differences into winners.
        </p>
      ) : (
        props.leadingArm === null && (
          <p className="muted">No arm recovers significantly more than the control.</p>
        )
      )}
      <label>
        Arm to promote
        <select value={arm} onChange={(e) => setChosen(e.target.value)}>
          {props.arms.map((a) => (
            <option key={a.name} value={a.name}>
              {a.name}
              {a.versionNumber === null ? '' : ` (v${a.versionNumber})`}
              {a.name === props.leadingArm ? ' — recovers more' : ''}
            </option>
          ))}
        </select>
      </label>
      <label>
        Comment (kept with the version and in the audit log)
        <input value={comment} onChange={(e) => setComment(e.target.value)} maxLength={2000} />
      </label>
      <button
        type="submit"
        className="primary"
        disabled={busy || interim}
        aria-describedby={interim ? 'promote-interim' : undefined}
      >
        Promote “{arm}”
      </button>
      <OutcomeMessage
        outcome={outcome}
        done={
          props.fourEyes ? 'Promoted: the new version awaits approval.' : 'Promoted and published.'
        }
      />
    </form>
  )
}
