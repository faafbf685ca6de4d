import { saveVersion, ServiceError } from '@dun/service'
import { z } from 'zod'
import { jsonError } from '@/lib/server/json-error'
import { guardMutation } from '@/lib/server/route-guard'
import { serviceContext } from '@/lib/server/service-context'
import { serviceErrorResponse } from '@/lib/server/service-error-response'

const body = z.strictObject({
  source: z.string().max(1_000_000, 'a policy file is at most 1,000,000 characters'),
  comment: z.string().max(2_000).optional(),
})

/** Saves the editor's text as a new draft version (analysts and up). */
export async function POST(request: Request): Promise<Response> {
  const user = await guardMutation(request, 'draft')
  if (user instanceof Response) return user
  const parsed = body.safeParse(await request.json().catch(() => undefined))
  if (!parsed.success) {
    const issue = parsed.error.issues[0]
    const field = issue?.path.join('.') || 'body'
    return jsonError(400, 'invalid_input', `${field}: ${issue?.message ?? 'not JSON'}`, {
      field,
      hint: 'send {"source": "policy …"} as JSON',
    })
  }
  const ctx = await serviceContext()
  try {
    const version = await saveVersion(ctx, user, parsed.data)
    const name = version.compiled.policy.name
    return Response.json(
      {
        version: {
          id: version.id,
          policyId: version.policy_id,
          policyName: name,
          number: version.number,
        },
      },
      { status: 201 },
    )
  } catch (error) {
    if (error instanceof ServiceError) return serviceErrorResponse(error)
    throw error
  }
}
