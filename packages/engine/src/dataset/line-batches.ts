import { textChunks, type TextSource } from './text-source.js'

/** Complete lines from one chunk; `lines[i]` is line `firstLine + i` (1-based). */
export interface LineBatch {
  readonly lines: string[]
  readonly firstLine: number
}

/** Splits streamed text into lines (LF or CRLF), carrying a partial last line forward. */
export async function* lineBatches(source: TextSource): AsyncGenerator<LineBatch> {
  let rest = ''
  let nextLine = 1
  for await (const chunk of textChunks(source)) {
    const lines = (rest + chunk).split('\n')
    rest = lines.pop() ?? ''
    if (lines.length === 0) continue
    yield { lines: lines.map(withoutCr), firstLine: nextLine }
    nextLine += lines.length
  }
  if (rest !== '') yield { lines: [withoutCr(rest)], firstLine: nextLine }
}

function withoutCr(line: string): string {
  return line.endsWith('\r') ? line.slice(0, -1) : line
}
