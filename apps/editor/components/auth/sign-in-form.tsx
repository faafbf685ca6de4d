'use client'
import { useActionState } from 'react'
import { signInAction, type SignInState } from '@/lib/server/actions/auth-actions'

const initial: SignInState = { error: null, username: '' }

export function SignInForm() {
  const [state, action, pending] = useActionState(signInAction, initial)
  return (
    <form
      action={action}
      className="sign-in"
      aria-describedby={state.error ? 'sign-in-error' : undefined}
    >
      <label htmlFor="username">Username</label>
      <input
        id="username"
        name="username"
        autoComplete="username"
        defaultValue={state.username}
        required
        autoFocus
      />
      <label htmlFor="password">Password</label>
      <input
        id="password"
        name="password"
        type="password"
        autoComplete="current-password"
        required
      />
      {state.error && (
        <p id="sign-in-error" role="alert" className="fail">
          {state.error}
        </p>
      )}
      <button type="submit" className="primary" disabled={pending}>
        {pending ? 'Signing in…' : 'Sign in'}
      </button>
    </form>
  )
}
