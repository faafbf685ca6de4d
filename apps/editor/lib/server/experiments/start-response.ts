import type { ErrorBody } from '../json-error'
import type { FieldErrors } from './start-form'

/**
 * The start route's refusal of a form: the editor's error body plus each field's problem
 * under its name. (The service's refusals keep the plain body, whose `field` names one.)
 */
export interface FormRefusal extends ErrorBody {
  readonly fields: FieldErrors
}

export function invalidForm(fields: FieldErrors): Response {
  const count = Object.keys(fields).length
  const body: FormRefusal = {
    error: {
      code: 'invalid_input',
      message: `the experiment was not started: ${count} ${count === 1 ? 'field needs' : 'fields need'} a change`,
      hint: 'each problem is shown next to its field',
    },
    fields,
  }
  return Response.json(body, { status: 400 })
}
