/**
 * Why one cell's text cannot be used, phrased to follow the quoted text:
 * `'31/02/2024' is not a date in format D.M.YYYY`. Thrown by cell parsers and caught once
 * per row, where the row number and column are known.
 */
export class CellProblem extends Error {
  constructor(
    readonly reason: string,
    readonly hint?: string,
  ) {
    super(reason)
  }
}

/** A cell parser: text in (never empty), value out, or a thrown CellProblem. */
export type CellParser<T> = (text: string) => T
