import { CHANNELS } from '@dun/engine'
import { refused, type RefusedEdit } from './edit-result.js'

/** Why a list of channels cannot be written on a step, or null when it can. */
export function channelsProblem(channels: readonly string[]): RefusedEdit | null {
  const choices = `Pick from ${CHANNELS.join(', ')}.`
  if (channels.length === 0) return refused('A message step needs at least one channel.', choices)
  const unknown = channels.find((c) => !(CHANNELS as readonly string[]).includes(c))
  if (unknown !== undefined) return refused(`"${unknown}" is not a channel.`, choices)
  if (new Set(channels).size !== channels.length) {
    return refused('A channel is listed twice.', 'List each channel once.')
  }
  return null
}

/** Why a template (or call script) name cannot be written, or null when it can. */
export function templateProblem(template: string): RefusedEdit | null {
  if (template.trim() !== '' && !/[\r\n]/.test(template)) return null
  return refused(
    'A template name must be one line of text and not empty.',
    'Type the template name, e.g. "final-notice".',
  )
}

/** Why a day (or hour) offset cannot be written, or null when it can. */
export function offsetProblem(offset: number): RefusedEdit | null {
  if (Number.isInteger(offset)) return null
  return refused(`A step's day must be a whole number, not ${offset}.`, 'Pick a whole day.')
}
