import { z } from 'zod'

const refusal = z.object({
  error: z.object({
    message: z.string(),
    field: z.string().optional(),
    hint: z.string().optional(),
  }),
  fields: z.record(z.string(), z.string()).optional(),
})

export type FormOutcome =
  | { readonly kind: 'started'; readonly experimentId: string }
  | {
      readonly kind: 'refused'
      readonly message: string
      readonly hint?: string
      readonly fields: Readonly<Record<string, string>>
    }

/** The service names the sample `minimumSamplePerArm`; the form names it `minimumSample`. */
function formField(field: string | undefined): string {
  if (field === undefined || field === '') return 'form'
  return field === 'minimumSamplePerArm' ? 'minimumSample' : field
}

/** Sends the start form; a refusal comes back with each field's problem under its name. */
export async function postStartForm(body: unknown): Promise<FormOutcome> {
  let response: Response
  try {
    response = await fetch('/api/experiments', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    })
  } catch (error) {
    return {
      kind: 'refused',
      message: `the editor server did not answer (${(error as Error).message})`,
      hint: 'check that `npm start` is still running, then try again',
      fields: {},
    }
  }
  const json: unknown = await response.json().catch(() => null)
  if (response.ok) {
    const started = z.object({ experimentId: z.string() }).safeParse(json)
    if (started.success) return { kind: 'started', experimentId: started.data.experimentId }
  }
  const refused = refusal.safeParse(json)
  if (!refused.success) {
    return {
      kind: 'refused',
      message: `the server answered ${response.status} without an explanation`,
      hint: 'reload the page and try again',
      fields: {},
    }
  }
  const { error, fields } = refused.data
  return {
    kind: 'refused',
    message: error.message,
    ...(error.hint === undefined ? {} : { hint: error.hint }),
    fields: fields ?? { [formField(error.field)]: error.message },
  }
}
