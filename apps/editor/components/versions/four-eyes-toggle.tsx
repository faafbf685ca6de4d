'use client'
import { OutcomeMessage } from './outcome-message'
import { useMutation } from './use-mutation'

/** The admin's switch for four-eyes publishing. */
export function FourEyesToggle({ on }: { on: boolean }) {
  const { busy, outcome, send } = useMutation()
  return (
    <div className="four-eyes">
      <p>
        Four-eyes publishing is <strong data-testid="four-eyes">{on ? 'on' : 'off'}</strong>:{' '}
        {on
          ? 'every version needs an approval from someone other than its author.'
          : 'approvers and admins publish their own versions directly.'}
      </p>
      <button
        type="button"
        className="primary"
        disabled={busy}
        onClick={() => void send('/api/settings/four-eyes', { on: !on })}
      >
        {on ? 'Turn four-eyes off' : 'Turn four-eyes on'}
      </button>
      <OutcomeMessage outcome={outcome} done="Saved." />
    </div>
  )
}
