import { ServiceError } from '@dun/service'
import type { z } from 'zod'
import type { Permission, SignedInUser } from '../../roles'
import { jsonError } from '../json-error'
import { guardMutation } from '../route-guard'
import { serviceErrorResponse } from '../service-error-response'

/**
 * The shape of the versions, admin and runner mutations: guard (origin, session, role),
 * parse the JSON body with zod, run one use case, answer its result as JSON or its refusal
 * with the service's code and hint.
 */
export async function jsonMutation<T extends z.ZodType>(
  request: Request,
  permission: Permission,
  body: T,
  run: (user: SignedInUser, input: z.infer<T>) => Promise<unknown>,
): Promise<Response> {
  const user = await guardMutation(request, permission)
  if (user instanceof Response) return user
  const parsed = body.safeParse(await request.json().catch(() => undefined))
  if (!parsed.success) {
    const issue = parsed.error.issues[0]
    const field = issue?.path.join('.') || 'body'
    return jsonError(400, 'invalid_input', `${field}: ${issue?.message ?? 'not JSON'}`, {
      field,
      hint: 'send the form again from the editor page',
    })
  }
  try {
    return Response.json(await run(user, parsed.data))
  } catch (error) {
    if (error instanceof ServiceError) return serviceErrorResponse(error)
    throw error
  }
}
