import { allows, type Permission, type SignedInUser } from '../roles'
import { currentUser } from './auth'
import { isSameOrigin } from './same-origin'
import { jsonError } from './json-error'

/**
 * The gate of every mutating route handler: same-origin request, a signed-in user, and the
 * role the route needs. Returns the user, or the response that refuses the request.
 */
export async function guardMutation(
  request: Request,
  permission: Permission,
): Promise<SignedInUser | Response> {
  if (!isSameOrigin(request.headers)) {
    return jsonError(403, 'cross_origin', 'this request did not come from the editor page', {
      hint: 'reload the editor and try again',
    })
  }
  return guardRead(permission)
}

/** The gate of a reading route handler: a signed-in user with the role the route needs. */
export async function guardRead(permission: Permission): Promise<SignedInUser | Response> {
  const user = await currentUser()
  if (!user) {
    return jsonError(401, 'unauthenticated', 'you are not signed in (or the session expired)', {
      hint: 'sign in again',
    })
  }
  if (!allows(user, permission)) {
    return jsonError(403, 'forbidden', `the ${user.role} role cannot ${permission}`, {
      hint: 'ask an admin for a role that may',
    })
  }
  return user
}
