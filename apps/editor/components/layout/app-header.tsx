import Link from 'next/link'
import type { SignedInUser } from '@/lib/roles'
import { signOutAction } from '@/lib/server/actions/auth-actions'

/** The banner of every signed-in page: the product, its sections, who is signed in. */
export function AppHeader({ user }: { user: SignedInUser }) {
  return (
    <header className="app-header">
      <Link href="/policies" className="brand">
        Dun
      </Link>
      <nav aria-label="Sections">
        <ul>
          <li>
            <Link href="/policies">Policies</Link>
          </li>
          <li>
            <Link href="/datasets">Datasets</Link>
          </li>
          <li>
            <Link href="/simulations">Simulation</Link>
          </li>
          <li>
            <Link href="/runner">Runner</Link>
          </li>
          <li>
            <Link href="/outcomes">Outcomes</Link>
          </li>
          <li>
            <Link href="/experiments">Experiments</Link>
          </li>
          <li>
            <Link href="/audit">Audit log</Link>
          </li>
          {user.role === 'admin' && (
            <li>
              <Link href="/admin">Admin</Link>
            </li>
          )}
        </ul>
      </nav>
      <div className="who">
        <span data-testid="signed-in-user">
          {user.username} <span className="role">({user.role})</span>
        </span>
        <form action={signOutAction}>
          <button type="submit">Sign out</button>
        </form>
      </div>
    </header>
  )
}
