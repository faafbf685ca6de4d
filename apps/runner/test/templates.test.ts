import { readdirSync, readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { compile } from '@dun/dsl'
import { customerFacts, invoiceFacts } from '@dun/engine'
import { DeliveryError } from '../src/channels/message.js'
import { messageView } from '../src/templates/message-view.js'
import { renderMessage } from '../src/templates/render.js'
import { parseTemplate } from '../src/templates/template-file.js'
import { directoryTemplates, languageChain } from '../src/templates/template-store.js'
import { textToHtml } from '../src/templates/text-to-html.js'
import { TEMPLATES } from './delivery-fixtures.js'

const EXAMPLES = new URL('../../../examples/', import.meta.url)
const NOW = Date.parse('2026-02-10T10:00:00Z')
const customer = (language: string) =>
  customerFacts.parse({ id: 'c1', currency: 'USD', language, timezone: 'America/New_York' })
const invoice = (id: string, balance: number, currency = 'USD') =>
  invoiceFacts.parse({
    id,
    amount_due: balance,
    balance,
    currency,
    issued_at: '2026-01-01T00:00:00Z',
    due_at: '2026-02-01T12:00:00Z',
  })

describe('template files', () => {
  it('reads the subject, the optional SMS line and the body', () => {
    expect(parseTemplate('Subject: Hi {{invoice.id}}\nSMS: short\r\n\r\nBody\n')).toEqual({
      ok: true,
      template: { subject: 'Hi {{invoice.id}}', sms: 'short', body: 'Body' },
    })
  })

  it('says what is wrong with a broken file', () => {
    expect(parseTemplate('Hello there')).toMatchObject({
      ok: false,
      error: expect.stringMatching(/blank line/),
    })
    expect(parseTemplate('SMS: x\n\nbody')).toMatchObject({
      ok: false,
      error: 'has no "Subject:" line',
    })
    expect(parseTemplate('Subject: x\nnot a header\n\nbody')).toMatchObject({
      ok: false,
      error: '"not a header" is not a header line like "Subject: …"',
    })
  })
})

describe('template store', () => {
  const store = directoryTemplates(TEMPLATES)

  it('tries the regional language, then the language, then English', async () => {
    expect(languageChain('de-AT')).toEqual(['de-AT', 'de', 'en'])
    expect(languageChain('../etc')).toEqual(['en'])
    expect((await store.load('final-notice', 'de-AT')).language).toBe('de')
    expect((await store.load('final-notice', 'fr')).language).toBe('en')
  })

  it('fails permanently on a missing template, naming it and the languages tried', async () => {
    const failure = await store.load('nope', 'fr-CA').catch((error: unknown) => error)
    expect(failure).toBeInstanceOf(DeliveryError)
    expect(failure).toMatchObject({
      permanent: true,
      message: expect.stringMatching(/^no template "nope" for languages fr-CA, fr, en in /),
    })
    await expect(store.load('../secrets', 'en')).rejects.toThrow(/not a plain file name/)
  })

  it('has every template the examples use, in English and German, and each renders', async () => {
    const names = new Set<string>()
    for (const file of readdirSync(EXAMPLES).filter((f) => f.endsWith('.dun'))) {
      const result = compile(readFileSync(new URL(file, EXAMPLES), 'utf8'))
      const json = JSON.stringify(result)
      for (const match of json.matchAll(/"template":"([^"]+)"/g)) names.add(match[1]!)
    }
    expect(names.size).toBeGreaterThan(10)
    for (const name of names) {
      for (const language of ['en', 'de']) {
        const loaded = await store.load(name, language)
        expect(loaded.language, `${name}/${language}`).toBe(language)
        const content = renderMessage(
          loaded,
          messageView(customer(language), [invoice('inv-1', 1200)], NOW),
          'email',
        )
        expect(content.subject, `${name}/${language}`).not.toMatch(/{{|}}/)
        expect(content.text).toContain('inv-1')
      }
    }
  })
})

describe('rendering', () => {
  it('formats amounts and dates in the customer’s language and zone, and lists every invoice', async () => {
    const loaded = await directoryTemplates(TEMPLATES).load('final-notice', 'de')
    const view = messageView(
      customer('de'),
      [invoice('inv-1', 123456), invoice('inv-2', 500, 'EUR')],
      NOW,
    )
    expect(view.invoice).toMatchObject({
      balance: '1.234,56\u00a0$',
      due_date: '1. Februar 2026',
      days_overdue: 8,
    })
    expect(view.total).toBe('1.234,56\u00a0$ + 5,00\u00a0€')
    const content = renderMessage(loaded, view, 'email')
    expect(content.text.split('\n').filter((line) => line.startsWith('- '))).toEqual([
      '- Rechnung inv-1: 1.234,56\u00a0$ offen, fällig am 1. Februar 2026',
      '- Rechnung inv-2: 5,00\u00a0€ offen, fällig am 1. Februar 2026',
    ])
    expect(content.html).toContain('<ul><li>Rechnung inv-1:')
    expect(renderMessage(loaded, view, 'sms').text).toMatch(
      /^Letzte Mahnung: 1.234,56\u00a0\$ \+ 5,00\u00a0€ /,
    )
  })

  it('escapes customer data in the HTML part but not in the text', () => {
    const template = { subject: 'x', sms: null, body: 'Invoice {{invoice.id}}\n\n- one\n- two' }
    const view = messageView(customer('en'), [invoice('<b>&1</b>', 100)], NOW)
    const content = renderMessage({ template, language: 'en' }, view, 'email')
    expect(content.text).toBe('Invoice <b>&1</b>\n\n- one\n- two')
    expect(content.html).toBe(
      '<p>Invoice &lt;b&gt;&amp;1&lt;/b&gt;</p>\n<ul><li>one</li><li>two</li></ul>',
    )
    expect(textToHtml('a\nb')).toBe('<p>a<br>b</p>')
  })
})
