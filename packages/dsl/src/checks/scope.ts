import { isCurrency, type Anchor } from '@dun/engine'
import type {
  CurrenciesDecl,
  DunFile,
  LimitItem,
  Policy,
  QuietHours,
  Segment,
  Step,
  StopRule,
  TestBlock,
} from '../ast.js'
import { constantTruth } from './constant.js'

/**
 * What checks need to know about the whole policy, gathered in one pass over its items
 * before the walk, plus the walk's position (the segment, step and test being visited).
 */
export interface Scope {
  readonly file: DunFile
  readonly policy: Policy | null
  /** The first `currencies` declaration; later ones are reported, not merged. */
  readonly currencies: CurrenciesDecl | null
  readonly currencyCodes: ReadonlySet<string>
  /** The listed codes that are ISO 4217 currencies, in the order listed. */
  readonly realCurrencies: readonly string[]
  /** The policy's default anchor (`due` unless declared). */
  readonly anchor: Anchor
  readonly quietHours: QuietHours | null
  readonly limitItems: readonly LimitItem[]
  readonly segments: readonly Segment[]
  readonly segmentsByName: ReadonlyMap<string, Segment>
  /** A `stop when` whose condition always holds: no step can ever fire. */
  readonly alwaysStops: StopRule | null
  segment: Segment | null
  step: Step | null
  test: TestBlock | null
}

export function resolveScope(file: DunFile): Scope {
  const policy = file.policy
  const items = policy?.items ?? []
  const currencies = items.find((item) => item.kind === 'currencies') ?? null
  const segments = items.filter((item) => item.kind === 'segment')
  const stops = items.filter((item) => item.kind === 'stop')
  const limitItems = items.flatMap((item) => (item.kind === 'limits' ? item.items : []))
  const currencyCodes = new Set(currencies?.currencies.map((c) => c.text) ?? [])
  const segmentsByName = new Map<string, Segment>()
  for (const segment of segments) {
    if (!segmentsByName.has(segment.name.text)) segmentsByName.set(segment.name.text, segment)
  }
  return {
    file,
    policy,
    currencies,
    currencyCodes,
    realCurrencies: [...currencyCodes].filter(isCurrency),
    anchor: items.find((item) => item.kind === 'anchor')?.anchor ?? 'due',
    quietHours: limitItems.find((item) => item.kind === 'quietHours') ?? null,
    limitItems,
    segments,
    segmentsByName,
    alwaysStops: stops.find((stop) => constantTruth(stop.when) === true) ?? null,
    segment: null,
    step: null,
    test: null,
  }
}

/** The anchor a step counts from: its own `from …`, else its segment's, else the policy's. */
export function stepAnchor(step: Step, segment: Segment | null, scope: Scope): Anchor {
  return step.anchor ?? segment?.anchor?.anchor ?? scope.anchor
}
