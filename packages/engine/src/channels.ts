/** Channels a `notify` action can use. Calls are human tasks, capped separately. */
export const CHANNELS = ['email', 'sms', 'letter', 'webhook', 'in_app'] as const
export type Channel = (typeof CHANNELS)[number]

/**
 * What a frequency cap counts: one channel, all messages, or calls (per customer), or
 * payment retries (per invoice: card networks cap retries on one invoice).
 */
export const CAP_SCOPES = ['messages', 'calls', 'retries', ...CHANNELS] as const
export type CapScope = (typeof CAP_SCOPES)[number]

/** A contact recorded against a customer: a message on a channel, or a call. */
export type ContactKind = Channel | 'call'

export function isChannel(word: string): word is Channel {
  return (CHANNELS as readonly string[]).includes(word)
}
