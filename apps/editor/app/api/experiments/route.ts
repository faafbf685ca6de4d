import { ServiceError, startExperiment } from '@dun/service'
import { guardMutation } from '@/lib/server/route-guard'
import { serviceContext } from '@/lib/server/service-context'
import { serviceErrorResponse } from '@/lib/server/service-error-response'
import { parseStartForm } from '@/lib/server/experiments/start-form'
import { invalidForm } from '@/lib/server/experiments/start-response'

/**
 * Starts an experiment between published versions of one policy: from now on each new
 * customer's cases run their arm's version. Needs the publish permission (the service also
 * checks the role); every field's problem comes back under its name.
 */
export async function POST(request: Request): Promise<Response> {
  const user = await guardMutation(request, 'publish')
  if (user instanceof Response) return user
  const parsed = parseStartForm(await request.json().catch(() => undefined))
  if (!parsed.ok) return invalidForm(parsed.fields)
  try {
    const started = await startExperiment(await serviceContext(), user, parsed.input)
    return Response.json({ experimentId: started.experiment.id }, { status: 201 })
  } catch (error) {
    if (error instanceof ServiceError) return serviceErrorResponse(error)
    throw error
  }
}
