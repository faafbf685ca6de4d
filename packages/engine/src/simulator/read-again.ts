/**
 * Thrown by a source that cannot vouch for what it yielded (see SimulationSource): the
 * simulation starts again and opens the invoices once more.
 */
export class ReadAgain extends Error {
  /** Whether the next pass must read every customer's rows, not just the partition's. */
  readonly wholeFile: boolean

  constructor(reason: string, { wholeFile = true }: { wholeFile?: boolean } = {}) {
    super(`the invoices are read again: ${reason}`)
    this.wholeFile = wholeFile
  }
}
