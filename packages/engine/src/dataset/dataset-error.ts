export type DatasetErrorCode =
  'bad_mapping' | 'missing_column' | 'empty_file' | 'no_usable_rows' | 'malformed_file'

/**
 * A problem with a whole file (as opposed to one row): reading stops. The message names
 * what is wrong and where; `hint` says what to do about it.
 */
export class DatasetError extends Error {
  constructor(
    readonly code: DatasetErrorCode,
    readonly file: string,
    readonly problem: string,
    readonly hint: string,
  ) {
    super(`${file}: ${problem} (${hint})`)
    this.name = 'DatasetError'
  }
}
