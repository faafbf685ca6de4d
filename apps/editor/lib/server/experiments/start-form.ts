import { z } from 'zod'
import type { StartExperimentInput } from '@dun/service'

/** The start form's fields, each with its own message: `name`, `minimumSample`, `split`, `arms.0.name`, … */
export type FieldErrors = Readonly<Record<string, string>>

const arm = z.object({
  name: z.string().trim().min(1, 'name this arm, e.g. "control" or "sms-day-3"').max(100),
  versionId: z.string().min(1, 'choose the published version this arm runs'),
  weight: z
    .number({ error: 'give this arm a share of new customers, in percent' })
    .int('shares are whole percentages')
    .min(1, 'every arm needs at least 1% of new customers')
    .max(99, 'leave at least 1% for the other arms'),
})

const form = z.object({
  name: z.string().trim().min(1, 'name the experiment, e.g. "SMS on day 3"').max(200),
  policyId: z.string().min(1, 'choose the policy whose versions the experiment compares'),
  arms: z.array(arm).min(2, 'an experiment compares at least two versions').max(20),
  minimumSample: z
    .number({ error: 'give the cases each arm needs before a verdict' })
    .int('a whole number of cases')
    .min(10, 'at least 10 cases per arm; a few hundred gives a useful interval')
    .max(10_000_000),
})

export type StartForm = z.input<typeof form>

export type ParsedStartForm =
  | { readonly ok: true; readonly input: StartExperimentInput }
  | { readonly ok: false; readonly fields: FieldErrors }

/**
 * Checks what the analyst typed before the service sees it: every field's problem at once,
 * under the field's name, so the form shows each next to its input. Shares are percentages
 * and must add up to 100. The service checks that every arm's version belongs to the chosen
 * policy, and names the arm's version field if one does not.
 */
export function parseStartForm(raw: unknown): ParsedStartForm {
  const parsed = form.safeParse(raw)
  if (!parsed.success) {
    const fields: Record<string, string> = {}
    for (const issue of parsed.error.issues) {
      const key = issue.path.length > 0 ? issue.path.join('.') : 'form'
      fields[key] ??= issue.message
    }
    return { ok: false, fields }
  }
  const { name, policyId, arms, minimumSample } = parsed.data
  const fields = { ...splitErrors(arms.map((a) => a.weight)), ...repeatErrors(arms) }
  if (Object.keys(fields).length > 0) return { ok: false, fields }
  return {
    ok: true,
    input: { name, policyId, arms, minimumSamplePerArm: minimumSample },
  }
}

/** The split: shares in percent that add up to exactly 100. */
export function splitErrors(weights: readonly number[]): FieldErrors {
  const total = weights.reduce((sum, w) => sum + w, 0)
  if (total === 100) return {}
  return {
    split: `the shares add up to ${total}%, not 100%: ${total > 100 ? 'lower' : 'raise'} one by ${Math.abs(100 - total)}`,
  }
}

/** Two arms with one name or one version compare nothing: each is named on the later arm. */
function repeatErrors(arms: readonly { name: string; versionId: string }[]): FieldErrors {
  const fields: Record<string, string> = {}
  arms.forEach((a, i) => {
    const sameName = arms.findIndex((b) => b.name === a.name)
    if (sameName < i) fields[`arms.${i}.name`] = `arm ${sameName + 1} is already named "${a.name}"`
    const sameVersion = arms.findIndex((b) => b.versionId === a.versionId)
    if (sameVersion < i) {
      fields[`arms.${i}.versionId`] =
        `arm ${sameVersion + 1} already runs this version; choose another`
    }
  })
  return fields
}
