import { CAP_SCOPES, type Cap, type CapScope, type Plan } from '@dun/engine'
import type { CapDecl, LimitsBlock, TimeOfDay } from '../ast.js'
import { CompileError } from './compile-error.js'
import { durationDays } from './durations.js'

/** The plan's limits from every `limits` block (the validator reports duplicates). */
export function compileLimits(blocks: readonly LimitsBlock[]): Plan['limits'] {
  const items = blocks.flatMap((block) => block.items)
  const quiet = items.find((item) => item.kind === 'quietHours')
  return {
    quietHours: quiet ? { start: minutes(quiet.start), end: minutes(quiet.end) } : null,
    caps: items.filter((item) => item.kind === 'cap').map(cap),
  }
}

function minutes(time: TimeOfDay): number {
  return time.hours * 60 + time.minutes
}

function cap(decl: CapDecl): Cap {
  return {
    scope: capScope(decl),
    max: decl.max,
    windowDays: durationDays(decl.window, 'A cap window'),
  }
}

function capScope(decl: CapDecl): CapScope {
  const scope = CAP_SCOPES.find((s) => s === decl.scope.text)
  if (scope) return scope
  throw new CompileError(
    `"${decl.scope.text}" is not something a cap can count`,
    decl.scope.range,
    `Use one of: ${CAP_SCOPES.join(', ')}.`,
  )
}
