import { requestPublish } from '@dun/service'
import { z } from 'zod'
import { jsonMutation } from '@/lib/server/versions/json-mutation'
import { serviceContext } from '@/lib/server/service-context'

const body = z.strictObject({ comment: z.string().max(2_000).default('') })

/**
 * Asks to publish a draft: published at once by an approver when four-eyes is off, otherwise
 * waiting for a second person's approval (the service decides; analysts may ask).
 */
export async function POST(
  request: Request,
  { params }: { params: Promise<{ versionId: string }> },
): Promise<Response> {
  const { versionId } = await params
  return jsonMutation(request, 'draft', body, async (user, input) => ({
    result: await requestPublish(await serviceContext(), user, versionId, input.comment),
  }))
}
