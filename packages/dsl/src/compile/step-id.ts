import { actionKey, type Action } from '@dun/engine'

export { actionKey }

/**
 * Hands out step ids within one segment: `<segment>/<action key>#<ordinal>`, the ordinal
 * counting steps with the same action key in source order. Labelled steps count too, so
 * adding a label to one step does not renumber its unlabelled twins.
 */
export class StepIdAllocator {
  private readonly ordinals = new Map<string, number>()

  constructor(private readonly segment: string) {}

  next(action: Action, label: string | null, labelIndex: number | null): string {
    const key = actionKey(action)
    const ordinal = (this.ordinals.get(key) ?? 0) + 1
    this.ordinals.set(key, ordinal)
    if (label === null) return `${this.segment}/${key}#${ordinal}`
    return labelIndex === null
      ? `${this.segment}/${label}`
      : `${this.segment}/${label}#${labelIndex}`
  }
}
