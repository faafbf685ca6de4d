import { z } from 'zod'

export type SaveOutcome =
  | {
      readonly kind: 'saved'
      readonly policyId: string
      readonly policyName: string
      readonly number: number
    }
  | { readonly kind: 'failed'; readonly message: string; readonly hint?: string }

const saved = z.object({
  version: z.object({ policyId: z.string(), policyName: z.string(), number: z.number() }),
})
const refused = z.object({ error: z.object({ message: z.string(), hint: z.string().optional() }) })

/** Stores the text as a new draft version through the editor's API route. */
export async function saveDraft(source: string): Promise<SaveOutcome> {
  let response: Response
  try {
    response = await fetch('/api/policies/versions', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ source }),
    })
  } catch (error) {
    return {
      kind: 'failed',
      message: `the editor server did not answer (${(error as Error).message})`,
      hint: 'check that `npm start` is still running, then save again',
    }
  }
  const body: unknown = await response.json().catch(() => null)
  const ok = saved.safeParse(body)
  if (response.ok && ok.success) return { kind: 'saved', ...ok.data.version }
  const error = refused.safeParse(body)
  return error.success
    ? { kind: 'failed', ...error.data.error }
    : {
        kind: 'failed',
        message: `the server answered ${response.status} without an explanation`,
        hint: 'reload the page and save again',
      }
}
