import { FACT_ROOTS, FACTS } from '@dun/engine'
import type { FactPath } from '../ast.js'
import { CODES } from '../codes.js'
import { didYouMean, listChoices } from '../did-you-mean.js'
import { fixesFor, type CheckSet, type Problem } from './registry.js'

/** Catalogue paths by root (`invoice` → `amount_due`, …), computed once for suggestions. */
const CHILDREN = new Map<string, string[]>()
for (const path of FACTS.keys()) {
  const [root = '', ...rest] = path.split('.')
  if (rest.length > 0) {
    const children = CHILDREN.get(root) ?? []
    children.push(rest.join('.'))
    CHILDREN.set(root, children)
  }
}

/**
 * The catalogue path closest to `written`: the whole path first (`invoice.amountdue`), then
 * segment by segment (`custmer.plan` → `customer.plan`, `invoice.amount` → `invoice.amount_due`).
 */
function suggestFactPath(written: string): string | null {
  const whole = didYouMean(written, FACTS.keys())
  if (whole !== null) return whole
  const [first = '', ...rest] = written.split('.')
  const root = FACT_ROOTS.includes(first) ? first : didYouMean(first, FACT_ROOTS)
  if (root === null) return null
  if (rest.length === 0) return FACTS.has(root) ? root : null
  const leaf = rest.join('.')
  const children = CHILDREN.get(root) ?? []
  const child = children.includes(leaf) ? leaf : didYouMean(leaf, children)
  return child === null ? null : `${root}.${child}`
}

/**
 * The problem with a path that is not in the catalogue, under `code` (a condition and a
 * test's `given` report it under different codes), or null when the path exists.
 */
export function unknownFactProblem(
  path: FactPath,
  code: typeof CODES.unknownFact | typeof CODES.givenUnknownFact,
): Problem | null {
  if (FACTS.has(path.text)) return null
  const suggestion = suggestFactPath(path.text)
  const root = path.segments[0]?.text ?? path.text
  const knownRoot = CHILDREN.has(root) || FACTS.has(root)
  if (suggestion !== null) {
    return {
      code,
      at: path,
      message: `Unknown fact '${path.text}'. Did you mean '${suggestion}'?`,
      hint: `Write ${suggestion}.`,
      ...fixesFor(path, [suggestion]),
    }
  }
  return {
    code,
    at: path,
    message: knownRoot
      ? `Unknown fact '${path.text}': '${root}' has no '${path.text.slice(root.length + 1)}'.`
      : `Unknown fact '${path.text}': facts start with ${listChoices(FACT_ROOTS)}.`,
    hint: knownRoot
      ? `Facts under '${root}': ${(CHILDREN.get(root) ?? []).join(', ')}.`
      : 'Pick a fact from the catalogue, e.g. invoice.amount_due or customer.plan.',
  }
}

function checkPath(path: FactPath, report: (problem: Problem) => void): void {
  const problem = unknownFactProblem(path, CODES.unknownFact)
  if (problem !== null) report(problem)
}

export const factPathChecks: CheckSet = { path: [checkPath] }
