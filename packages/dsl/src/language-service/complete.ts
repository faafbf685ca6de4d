import { FACTS, CAP_SCOPES } from '@dun/engine'
import type { ISyntacticContentAssistPath, TokenType } from 'chevrotain'
import type { SourceRange } from '../source-range.js'
import * as t from '../tokens.js'
import { nextTokenPaths } from './assist-window.js'
import type { CompletionItem, CompletionKind } from './completion-item.js'
import { cursorAt, type Cursor } from './cursor.js'
import { documentFor } from './document.js'
import { factChildItems, factPathItems } from './fact-completions.js'
import { vocabularyOf, type FileVocabulary } from './file-vocabulary.js'
import { keywordMarkdown } from './keyword-doc.js'
import { moneySnippet } from './money-snippet.js'
import { comparedPath, pathBeforeDot } from './preceding-path.js'
import { stepSnippets } from './step-snippets.js'

interface Request {
  readonly cursor: Cursor
  readonly range: SourceRange
  readonly vocabulary: () => FileVocabulary
}

/**
 * Completion at `offset`: what the grammar allows next (keywords, channels, fact paths,
 * values, snippets), each replacing the partial word under the cursor. Nothing inside a
 * comment or a string. Only the tokens before the cursor are read, so a broken rest of the
 * file does not matter.
 */
export function complete(text: string, offset: number): CompletionItem[] {
  const document = documentFor(text)
  const cursor = cursorAt(text, document.lexedThrough(offset), offset)
  if (!cursor) return []
  let vocabulary: FileVocabulary | undefined
  const request: Request = {
    cursor,
    range: document.lines.range(cursor.wordStart, offset),
    vocabulary: () => (vocabulary ??= vocabularyOf(document.lexed.tokens)),
  }
  const items = new Map<string, CompletionItem>()
  for (const path of plausiblePaths(nextTokenPaths(cursor.preceding), request)) {
    for (const item of itemsFor(path, request)) {
      const key = `${item.kind} ${item.label}`
      if (!items.has(key)) items.set(key, item)
    }
  }
  return [...items.values()]
}

/**
 * Drops paths the grammar allows but a writer never means. Content assist ignores that the
 * parser reads `not` after `is` as a negation (never as the value named "not"), and that a
 * number at the end of a line is complete (its unit or currency is not on the next line).
 */
function plausiblePaths(
  paths: readonly ISyntacticContentAssistPath[],
  request: Request,
): ISyntacticContentAssistPath[] {
  const preceding = request.cursor.preceding
  const last = preceding[preceding.length - 1]
  const beforeLast = preceding[preceding.length - 2]
  const afterIsNot = last?.tokenType === t.Not && beforeLast?.tokenType === t.Is
  const onNewLine = last !== undefined && (last.endLine ?? 0) < request.range.line
  return paths.filter((path) => {
    const rule = path.ruleStack[path.ruleStack.length - 1]
    if (afterIsNot) return rule === 'predicate'
    return !(onNewLine && (rule === 'moneyAmount' || rule === 'duration'))
  })
}

function itemsFor(path: ISyntacticContentAssistPath, request: Request): CompletionItem[] {
  const type = path.nextTokenType
  const rule = path.ruleStack[path.ruleStack.length - 1] ?? ''
  if (type === t.Channel) return wordsOfClass('channel', 'channel', rule, request)
  if (type === t.DurationUnit) return wordsOfClass('unit', 'keyword', rule, request)
  if (type === t.Identifier) return factPathItems(request.range)
  if (type === t.Word) return nameItems(rule, request)
  if (type === t.Currency) return currencyItems(rule, request)
  if (type === t.NumberLiteral) return numberItems(path, request)
  if (type === t.AnyString) return textItems(rule, request)
  if (!isWord(type)) return []
  const keyword = keywordItem(String(type.PATTERN), 'keyword', rule, request)
  const startsStep = type === t.Day && rule === 'stepUnit' && path.ruleStack.includes('step')
  return startsStep ? [keyword, ...stepItems(request)] : [keyword]
}

