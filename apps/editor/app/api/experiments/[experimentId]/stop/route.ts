import { stopExperiment } from '@dun/service'
import { z } from 'zod'
import { jsonMutation } from '@/lib/server/versions/json-mutation'
import { serviceContext } from '@/lib/server/service-context'

const body = z.strictObject({ comment: z.string().max(2_000).default('') })

/** Stops a running experiment: new cases start under the policy's live version again. */
export async function POST(
  request: Request,
  { params }: { params: Promise<{ experimentId: string }> },
): Promise<Response> {
  const { experimentId } = await params
  return jsonMutation(request, 'publish', body, async (user, input) => {
    await stopExperiment(await serviceContext(), user, experimentId, input.comment)
    return { experimentId, state: 'stopped' }
  })
}
