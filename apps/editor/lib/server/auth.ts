import { cookies, headers } from 'next/headers'
import { redirect } from 'next/navigation'
import { allows, type Permission, type SignedInUser } from '../roles'
import { isHttps } from './same-origin'
import { serviceContext } from './service-context'
import { sessionUser } from './sessions'

export const SESSION_COOKIE = 'dun_session'

/** The signed-in user of this request, or null. */
export async function currentUser(): Promise<SignedInUser | null> {
  const id = (await cookies()).get(SESSION_COOKIE)?.value
  if (!id) return null
  return sessionUser(await serviceContext(), id)
}

/** For pages: the signed-in user allowed to `permission`; others go to the sign-in page. */
export async function requirePageUser(permission: Permission): Promise<SignedInUser> {
  const user = await currentUser()
  if (!user) redirect('/sign-in')
  if (!allows(user, permission)) redirect(`/forbidden?need=${permission}`)
  return user
}

/** Sets the session cookie: HttpOnly, SameSite=Strict, Secure when served over https. */
export async function setSessionCookie(id: string, expires: Date): Promise<void> {
  const secure = isHttps(await headers())
  ;(await cookies()).set(SESSION_COOKIE, id, {
    httpOnly: true,
    sameSite: 'strict',
    secure,
    path: '/',
    expires,
  })
}
