import type { CustomerRecord, EventRecord, InvoiceRecord } from '@dun/engine'
import {
  datasetCustomers,
  datasetEvents,
  datasetInvoices,
  findDataset,
  listDatasets as storedDatasets,
} from '@dun/store'
import type { ServiceContext } from '../context.js'
import { ServiceError } from '../errors.js'
import { datasetSummary, type DatasetSummary } from './dataset-summary.js'

/** A dataset's rows as the simulator reads them: plain JSON, ready to send to a browser worker. */
export interface DatasetContents {
  readonly dataset: DatasetSummary
  /** In file order. */
  readonly invoices: readonly InvoiceRecord[]
  /** Every customer an invoice names. */
  readonly customers: readonly CustomerRecord[]
  readonly events: readonly EventRecord[]
}

export async function listDatasets(ctx: ServiceContext): Promise<DatasetSummary[]> {
  return (await storedDatasets(ctx.db, ctx.workspace)).map(datasetSummary)
}

export async function loadDataset(ctx: ServiceContext, id: string): Promise<DatasetContents> {
  // Not a uuid: no such dataset (and no SQL error for a hand-typed URL).
  const row = /^[0-9a-f-]{36}$/i.test(id) ? await findDataset(ctx.db, ctx.workspace, id) : null
  if (!row) {
    throw new ServiceError('not_found', `no dataset with id "${id}"`, {
      field: 'datasetId',
      hint: 'pick a dataset from the list on the Datasets page',
    })
  }
  const [invoices, customers, events] = await Promise.all([
    datasetInvoices(ctx.db, row.id),
    datasetCustomers(ctx.db, row.id),
    datasetEvents(ctx.db, row.id),
  ])
  return { dataset: datasetSummary(row), invoices, customers, events }
}
