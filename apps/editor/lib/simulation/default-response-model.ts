import { responseModelSchema, type ResponseModel } from '@dun/engine'

/**
 * The response model used when the analyst uploads none: deliberately modest assumptions,
 * shown in words beside every recovered amount (the report's `assumptions`). A third of
 * dunned invoices get paid anyway; a payment retry is the most effective single action,
 * a human call next, then text messages and emails; letters and in-app notices do little.
 */
export const DEFAULT_RESPONSE_MODEL: ResponseModel = responseModelSchema.parse({
  baselineCureRate: 0.3,
  baselineDaysToPay: 5,
  daysToPayAfterAction: 2,
  uplifts: [
    { channel: 'retry_payment', probability: 0.25 },
    { channel: 'call', probability: 0.15 },
    { channel: 'sms', probability: 0.08 },
    { channel: 'email', probability: 0.06 },
    { channel: 'letter', probability: 0.03 },
    { channel: 'in_app', probability: 0.02 },
  ],
})
