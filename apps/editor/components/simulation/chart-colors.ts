/** Policy A and policy B, in every chart and legend. */
export const SERIES_COLORS = ['#0b57d0', '#c2410c'] as const

/** One colour per channel or action type in the actions-per-day chart (colour-blind safe order). */
const PALETTE = [
  '#0b57d0',
  '#c2410c',
  '#15803d',
  '#7e22ce',
  '#b45309',
  '#0e7490',
  '#be123c',
  '#4b5563',
]

export function colorFor(index: number): string {
  return PALETTE[index % PALETTE.length]!
}
