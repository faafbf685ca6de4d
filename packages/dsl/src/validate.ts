import type { DunFile } from './ast.js'
import { CHECKS } from './checks/index.js'
import type { Problem, Visitable } from './checks/registry.js'
import { resolveScope, type Scope } from './checks/scope.js'
import type { Diagnostic } from './diagnostic.js'

export interface ValidateOptions {
  /**
   * The tree comes from text with syntax errors: parts may be missing only because they
   * were not parsed, so checks about absent things (a name, a catch-all) stay quiet.
   */
  readonly partial?: boolean
}

/**
 * Checks a parsed file against the fact catalogue and the language's rules, in one walk
 * over the tree that hands each node to the checks registered for its kind. Diagnostics
 * come back in source order.
 */
export function validate(file: DunFile, options: ValidateOptions = {}): Diagnostic[] {
  const diagnostics: Diagnostic[] = []
  const report = (problem: Problem): void => {
    if (options.partial && problem.code.needsCompleteTree) return
    diagnostics.push(toDiagnostic(problem))
  }
  const scope = resolveScope(file)
  const visit = (node: Visitable): void => {
    enter(node, scope)
    const checks = CHECKS.get(node.kind)
    if (checks !== undefined) for (const check of checks) check(node, report, scope)
    visitChildren(node, visit)
    leave(node, scope)
  }
  visit(file)
  return diagnostics.sort((a, b) => a.range.offset - b.range.offset)
}

function toDiagnostic(problem: Problem): Diagnostic {
  return {
    code: problem.code.code,
    severity: problem.code.severity,
    message: problem.message,
    hint: problem.hint,
    range: problem.at.range,
    ...(problem.fixes ? { fixes: problem.fixes } : {}),
  }
}

/** Keeps the walk's position in the scope, set before a node's own checks run. */
function enter(node: Visitable, scope: Scope): void {
  if (node.kind === 'segment') scope.segment = node
  else if (node.kind === 'step') scope.step = node
  else if (node.kind === 'test') scope.test = node
}

function leave(node: Visitable, scope: Scope): void {
  if (node.kind === 'segment') scope.segment = null
  else if (node.kind === 'step') scope.step = null
  else if (node.kind === 'test') scope.test = null
}

type Visit = (node: Visitable) => void

function visitEach(children: readonly Visitable[], visit: Visit): void {
  for (const child of children) visit(child)
}

function visitMaybe(child: Visitable | null, visit: Visit): void {
  if (child !== null) visit(child)
}

/**
 * The children a check may need to see. Names are not visited (their parents check them
 * in context), nor a `given`'s path, which the `given` check reads as a settable fact.
 */
function visitChildren(node: Visitable, visit: Visit): void {
  switch (node.kind) {
    case 'file':
      visitMaybe(node.policy, visit)
      return visitEach(node.tests, visit)
    case 'policy':
    case 'limits':
      return visitEach(node.items, visit)
    case 'quietHours':
      visit(node.start)
      return visit(node.end)
    case 'cap':
      return visit(node.window)
    case 'stop':
    case 'pause':
      return visit(node.when)
    case 'segment':
      visitMaybe(node.when, visit)
      visitMaybe(node.anchor, visit)
      return visitEach(node.steps, visit)
    case 'step':
      visitEach(node.offsets, visit)
      visitMaybe(node.at, visit)
      visit(node.action)
      return visitMaybe(node.when, visit)
    case 'notify':
      return visitMaybe(node.template, visit)
    case 'call':
      return visitMaybe(node.script, visit)
    case 'task':
      visitMaybe(node.title, visit)
      return visitMaybe(node.assignee, visit)
    case 'escalate':
      return visitMaybe(node.agency, visit)
    case 'offerPlan':
      return visitMaybe(node.every, visit)
    case 'lateFee':
      return visit(node.fee)
    case 'and':
    case 'or':
      visit(node.left)
      return visit(node.right)
    case 'not':
      return visit(node.operand)
    case 'compare':
      visit(node.left)
      return visit(node.right)
    case 'in':
      visit(node.subject)
      return visit(node.list)
    case 'contains':
      visit(node.subject)
      return visit(node.item)
    case 'is':
      return visit(node.subject)
    case 'money':
      return visitEach(node.amounts, visit)
    case 'list':
      return visitEach(node.items, visit)
    case 'parens':
      return visit(node.expression)
    case 'test':
      visitEach(node.givens, visit)
      return visitEach(node.expectations, visit)
    case 'given':
      return node.value.kind === 'path' ? undefined : visit(node.value)
    case 'expectation':
      visitMaybe(node.at, visit)
      return visitEach(node.outcomes, visit)
    case 'expectAction':
      return visit(node.action)
    case 'currencies':
    case 'anchor':
    case 'offset':
    case 'retry':
    case 'offerPartial':
    case 'account':
    case 'path':
    case 'number':
    case 'string':
    case 'boolean':
    case 'duration':
    case 'percent':
    case 'relativeDay':
    case 'moneyAmount':
    case 'timeOfDay':
    case 'name':
    case 'comment':
    case 'expectStep':
    case 'expectNothing':
    case 'expectSegment':
    case 'expectStatus':
      return
  }
}
