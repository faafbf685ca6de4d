import { experimentOverview, promoteArm, ServiceError } from '@dun/service'
import { z } from 'zod'
import { jsonMutation } from '@/lib/server/versions/json-mutation'
import { serviceContext } from '@/lib/server/service-context'

const body = z.strictObject({
  arm: z.string().min(1, 'choose the arm to promote').max(100),
  comment: z.string().max(2_000).default(''),
})

/**
 * Promotes an arm through the one publishing rule: its version becomes a new draft whose
 * publication is requested like any other (under four-eyes a second person approves it on
 * the versions page); the experiment ends, and traffic stays split until that approval.
 * Refused while the figures are interim: the verdict waits for the planned sample.
 */
export async function POST(
  request: Request,
  { params }: { params: Promise<{ experimentId: string }> },
): Promise<Response> {
  const { experimentId } = await params
  return jsonMutation(request, 'publish', body, async (user, input) => {
    const ctx = await serviceContext()
    const { analysis } = await experimentOverview(ctx, experimentId)
    if (analysis.casesPerArmNeeded > 0) {
      throw new ServiceError(
        'conflict',
        `experiment ${experimentId} is interim: each arm needs ${analysis.casesPerArmNeeded} more cases before the verdict`,
        { hint: 'keep it running until the planned sample is in, or stop it without a winner' },
      )
    }
    const result = await promoteArm(ctx, user, experimentId, input.arm, input.comment)
    return { experimentId, arm: result.arm, versionId: result.versionId, state: result.state }
  })
}
