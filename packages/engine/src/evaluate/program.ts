import type { RuleTrace } from '../decision.js'
import type { FactView } from '../facts/catalogue.js'

/**
 * Evaluation logic is written once, as generators that yield "evaluate these facts" requests
 * and receive which rules fired. The fast path answers synchronously, the reference path
 * (json-rules-engine) asynchronously; `runSync` / `runAsync` drive the same program either way,
 * so the simulator, the runner and `test` blocks never duplicate their loops.
 */
export interface RuleRequest {
  readonly view: FactView
  readonly trace: boolean
}

export interface RuleOutcome {
  /** Indexed like `RuleSet.rules`. */
  readonly fired: readonly boolean[]
  readonly trace: readonly RuleTrace[] | null
}

export type EngineProgram<T> = Generator<RuleRequest, T, RuleOutcome>

export interface FastRules {
  readonly path: 'fast'
  run(request: RuleRequest): RuleOutcome
}

export interface ReferenceRules {
  readonly path: 'reference'
  run(request: RuleRequest): Promise<RuleOutcome>
}

export type RuleRunner = FastRules | ReferenceRules
export type EnginePath = RuleRunner['path']

export function runSync<T>(rules: FastRules, program: EngineProgram<T>): T {
  let step = program.next()
  while (!step.done) step = program.next(rules.run(step.value))
  return step.value
}

export async function runAsync<T>(rules: RuleRunner, program: EngineProgram<T>): Promise<T> {
  let step = program.next()
  while (!step.done) step = program.next(await rules.run(step.value))
  return step.value
}
