'use client'
import { useState } from 'react'
import { OutcomeMessage } from './outcome-message'
import { useMutation } from './use-mutation'

const ROLES = ['analyst', 'approver', 'admin'] as const

/** Adds a user with a role: how a second approver for four-eyes publishing is created. */
export function AddUserForm() {
  const { busy, outcome, send } = useMutation()
  const [username, setUsername] = useState('')
  const [password, setPassword] = useState('')
  const [role, setRole] = useState<(typeof ROLES)[number]>('approver')
  return (
    <form
      className="add-user"
      onSubmit={(event) => {
        event.preventDefault()
        void send('/api/users', { username, password, role })
      }}
    >
      <label>
        Username
        <input
          value={username}
          onChange={(e) => setUsername(e.target.value)}
          autoComplete="off"
          required
        />
      </label>
      <label>
        Password (at least 12 characters)
        <input
          type="password"
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          autoComplete="new-password"
          minLength={12}
          required
        />
      </label>
      <label>
        Role
        <select value={role} onChange={(e) => setRole(e.target.value as typeof role)}>
          {ROLES.map((r) => (
            <option key={r} value={r}>
              {r}
            </option>
          ))}
        </select>
      </label>
      <button type="submit" className="primary" disabled={busy}>
        Add user
      </button>
      <OutcomeMessage outcome={outcome} done={`Added ${username}.`} />
    </form>
  )
}
