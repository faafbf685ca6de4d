import type { Role } from '@dun/store'

export type { Role }

export interface SignedInUser {
  readonly id: string
  readonly username: string
  readonly role: Role
}

/**
 * What each role may do in the editor. Analysts read, draft and simulate; approvers also
 * publish; admins do everything. Every page and route names the permission it needs.
 */
export const PERMISSIONS = {
  read: ['analyst', 'approver', 'admin'],
  draft: ['analyst', 'approver', 'admin'],
  publish: ['approver', 'admin'],
  admin: ['admin'],
} as const satisfies Record<string, readonly Role[]>

export type Permission = keyof typeof PERMISSIONS

export function allows(user: SignedInUser, permission: Permission): boolean {
  return (PERMISSIONS[permission] as readonly Role[]).includes(user.role)
}