/** Reserved words: their pattern is their text. Symbols and literals are typed, not offered. */
function isWord(type: TokenType): boolean {
  return typeof type.PATTERN === 'string' && /^[a-z_]+$/.test(type.PATTERN)
}

function plain(
  label: string,
  kind: CompletionKind,
  request: Request,
  extra: Partial<CompletionItem> = {},
): CompletionItem {
  return { label, kind, insertText: label, isSnippet: false, range: request.range, ...extra }
}

function keywordItem(
  word: string,
  kind: CompletionKind,
  rule: string,
  request: Request,
): CompletionItem {
  const documentation = keywordMarkdown(word, rule)
  return plain(word, kind, request, documentation ? { documentation } : {})
}

function wordsOfClass(
  tokenClass: t.TokenClass,
  kind: CompletionKind,
  rule: string,
  request: Request,
): CompletionItem[] {
  return t.reservedWords
    .filter((word) => word.tokenClass === tokenClass)
    .map((word) => keywordItem(word.text, kind, rule, request))
}

/** A `Word` slot: what the name there refers to depends on the rule it belongs to. */
function nameItems(rule: string, request: Request): CompletionItem[] {
  const preceding = request.cursor.preceding
  switch (rule) {
    case 'path': {
      const prefix = pathBeforeDot(preceding)
      return prefix ? factChildItems(prefix, request.range) : []
    }
    case 'cap':
      return CAP_SCOPES.map((scope) => keywordItem(scope, 'value', rule, request))
    case 'predicate': {
      const fact = FACTS.get(comparedPath(preceding) ?? '')
      if (fact?.type.kind !== 'enum') return []
      return fact.type.values.map((value) =>
        plain(value, 'value', request, { detail: `a value of ${fact.path}` }),
      )
    }
    case 'outcome':
      return request
        .vocabulary()
        .segments.map((name) => plain(name, 'segment', request, { detail: 'segment' }))
    default:
      // A new name (`segment NAME`): nothing to offer.
      return []
  }
}

function currencyItems(rule: string, request: Request): CompletionItem[] {
  const listed = request.vocabulary().currencies
  const codes = rule === 'currencies' ? Intl.supportedValuesOf('currency') : listed
  return codes
    .filter((code) => rule !== 'currencies' || !listed.includes(code))
    .map((code) => plain(code, 'value', request, { detail: 'currency' }))
}

/** Where a number starts an amount of money or a duration, the whole literal as a snippet. */
function numberItems(path: ISyntacticContentAssistPath, request: Request): CompletionItem[] {
  const preceding = request.cursor.preceding
  const fact = FACTS.get(comparedPath(preceding) ?? '')
  const last = preceding[preceding.length - 1]
  const isFee = last !== undefined && last.tokenType === t.Fee
  if (path.ruleStack.includes('money') && (fact?.type.kind === 'money' || isFee)) {
    const snippet = moneySnippet(request.vocabulary().currencies, 1)
    return [snippetItem('money', 'an amount per policy currency', snippet, request)]
  }
  if (path.ruleStack.includes('duration') && fact?.type.kind === 'duration') {
    return [snippetItem('duration', 'a length of time', '${1:30} ${2|days,hours,weeks|}', request)]
  }
  return []
}

function snippetItem(
  label: string,
  detail: string,
  insertText: string,
  request: Request,
): CompletionItem {
  return { label, kind: 'snippet', detail, insertText, isSnippet: true, range: request.range }
}

function textItems(rule: string, request: Request): CompletionItem[] {
  const vocabulary = request.vocabulary()
  if (rule === 'notifyAction') {
    return vocabulary.templates.map((name) =>
      plain(name, 'template', request, { detail: 'template' }),
    )
  }
  if (rule === 'outcome') {
    return vocabulary.labels.map((name) => plain(name, 'value', request, { detail: 'step label' }))
  }
  return []
}

function stepItems(request: Request): CompletionItem[] {
  const money = moneySnippet(request.vocabulary().currencies, 2)
  return Object.values(stepSnippets(money)).map((snippet) =>
    snippetItem(snippet.label, snippet.detail, `day ${snippet.body}`, request),
  )
}
