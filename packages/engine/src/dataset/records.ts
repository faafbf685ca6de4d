import type { CustomerFacts, HistoryFacts, InvoiceFacts } from '../facts/input.js'
import type { DunningEvent } from '../events.js'

/**
 * Normalised historical rows, whatever file they came from (CSV through a column mapping,
 * or JSON lines). Instants are epoch milliseconds; money is integer minor units.
 */
export interface InvoiceRecord {
  readonly customerId: string
  readonly invoice: InvoiceFacts
  /** When the invoice was actually paid in full; null = never paid (still open or written off). */
  readonly paidAt: number | null
  /**
   * The customer as the invoice row describes it (plan, ARR, zone… columns of the invoices
   * file; timezone UTC and the invoice's currency when absent). Used when there is no
   * customers file; set by the dataset readers, optional for hand-made records.
   */
  readonly customer?: CustomerRecord
}

export interface CustomerRecord {
  readonly customer: CustomerFacts
  readonly history: HistoryFacts | null
}

export type EventRecord = DunningEvent

/** A row that could not be used, and exactly why: nothing is dropped silently. */
export interface RowError {
  readonly file: string
  /** 1-based data row number as a spreadsheet shows it (the header is row 1 in CSV). */
  readonly row: number
  readonly column: string | null
  readonly message: string
}
