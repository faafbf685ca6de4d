import { actionKey, type Action } from '@dun/engine'
import type { Step } from '../ast.js'

export { actionKey }

/**
 * Hands out step ids within one segment: `<segment>/<action key>#<ordinal>`, the ordinal
 * counting steps with the same action key in source order. Labelled steps count too, so
 * adding a label to one step does not renumber its unlabelled twins.
 */
export class StepIdAllocator {
  private readonly ordinals = new Map<string, number>()

  constructor(private readonly segment: string) {}

  /**
   * The ids of one step, one per offset (`day 1, 3, 5` is three steps). A labelled step with
   * several offsets numbers them: `<segment>/<label>#1`, `#2`, …
   */
  stepIds(step: Step, action: Action): string[] {
    const key = actionKey(action)
    const label = step.label?.value ?? null
    const count = step.offsets.length
    const ids: string[] = []
    for (let index = 0; index < count; index++) {
      const ordinal = (this.ordinals.get(key) ?? 0) + 1
      this.ordinals.set(key, ordinal)
      if (label === null) ids.push(`${this.segment}/${key}#${ordinal}`)
      else
        ids.push(count > 1 ? `${this.segment}/${label}#${index + 1}` : `${this.segment}/${label}`)
    }
    return ids
  }
}
