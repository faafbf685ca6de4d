import { loadDataset, ServiceError } from '@dun/service'
import type { DatasetPayload } from '@/lib/simulation/memory-source'
import { guardRead } from '@/lib/server/route-guard'
import { serviceContext } from '@/lib/server/service-context'
import { serviceErrorResponse } from '@/lib/server/service-error-response'

/** A dataset's rows, for the simulation worker in the browser. */
export async function GET(
  _request: Request,
  { params }: { params: Promise<{ datasetId: string }> },
): Promise<Response> {
  const user = await guardRead('read')
  if (user instanceof Response) return user
  try {
    const { dataset, invoices, customers, events } = await loadDataset(
      await serviceContext(),
      (await params).datasetId,
    )
    const payload: DatasetPayload = { invoices, customers, events, errorCount: dataset.errorCount }
    return Response.json(payload)
  } catch (error) {
    if (error instanceof ServiceError) return serviceErrorResponse(error)
    throw error
  }
}
