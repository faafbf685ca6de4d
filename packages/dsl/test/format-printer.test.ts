import { readdirSync, readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import {
  group,
  hardline,
  indent,
  join,
  line,
  lineSuffix,
  softline,
  type Doc,
} from '../src/format/doc.js'
import { printExpression } from '../src/format/expression.js'
import { printDoc, printOnOneLine } from '../src/format/printer.js'
import { parse } from '../src/parse.js'

const examples = new URL('../../../examples/', import.meta.url)

const chain = (words: string[]) =>
  group([words[0] ?? '', indent(words.slice(1).map((word) => [line, 'and ', word]))])

describe('printDoc', () => {
  it('prints a group flat when it fits', () => {
    expect(printDoc(chain(['a', 'b', 'c']), 20)).toBe('a and b and c')
  })

  it('breaks every line of a group that does not fit, indenting by two spaces', () => {
    expect(printDoc(chain(['aaaa', 'bbbb', 'cccc']), 10)).toBe('aaaa\n  and bbbb\n  and cccc')
  })

  it('counts the text after a group up to the next line break', () => {
    const doc = [chain(['a', 'b']), ' {', hardline, '}']
    expect(printDoc(doc, 9)).toBe('a and b {\n}')
    expect(printDoc(doc, 8)).toBe('a\n  and b {\n}')
  })

  it('never prints a group with a hard line flat', () => {
    expect(printDoc(group(['a', line, 'b', hardline, 'c']), 80)).toBe('a\nb\nc')
  })

  it('keeps inner groups flat when only the outer one must break', () => {
    const doc = group(['x', indent([line, chain(['a', 'b'])]), indent([line, chain(['c', 'd'])])])
    expect(printDoc(doc, 12)).toBe('x\n  a and b\n  c and d')
  })

  it('prints soft lines as nothing when flat', () => {
    expect(printDoc(group(['[', softline, 'a', softline, ']']), 10)).toBe('[a]')
  })

  it('defers line suffixes to the end of the line and leaves them out of the width', () => {
    const doc = [chain(['a', 'b']), lineSuffix(' # a long trailing comment'), hardline, 'next']
    expect(printDoc(doc, 8)).toBe('a and b # a long trailing comment\nnext')
  })

  it('leaves no trailing spaces on blank or broken lines', () => {
    expect(printDoc(indent(['a', hardline, hardline, 'b ', hardline]), 80)).toBe('a\n\n  b\n')
  })

  it('joins documents with a separator', () => {
    expect(printDoc(join(', ', ['a', 'b', 'c']))).toBe('a, b, c')
  })
})

describe('printOnOneLine', () => {
  const unlimited = (doc: Doc) => printDoc(doc, Number.POSITIVE_INFINITY)

  it('prints what printDoc prints at unlimited width', () => {
    const docs: Doc[] = [
      chain(['a', 'b', 'c']),
      group(['x', indent([line, chain(['a', 'b'])]), softline, 'y ']),
      [group(['a', line, 'b']), ' and ', group(['(', softline, 'c', ')'])],
      // what only printDoc lays out: hard lines, lines outside groups, line suffixes
      group(['a', line, 'b', hardline, 'c']),
      ['a', line, 'b'],
      [group(['a', line, 'b']), lineSuffix(' # note')],
    ]
    for (const doc of docs) expect(printOnOneLine(doc)).toBe(unlimited(doc))
  })

  it('prints every guard of the examples as printDoc does', () => {
    for (const name of readdirSync(examples).filter((file) => file.endsWith('.dun'))) {
      const policy = parse(readFileSync(new URL(name, examples), 'utf8')).ast.policy
      for (const item of policy?.items ?? []) {
        if (item.kind !== 'segment') continue
        for (const when of [item.when, ...item.steps.map((step) => step.when)]) {
          if (when === null) continue
          expect(printOnOneLine(printExpression(when))).toBe(unlimited(printExpression(when)))
        }
      }
    }
  })
})
