import { approveVersion } from '@dun/service'
import { z } from 'zod'
import { jsonMutation } from '@/lib/server/versions/json-mutation'
import { serviceContext } from '@/lib/server/service-context'

const body = z.strictObject({ comment: z.string().max(2_000).default('') })

/** Approves a version waiting for approval, which publishes it (never its own author). */
export async function POST(
  request: Request,
  { params }: { params: Promise<{ versionId: string }> },
): Promise<Response> {
  const { versionId } = await params
  return jsonMutation(request, 'publish', body, async (user, input) => ({
    result: await approveVersion(await serviceContext(), user, versionId, input.comment),
  }))
}
