import type { ReactNode } from 'react'
import { AppHeader } from '@/components/layout/app-header'
import { requirePageUser } from '@/lib/server/auth'

/** Every page inside needs a signed-in user; each page still checks its own permission. */
export default async function WorkspaceLayout({ children }: { children: ReactNode }) {
  const user = await requirePageUser('read')
  return (
    <>
      <AppHeader user={user} />
      {children}
    </>
  )
}
