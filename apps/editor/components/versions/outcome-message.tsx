import type { PostOutcome } from './post-json'

/** A mutation's result next to the control that sent it: announced to screen readers. */
export function OutcomeMessage({ outcome, done }: { outcome: PostOutcome | null; done: string }) {
  if (!outcome) return null
  switch (outcome.kind) {
    case 'done':
      return (
        <p role="status" className="pass">
          {done}
        </p>
      )
    case 'failed':
      return (
        <p role="alert" className="fail">
          {outcome.message}
          {outcome.hint && <span className="problem-hint"> — {outcome.hint}</span>}
        </p>
      )
  }
}
