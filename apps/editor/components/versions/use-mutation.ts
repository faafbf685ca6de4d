'use client'
import { useRouter } from 'next/navigation'
import { useState } from 'react'
import { postJson, type PostOutcome } from './post-json'

/** Posts, shows the outcome, and re-renders the server page so the tables show the change. */
export function useMutation() {
  const router = useRouter()
  const [busy, setBusy] = useState(false)
  const [outcome, setOutcome] = useState<PostOutcome | null>(null)
  async function send(url: string, body: unknown): Promise<void> {
    setBusy(true)
    const result = await postJson(url, body)
    setOutcome(result)
    setBusy(false)
    if (result.kind === 'done') router.refresh()
  }
  return { busy, outcome, send }
}
