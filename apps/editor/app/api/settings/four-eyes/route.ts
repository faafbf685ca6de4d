import { setFourEyesMode } from '@dun/service'
import { z } from 'zod'
import { jsonMutation } from '@/lib/server/versions/json-mutation'
import { serviceContext } from '@/lib/server/service-context'

const body = z.strictObject({ on: z.boolean() })

/** Turns four-eyes publishing on or off (admins). */
export async function POST(request: Request): Promise<Response> {
  return jsonMutation(request, 'admin', body, async (user, input) => {
    await setFourEyesMode(await serviceContext(), user, input.on)
    return { fourEyes: input.on }
  })
}
