import type { Insertable, Selectable } from 'kysely'

/** A customer's payment methods: retries use the default one, or the backups in `priority` order. */
export interface PaymentMethodsTable {
  workspace_id: string
  id: string
  customer_id: string
  kind: string
  is_default: boolean
  priority: number
  status: 'active' | 'expired' | 'removed'
}

export type PaymentMethodRow = Selectable<PaymentMethodsTable>
export type NewPaymentMethodRow = Insertable<PaymentMethodsTable>
