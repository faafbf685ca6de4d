import { retryAction } from '@dun/service'
import { z } from 'zod'
import { jsonMutation } from '@/lib/server/versions/json-mutation'
import { serviceContext } from '@/lib/server/service-context'

const body = z.strictObject({})

/** Sends a dead letter (or an action in review) back to the outbox; audited. */
export async function POST(
  request: Request,
  { params }: { params: Promise<{ actionId: string }> },
): Promise<Response> {
  const { actionId } = await params
  return jsonMutation(request, 'publish', body, async (user) => ({
    action: { id: (await retryAction(await serviceContext(), user, actionId)).id },
  }))
}
