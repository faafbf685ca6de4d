import type { Kysely } from 'kysely'
import type { Database, Role } from '@dun/store'

/** Who is acting. Every use case takes one; audit entries name them. */
export interface Actor {
  readonly username: string
  readonly role: Role
}

export interface ServiceContext {
  readonly db: Kysely<Database>
  readonly workspace: string
  readonly now?: () => Date
}
