import { addUser } from '@dun/service'
import { z } from 'zod'
import { jsonMutation } from '@/lib/server/versions/json-mutation'
import { serviceContext } from '@/lib/server/service-context'

// The service checks the name and the password's length and names what is wrong.
const body = z.strictObject({
  username: z.string(),
  password: z.string(),
  role: z.enum(['analyst', 'approver', 'admin'], { error: 'choose analyst, approver or admin' }),
})

/** Adds a user (admins), e.g. the second approver four-eyes publishing needs. */
export async function POST(request: Request): Promise<Response> {
  return jsonMutation(request, 'admin', body, async (user, input) => {
    const created = await addUser(await serviceContext(), user, input)
    return { user: { username: created.username, role: created.role } }
  })
}
