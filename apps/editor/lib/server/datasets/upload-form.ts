import { DatasetError, parseColumnMapping, type ColumnMapping } from '@dun/engine'
import type { DatasetImportInput, ImportFile } from '@dun/service'
import { jsonError } from '../json-error'

/** The largest file an upload may hold; larger exports go through `dun dataset import`. */
export const MAX_UPLOAD_BYTES = 50 * 1024 * 1024

/**
 * Reads the dataset upload form (`name`, `invoices`, and optional `customers`, `events`,
 * `mapping` files) into the service's input, or the 400 response that says which field
 * is wrong and what to do.
 */
export async function datasetUpload(request: Request): Promise<DatasetImportInput | Response> {
  const form = await request.formData().catch(() => null)
  if (!form) {
    return bad('body', 'the upload is not a form', 'send the dataset form as multipart/form-data')
  }
  const name = form.get('name')
  if (typeof name !== 'string') {
    return bad('name', 'the dataset has no name', 'give the dataset a name')
  }
  const files: Partial<Record<FileField, LoadedFile>> = {}
  for (const field of FILE_FIELDS) {
    const file = await fileField(form, field)
    if (file instanceof Response) return file
    if (file) files[field] = file
  }
  if (!files.invoices) {
    return bad('invoices', 'no invoices file was chosen', 'choose the invoices CSV (or .jsonl)')
  }
  const mapping = files.mapping ? readMapping(files.mapping) : undefined
  if (mapping instanceof Response) return mapping
  return {
    name,
    invoices: files.invoices,
    customers: files.customers,
    events: files.events,
    mapping,
  }
}

const FILE_FIELDS = ['invoices', 'customers', 'events', 'mapping'] as const
type FileField = (typeof FILE_FIELDS)[number]
type LoadedFile = ImportFile & { readonly text: string }

/** A chosen file as its name and text; null when the field is empty. */
async function fileField(form: FormData, field: string): Promise<LoadedFile | Response | null> {
  const value = form.get(field)
  if (!(value instanceof File) || value.size === 0 || value.name === '') return null
  if (value.size > MAX_UPLOAD_BYTES) {
    return bad(
      field,
      `${value.name} is ${Math.ceil(value.size / 1024 / 1024)} MB; an upload holds at most ${MAX_UPLOAD_BYTES / 1024 / 1024} MB`,
      'import larger files with `npx dun dataset import`',
    )
  }
  return { file: value.name, text: await value.text() }
}

function readMapping(file: LoadedFile): ColumnMapping | Response {
  let json: unknown
  try {
    json = JSON.parse(file.text)
  } catch (error) {
    return bad(
      'mapping',
      `${file.file} is not valid JSON (${(error as Error).message})`,
      'check the mapping file',
    )
  }
  try {
    return parseColumnMapping(json, file.file)
  } catch (error) {
    if (error instanceof DatasetError) return bad('mapping', error.problem, error.hint)
    throw error
  }
}

function bad(field: string, message: string, hint: string): Response {
  return jsonError(400, 'invalid_input', message, { field, hint })
}
