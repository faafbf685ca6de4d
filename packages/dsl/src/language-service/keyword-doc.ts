import { CONSTRUCT_DOCS, WORD_DOCS, docMarkdown, type DocumentedKind } from './construct-docs.js'

/** Grammar rules whose construct has another name in the AST. */
const RULE_KINDS: Readonly<Record<string, DocumentedKind>> = {
  notifyAction: 'notify',
  callAction: 'call',
  retryAction: 'retry',
  taskAction: 'task',
  escalateAction: 'escalate',
  offerPlanAction: 'offerPlan',
  offerPartialAction: 'offerPartial',
  lateFeeAction: 'lateFee',
  accountAction: 'account',
  stepUnit: 'step',
  anchorPoint: 'anchor',
}

function isDocumented(kind: string): kind is DocumentedKind {
  return kind in CONSTRUCT_DOCS
}

/**
 * Markdown for a keyword: the word's own meaning when it has one everywhere (`email`,
 * `due`), else the construct it belongs to (a rule of the grammar or a kind of the AST),
 * else the construct the word names (`and`, `is`).
 */
export function keywordMarkdown(word: string, construct: string | undefined): string | undefined {
  const own = WORD_DOCS[word]
  if (own) return docMarkdown(word, own)
  const kind = construct === undefined ? undefined : (RULE_KINDS[construct] ?? construct)
  const found = [kind, word].find((k): k is DocumentedKind => k !== undefined && isDocumented(k))
  const doc = found ? CONSTRUCT_DOCS[found] : undefined
  return doc ? docMarkdown(word, doc) : undefined
}
