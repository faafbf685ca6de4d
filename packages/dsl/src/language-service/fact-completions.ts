import { FACTS, type FactDefinition } from '@dun/engine'
import type { SourceRange } from '../source-range.js'
import type { CompletionItem } from './completion-item.js'
import { describeFactType, factMarkdown } from './fact-docs.js'

function factItem(label: string, fact: FactDefinition, range: SourceRange): CompletionItem {
  return {
    label,
    kind: 'fact',
    detail: describeFactType(fact.type),
    documentation: factMarkdown(fact),
    insertText: label,
    isSnippet: false,
    range,
  }
}

/** Every fact path of the catalogue, where a condition may start with one. */
export function factPathItems(range: SourceRange): CompletionItem[] {
  return [...FACTS.values()].map((fact) => factItem(fact.path, fact, range))
}

/**
 * The next word after `prefix.` (`invoice.` → `amount_due`, `balance`, …): a fact when the
 * word ends a catalogue path, a group of facts when longer paths continue through it.
 */
export function factChildItems(prefix: string, range: SourceRange): CompletionItem[] {
  const items = new Map<string, CompletionItem>()
  for (const fact of FACTS.values()) {
    if (!fact.path.startsWith(prefix + '.')) continue
    const [child = ''] = fact.path.slice(prefix.length + 1).split('.')
    const full = `${prefix}.${child}`
    if (full === fact.path) items.set(child, factItem(child, fact, range))
    else if (!items.has(child)) {
      items.set(child, {
        label: child,
        kind: 'fact',
        detail: 'group of facts',
        documentation: `Facts under \`${full}\`.`,
        insertText: child,
        isSnippet: false,
        range,
      })
    }
  }
  return [...items.values()]
}
