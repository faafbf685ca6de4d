import type { DECLINE_CLASSES } from '../facts/input.js'

export type DeclineClass = (typeof DECLINE_CLASSES)[number]

/**
 * Card decline codes as billing systems name them (Stripe's names, which most exports
 * follow), each classed for dunning:
 * - hard: retrying the same card cannot succeed; the customer must act (new card, new data,
 *   contact the bank). Card networks penalise merchants who retry these.
 * - soft: the issuer may approve later; a retry after a delay often succeeds.
 */
export const DECLINE_CODES: Readonly<Record<string, { class: DeclineClass; doc: string }>> = {
  insufficient_funds: { class: 'soft', doc: 'Not enough funds now; retry after payday.' },
  do_not_honor: {
    class: 'soft',
    doc: 'Issuer refused without a reason; often temporary, retries succeed.',
  },
  card_declined: { class: 'soft', doc: 'Generic decline without a reason.' },
  generic_decline: { class: 'soft', doc: 'Generic decline without a reason.' },
  processing_error: { class: 'soft', doc: 'Error while processing the card; retry.' },
  try_again_later: { class: 'soft', doc: 'Issuer asks for a later retry.' },
  issuer_not_available: { class: 'soft', doc: 'Issuer unreachable; retry.' },
  reenter_transaction: { class: 'soft', doc: 'Issuer asks to submit again.' },
  card_velocity_exceeded: { class: 'soft', doc: 'Card limit or velocity reached; retry later.' },
  withdrawal_count_limit_exceeded: {
    class: 'soft',
    doc: 'Withdrawal count limit reached; retry later.',
  },
  approve_with_id: { class: 'soft', doc: 'Cannot be authorised now; retry.' },
  call_issuer: { class: 'soft', doc: 'Declined for an unknown reason; retry or ask the customer.' },
  no_action_taken: { class: 'soft', doc: 'Declined for an unknown reason.' },
  expired_card: { class: 'hard', doc: 'Card expired: the customer needs a new card.' },
  incorrect_cvc: { class: 'hard', doc: 'Wrong CVC: only the customer can re-enter it.' },
  incorrect_number: { class: 'hard', doc: 'Card number is wrong.' },
  invalid_expiry_year: { class: 'hard', doc: 'Expiry year is wrong.' },
  lost_card: { class: 'hard', doc: 'Reported lost: never retry.' },
  stolen_card: { class: 'hard', doc: 'Reported stolen: never retry.' },
  pickup_card: { class: 'hard', doc: 'Issuer asks to retain the card (lost or stolen).' },
  invalid_account: { class: 'hard', doc: 'Account closed or invalid.' },
  fraudulent: { class: 'hard', doc: 'Suspected fraud: never retry.' },
  restricted_card: { class: 'hard', doc: 'Card cannot be used for this payment.' },
  card_not_supported: { class: 'hard', doc: 'Card does not support this kind of purchase.' },
  currency_not_supported: { class: 'hard', doc: 'Card does not support the currency.' },
  transaction_not_allowed: { class: 'hard', doc: 'Card does not allow this transaction.' },
  security_violation: { class: 'hard', doc: 'Issuer flagged a security violation.' },
  stop_payment_order: { class: 'hard', doc: 'Customer stopped payments to this merchant.' },
  revocation_of_authorization: {
    class: 'hard',
    doc: 'Customer revoked the recurring authorisation.',
  },
  do_not_try_again: { class: 'hard', doc: 'Issuer forbids any retry.' },
  authentication_required: {
    class: 'hard',
    doc: 'Needs the customer to authenticate (3-D Secure): automatic retries fail.',
  },
}

/** ISO 8583 response codes, as processors that export raw network codes write them. */
const ISO_8583_CODES: Readonly<Record<string, string>> = {
  '04': 'pickup_card',
  '05': 'do_not_honor',
  '14': 'incorrect_number',
  '41': 'lost_card',
  '43': 'stolen_card',
  '51': 'insufficient_funds',
  '54': 'expired_card',
  '57': 'transaction_not_allowed',
  '61': 'withdrawal_count_limit_exceeded',
  '62': 'restricted_card',
  '65': 'card_velocity_exceeded',
  '91': 'issuer_not_available',
  '96': 'processing_error',
}

/**
 * The canonical name of a decline code written any usual way ("Insufficient Funds",
 * "do-not-honor", "51"), or the trimmed text itself when it is not a known code.
 */
export function canonicalDeclineCode(text: string): string {
  const key = text
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, '_')
  if (key in DECLINE_CODES) return key
  return ISO_8583_CODES[key] ?? text.trim()
}

/**
 * Class of a decline code. Unknown codes count as soft: most unexplained declines are
 * temporary, and a hard class would stop retries that issuers would have approved.
 */
export function declineClassOf(code: string): DeclineClass {
  return DECLINE_CODES[canonicalDeclineCode(code)]?.class ?? 'soft'
}
