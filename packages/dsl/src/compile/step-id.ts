import type { Action } from '@dun/engine'

/**
 * The part of a step id that names what the step does (FORMAT.md, "Step ids"). It leaves
 * out the day, the guard and the layout, so moving or reformatting a step keeps its id.
 */
export function actionKey(action: Action): string {
  switch (action.type) {
    case 'notify':
      return `notify:${[...action.channels].sort().join('+')}:${action.template}`
    case 'call':
      return `call:${action.script}`
    case 'retry_payment':
      return `retry:${action.methods}`
    case 'task':
      return `task:${action.title}`
    case 'escalate':
      return `escalate:${action.to}`
    case 'offer_plan':
      return 'offer_plan'
    case 'offer_partial_payment':
      return 'offer_partial'
    case 'late_fee':
      return 'late_fee'
    case 'account':
      return `account:${action.operation}`
  }
}

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
