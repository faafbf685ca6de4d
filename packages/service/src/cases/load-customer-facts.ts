import { MS_PER_DAY } from '@dun/engine'
import {
  findContacts,
  findCustomers,
  findDunningInvoices,
  type Db,
  type DunningInvoiceRow,
} from '@dun/store'
import { loadLiveSetting, type LiveSetting } from '../experiments/live-setting.js'
import { customerInputs, type CustomerInput } from './customer-inputs.js'
import { preparedVersions, type PreparedVersion } from './policy-cache.js'

/** What evaluating some customers at one instant needs: their inputs and prepared versions. */
export interface LoadedCustomers {
  readonly inputs: ReadonlyMap<string, CustomerInput>
  readonly versions: ReadonlyMap<string, PreparedVersion>
}

// Contacts older than this do not count against any cap; the engine still sees each
// customer's latest contact, however old.
const MIN_CONTACT_WINDOW = 30 * MS_PER_DAY

/**
 * Reads these customers' invoices, cases and contacts and prepares every version their
 * cases are pinned to (and the live one, for invoices about to open a case). Read-only:
 * the scheduler calls it inside its claim transaction, the timeline to explain a case.
 */
export async function loadCustomerFacts(
  db: Db,
  workspace: string,
  customerIds: readonly string[],
  now: Date,
): Promise<LoadedCustomers> {
  const at = now.getTime()
  const customers = await findCustomers(db, workspace, customerIds)
  const invoices = await findDunningInvoices(db, workspace, customerIds)
  const live = invoices.some((i) => i.case === null && i.issued_at.getTime() <= at)
    ? await loadLiveSetting(db, workspace)
    : null
  const versions = await preparedVersions(db, workspace, pinnedVersions(invoices, live))
  const since = new Date(at - contactWindow(versions.values()))
  const contacts = await findContacts(db, workspace, customerIds, since)
  return { inputs: customerInputs(customers, invoices, contacts, live, at), versions }
}

function pinnedVersions(
  invoices: readonly DunningInvoiceRow[],
  live: LiveSetting | null,
): Set<string> {
  const ids = new Set<string>()
  for (const invoice of invoices) if (invoice.case) ids.add(invoice.case.policy_version_id)
  for (const id of live?.versionIds ?? []) ids.add(id)
  return ids
}

function contactWindow(versions: Iterable<PreparedVersion>): number {
  let window = MIN_CONTACT_WINDOW
  for (const { policy } of versions) {
    for (const cap of policy.contactCaps) window = Math.max(window, cap.windowDays * MS_PER_DAY)
  }
  return window
}
