import type { Metadata } from 'next'
import { redirect } from 'next/navigation'
import { SignInForm } from '@/components/auth/sign-in-form'
import { currentUser } from '@/lib/server/auth'

export const metadata: Metadata = { title: 'Sign in · Dun' }

export default async function SignInPage() {
  if (await currentUser()) redirect('/policies')
  return (
    <main id="main" className="sign-in-page">
      <h1>Sign in to Dun</h1>
      <p className="muted">
        Use the account an admin gave you. The first admin&apos;s password is printed by{' '}
        <code>npm start</code> (or set with <code>DUN_ADMIN_PASSWORD</code>).
      </p>
      <SignInForm />
    </main>
  )
}
