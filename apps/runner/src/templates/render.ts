import Mustache from 'mustache'
import type { Channel } from '@dun/engine'
import type { MessageContent } from '../channels/message.js'
import type { LoadedTemplate } from './template-store.js'
import type { MessageView } from './message-view.js'
import { textToHtml } from './text-to-html.js'

// Text is rendered unescaped; the HTML part escapes the finished text as a whole.
const plain = { escape: (value: unknown) => String(value) }

/** Renders a template for one channel: SMS uses the template's `SMS:` line when it has one. */
export function renderMessage(
  { template }: LoadedTemplate,
  view: MessageView,
  channel: Channel,
): MessageContent {
  const subject = Mustache.render(template.subject, view, undefined, plain).trim()
  const source = channel === 'sms' && template.sms !== null ? template.sms : template.body
  const text = Mustache.render(source, view, undefined, plain).trim()
  return { subject, text, html: textToHtml(text) }
}
