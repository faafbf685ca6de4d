import type { RowError } from '../dataset/records.js'
import type { RowErrorSummary } from './report.js'

/** How many row errors a report lists one by one; the rest are counted. */
export const FIRST_ROW_ERRORS = 20

/**
 * Counts row errors per file and column as the readers report them, keeping only the
 * first few: a file full of bad rows costs a counter, not a list.
 */
export class RowErrorTally {
  private readonly byColumn = new Map<string, { file: string; column: string; count: number }>()
  private readonly first: RowError[] = []
  private total = 0

  constructor(private readonly keep = FIRST_ROW_ERRORS) {}

  add(error: RowError): void {
    this.total += 1
    if (this.first.length < this.keep) this.first.push(error)
    const column = error.column ?? '(whole row)'
    const key = `${error.file}\u0000${column}`
    const line = this.byColumn.get(key)
    if (line) line.count += 1
    else this.byColumn.set(key, { file: error.file, column, count: 1 })
  }

  /** A tally that starts where this one is: errors of files read once, then a re-read file's. */
  clone(): RowErrorTally {
    const copy = new RowErrorTally(this.keep)
    copy.total = this.total
    copy.first.push(...this.first)
    for (const [key, line] of this.byColumn) copy.byColumn.set(key, { ...line })
    return copy
  }

  /** This tally's errors, then another's: files read before, then one read after. */
  plus(after: RowErrorTally): RowErrorTally {
    const sum = this.clone()
    sum.total += after.total
    sum.first.push(...after.first.slice(0, this.keep - sum.first.length))
    for (const [key, line] of after.byColumn) {
      const seen = sum.byColumn.get(key)
      if (seen) seen.count += line.count
      else sum.byColumn.set(key, { ...line })
    }
    return sum
  }

  summary(): RowErrorSummary {
    return {
      total: this.total,
      byColumn: [...this.byColumn.keys()].sort().map((key) => ({ ...this.byColumn.get(key)! })),
      first: [...this.first],
    }
  }
}
