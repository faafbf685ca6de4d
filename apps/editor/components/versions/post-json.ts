import { z } from 'zod'

export type PostOutcome =
  | { readonly kind: 'done' }
  | { readonly kind: 'failed'; readonly message: string; readonly hint?: string }

const refused = z.object({ error: z.object({ message: z.string(), hint: z.string().optional() }) })

/** Sends one mutation to an editor route; a refusal comes back with the server's message. */
export async function postJson(url: string, body: unknown): Promise<PostOutcome> {
  let response: Response
  try {
    response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    })
  } catch (error) {
    return {
      kind: 'failed',
      message: `the editor server did not answer (${(error as Error).message})`,
      hint: 'check that `npm start` is still running, then try again',
    }
  }
  if (response.ok) return { kind: 'done' }
  const error = refused.safeParse(await response.json().catch(() => null))
  return error.success
    ? { kind: 'failed', ...error.data.error }
    : {
        kind: 'failed',
        message: `the server answered ${response.status} without an explanation`,
        hint: 'reload the page and try again',
      }
}
