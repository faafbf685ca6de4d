import type { FactDefinition, FactType } from '@dun/engine'

/** A fact's type in words, as completion details and hovers show it. */
export function describeFactType(type: FactType): string {
  switch (type.kind) {
    case 'money':
      return `money (in ${type.currencyPath})`
    case 'enum':
      return `one of ${type.values.join(', ')}`
    case 'list':
      return type.values ? `list of ${type.values.join(', ')}` : 'list of text'
    case 'number':
    case 'string':
    case 'boolean':
    case 'instant':
    case 'duration':
      return type.kind
  }
}

/** How a guard compares the fact, so the doc shows a line the reader can copy. */
function usage(fact: FactDefinition): string {
  const type = fact.type
  switch (type.kind) {
    case 'money':
      return `${fact.path} > 100 USD | 90 EUR`
    case 'enum':
      return `${fact.path} is ${type.values[0] ?? 'value'}`
    case 'list':
      return `${fact.path} contains "${type.values?.[0] ?? 'vip'}"`
    case 'boolean':
      return fact.path
    case 'instant':
      return fact.path === 'now' ? 'customer.promise_to_pay_until > now' : `${fact.path} > now`
    case 'duration':
      return `${fact.path} > 30 days`
    case 'number':
      return `${fact.path} >= 3`
    case 'string':
      return `${fact.path} == "…"`
  }
}

/** Markdown documentation of one fact: type, meaning, currency, origin, an example guard. */
export function factMarkdown(fact: FactDefinition): string {
  const lines = [`**${fact.path}**: ${describeFactType(fact.type)}`, '', fact.doc]
  if (fact.type.kind === 'money') {
    lines.push(
      '',
      `Money in the currency of \`${fact.type.currencyPath}\`; compare it with one amount per policy currency.`,
    )
  }
  if (fact.nullable) lines.push('', 'May be empty (`null`) when not known yet.')
  if (fact.derivedFrom) {
    lines.push('', `Computed from ${fact.derivedFrom} by the engine; a \`test\` cannot set it.`)
  }
  lines.push('', '```dun', `when ${usage(fact)}`, '```')
  return lines.join('\n')
}
