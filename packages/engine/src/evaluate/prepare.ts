import type { CompiledPolicy } from '../compiled.js'
import type { Decision } from '../decision.js'
import type { CustomerCaseFacts } from '../facts/input.js'
import {
  evaluateCustomerProgram,
  evaluateCustomerWith,
  type EvaluateOptions,
} from './evaluate-customer.js'
import { fastRules } from './fast-path.js'
import { policyContext, type PolicyContext } from './policy-context.js'
import {
  runAsync,
  runSync,
  type EngineProgram,
  type EnginePath,
  type FastRules,
  type ReferenceRules,
} from './program.js'
import { referenceRules } from './reference-path.js'

/** A policy compiled once for many evaluations on the fast path: everything is synchronous. */
export interface FastPolicy extends PolicyContext {
  readonly path: 'fast'
  readonly runner: FastRules
  evaluateCustomer(facts: CustomerCaseFacts, now: number, options?: EvaluateOptions): Decision[]
  /** Drives any engine program (an evaluation, a replay) to its result. */
  run<T>(program: EngineProgram<T>): T
}

/** The same policy on a stock json-rules-engine `Engine`: the yardstick the fast path is held to. */
export interface ReferencePolicy extends PolicyContext {
  readonly path: 'reference'
  readonly runner: ReferenceRules
  evaluateCustomer(
    facts: CustomerCaseFacts,
    now: number,
    options?: EvaluateOptions,
  ): Promise<Decision[]>
  run<T>(program: EngineProgram<T>): Promise<T>
}

export type PreparedPolicy = FastPolicy | ReferencePolicy

export interface PrepareOptions {
  /** `fast` (default): rules compiled to closures. `reference`: json-rules-engine. */
  readonly path?: EnginePath
}

export function prepare(
  compiled: CompiledPolicy,
  options: { readonly path: 'reference' },
): ReferencePolicy
export function prepare(compiled: CompiledPolicy, options?: { readonly path?: 'fast' }): FastPolicy
export function prepare(compiled: CompiledPolicy, options?: PrepareOptions): PreparedPolicy
export function prepare(compiled: CompiledPolicy, options: PrepareOptions = {}): PreparedPolicy {
  const context = policyContext(compiled)
  if (options.path === 'reference') {
    const runner = referenceRules(context.rules)
    const run = <T>(program: EngineProgram<T>) => runAsync(runner, program)
    return {
      ...context,
      path: 'reference',
      runner,
      run,
      evaluateCustomer: (facts, now, evaluateOptions) =>
        run(evaluateCustomerProgram(context, facts, now, evaluateOptions)),
    }
  }
  const runner = fastRules(context.rules)
  const run = <T>(program: EngineProgram<T>) => runSync(runner, program)
  return {
    ...context,
    path: 'fast',
    runner,
    run,
    evaluateCustomer: (facts, now, evaluateOptions) =>
      evaluateCustomerWith(runner, context, facts, now, evaluateOptions),
  }
}
