/**
 * A template file: header lines, a blank line, then the body (mustache, plain text with
 * paragraphs and `- ` lists, which the HTML rendering turns into <p> and <ul>).
 *
 *     Subject: Invoice {{invoice.id}} is overdue
 *
 *     Hello {{customer.name}}, …
 *
 * `Subject:` is required. Optional `SMS:` gives the short text used on SMS instead of the body.
 */
export interface Template {
  readonly subject: string
  readonly sms: string | null
  readonly body: string
}

export type TemplateParse = { ok: true; template: Template } | { ok: false; error: string }

export function parseTemplate(text: string): TemplateParse {
  const normalized = text.replace(/\r\n?/g, '\n')
  const split = normalized.indexOf('\n\n')
  if (split < 0) return { ok: false, error: 'needs header lines, a blank line, then the body' }
  const headers = new Map<string, string>()
  for (const line of normalized.slice(0, split).split('\n')) {
    const match = /^([A-Za-z-]+):\s*(.*)$/.exec(line)
    if (!match) return { ok: false, error: `"${line}" is not a header line like "Subject: …"` }
    headers.set(match[1]!.toLowerCase(), match[2]!)
  }
  const subject = headers.get('subject')
  if (!subject) return { ok: false, error: 'has no "Subject:" line' }
  const body = normalized.slice(split + 2).trim()
  if (body === '') return { ok: false, error: 'has an empty body' }
  return { ok: true, template: { subject, sms: headers.get('sms') ?? null, body } }
}
