'use client'
import { OutcomeMessage } from '@/components/versions/outcome-message'
import { useMutation } from '@/components/versions/use-mutation'

/** Sends one dead letter back to the outbox. */
export function RetryButton({ actionId, what }: { actionId: string; what: string }) {
  const { busy, outcome, send } = useMutation()
  return (
    <>
      <button
        type="button"
        disabled={busy}
        aria-label={`Retry ${what}`}
        onClick={() => void send(`/api/runner/actions/${actionId}/retry`, {})}
      >
        Retry
      </button>
      <OutcomeMessage outcome={outcome} done="Sent back to the outbox." />
    </>
  )
}
