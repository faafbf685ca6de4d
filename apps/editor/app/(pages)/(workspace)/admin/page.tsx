import { getSettings } from '@dun/store'
import type { Metadata } from 'next'
import '@/components/versions/versions.css'
import { AddUserForm } from '@/components/versions/add-user-form'
import { FourEyesToggle } from '@/components/versions/four-eyes-toggle'
import { requirePageUser } from '@/lib/server/auth'
import { serviceContext } from '@/lib/server/service-context'
import { userList } from '@/lib/server/versions/user-list'

export const metadata: Metadata = { title: 'Admin · Dun' }

export default async function AdminPage() {
  await requirePageUser('admin')
  const ctx = await serviceContext()
  const [settings, users] = await Promise.all([getSettings(ctx.db, ctx.workspace), userList(ctx)])
  return (
    <main id="main" className="page">
      <h1>Admin</h1>
      <section aria-labelledby="publishing-heading">
        <h2 id="publishing-heading">Publishing</h2>
        <FourEyesToggle on={settings.fourEyes} />
      </section>
      <section aria-labelledby="users-heading">
        <h2 id="users-heading">Users</h2>
        <table className="users">
          <caption className="visually-hidden">The workspace&apos;s users</caption>
          <thead>
            <tr>
              <th scope="col">Username</th>
              <th scope="col">Role</th>
              <th scope="col">Added</th>
            </tr>
          </thead>
          <tbody>
            {users.map((u) => (
              <tr key={u.username}>
                <th scope="row">{u.username}</th>
                <td>{u.role}</td>
                <td>{u.createdAt.slice(0, 10)}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <h3>Add a user</h3>
        <AddUserForm />
      </section>
    </main>
  )
}
