import type { Action } from '@dun/engine'
import type { AttributionModel } from '@dun/store'

/** A sent action of the paying case, as attribution sees it. */
export interface Touch {
  readonly id: string
  readonly stepId: string
  readonly decidedAt: Date
  readonly action: Action
}

/** One share of a payment: `touch` null means the payment is credited to no action. */
export interface Credit {
  readonly touch: Touch | null
  readonly credit: number
}

export interface Attribution {
  readonly model: AttributionModel
  readonly credits: readonly Credit[]
}

/** How each model is labelled wherever its figures are shown. */
export const MODEL_LABELS: Readonly<Record<AttributionModel, string>> = {
  last_touch: 'Last touch (last action within the window)',
  position: 'Position-based (40% first, 40% last, 20% over the middle)',
}

export const DEFAULT_WINDOW_DAYS = 3
const DAY_MS = 86_400_000

/** Position-based weights: 40% to the first touch, 40% to the last, 20% spread over the middle. */
const FIRST_SHARE = 0.4
const LAST_SHARE = 0.4

/** The actions decided before the payment, oldest first: only they can have caused it. */
function touchesBefore(paidAt: Date, touches: readonly Touch[]): Touch[] {
  return touches
    .filter((t) => t.decidedAt.getTime() < paidAt.getTime())
    .sort((a, b) => a.decidedAt.getTime() - b.decidedAt.getTime())
}

/** The last action within `windowDays` before the payment gets it all; none → unattributed. */
export function lastTouch(
  paidAt: Date,
  touches: readonly Touch[],
  windowDays: number,
): Attribution {
  const since = paidAt.getTime() - windowDays * DAY_MS
  const last = touchesBefore(paidAt, touches)
    .filter((t) => t.decidedAt.getTime() >= since)
    .at(-1)
  return { model: 'last_touch', credits: [{ touch: last ?? null, credit: 1 }] }
}

/**
 * 40/20/40 over every action before the payment. With one action it takes everything; with
 * two, the middle share has nowhere to go and is split between them (50/50).
 */
export function positionBased(paidAt: Date, touches: readonly Touch[]): Attribution {
  const before = touchesBefore(paidAt, touches)
  const n = before.length
  if (n === 0) return { model: 'position', credits: [{ touch: null, credit: 1 }] }
  if (n <= 2)
    return { model: 'position', credits: before.map((touch) => ({ touch, credit: 1 / n })) }
  const middle = (1 - FIRST_SHARE - LAST_SHARE) / (n - 2)
  return {
    model: 'position',
    credits: before.map((touch, i) => ({
      touch,
      credit: i === 0 ? FIRST_SHARE : i === n - 1 ? LAST_SHARE : middle,
    })),
  }
}

/** Both models for one payment, side by side. */
export function attribute(
  paidAt: Date,
  touches: readonly Touch[],
  windowDays = DEFAULT_WINDOW_DAYS,
): readonly Attribution[] {
  return [lastTouch(paidAt, touches, windowDays), positionBased(paidAt, touches)]
}
