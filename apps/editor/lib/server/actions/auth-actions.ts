'use server'
import { ServiceError, signIn } from '@dun/service'
import { cookies, headers } from 'next/headers'
import { redirect } from 'next/navigation'
import { SESSION_COOKIE, setSessionCookie } from '../auth'
import { isSameOrigin } from '../same-origin'
import { serviceContext } from '../service-context'
import { endSession, startSession } from '../sessions'

export interface SignInState {
  readonly error: string | null
  readonly username: string
}

const CROSS_SITE = 'This form was sent from another site; open the editor and sign in there.'

/** Checks the password, starts a session and goes to the policies. */
export async function signInAction(_previous: SignInState, form: FormData): Promise<SignInState> {
  const username = String(form.get('username') ?? '').trim()
  const password = String(form.get('password') ?? '')
  if (!isSameOrigin(await headers())) return { error: CROSS_SITE, username }
  if (!username || !password) {
    return { error: 'Enter both your username and your password.', username }
  }
  const ctx = await serviceContext()
  try {
    const user = await signIn(ctx, username, password)
    const session = await startSession(ctx, user.id)
    await setSessionCookie(session.id, session.expires)
  } catch (error) {
    if (error instanceof ServiceError && error.code === 'unauthenticated') {
      return {
        error: 'Wrong username or password. Check both and try again; an admin can add users.',
        username,
      }
    }
    throw error
  }
  redirect('/policies')
}

/** Ends the session in the database and in the browser. */
export async function signOutAction(): Promise<void> {
  if (!isSameOrigin(await headers())) throw new Error(CROSS_SITE)
  const jar = await cookies()
  const id = jar.get(SESSION_COOKIE)?.value
  if (id) await endSession(await serviceContext(), id)
  jar.delete(SESSION_COOKIE)
  redirect('/sign-in')
}
