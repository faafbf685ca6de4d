import { importDataset, listDatasets, ServiceError } from '@dun/service'
import { datasetUpload } from '@/lib/server/datasets/upload-form'
import { guardMutation, guardRead } from '@/lib/server/route-guard'
import { serviceContext } from '@/lib/server/service-context'
import { serviceErrorResponse } from '@/lib/server/service-error-response'

/** The workspace's simulation datasets, newest first. */
export async function GET(): Promise<Response> {
  const user = await guardRead('read')
  if (user instanceof Response) return user
  return Response.json({ datasets: await listDatasets(await serviceContext()) })
}

/**
 * Stores an uploaded dataset (analysts and up: simulating is part of drafting). Usable rows
 * are kept when some rows are bad; the answer lists the bad ones.
 */
export async function POST(request: Request): Promise<Response> {
  const user = await guardMutation(request, 'draft')
  if (user instanceof Response) return user
  const input = await datasetUpload(request)
  if (input instanceof Response) return input
  try {
    return Response.json(await importDataset(await serviceContext(), input), { status: 201 })
  } catch (error) {
    if (error instanceof ServiceError) return serviceErrorResponse(error)
    throw error
  }
}
