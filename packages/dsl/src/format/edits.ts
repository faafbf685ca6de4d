/**
 * The smallest changes that turn one text into another, as offset spans of the old text.
 * Formatting mostly re-indents and re-spaces lines in place, so the texts are compared line
 * by line (longest common subsequence) and each changed run of lines is then trimmed to the
 * characters that differ: an editor applying these keeps the cursor where it was.
 */
export interface Change {
  readonly offset: number
  readonly length: number
  readonly text: string
}

/** Beyond this many line pairs to compare, one change for the differing middle is enough. */
const MAX_COMPARISONS = 4_000_000

export function diffTexts(before: string, after: string): Change[] {
  if (before === after) return []
  const old = splitLines(before)
  const next = splitLines(after)
  let start = 0
  while (start < old.length && start < next.length && old[start] === next[start]) start++
  let endOld = old.length
  let endNew = next.length
  while (endOld > start && endNew > start && old[endOld - 1] === next[endNew - 1]) {
    endOld--
    endNew--
  }
  const pairs =
    (endOld - start) * (endNew - start) > MAX_COMPARISONS
      ? []
      : commonLines(old.slice(start, endOld), next.slice(start, endNew))
  const offsets = lineOffsets(old)
  const changes: Change[] = []
  let oldLine = start
  let newLine = start
  for (const [a, b] of [
    ...pairs.map(([a, b]) => [a + start, b + start] as const),
    [endOld, endNew] as const,
  ]) {
    if (a > oldLine || b > newLine) {
      const from = offsets[oldLine] as number
      const to = offsets[a] as number
      changes.push(trim(before.slice(from, to), next.slice(newLine, b).join(''), from))
    }
    oldLine = a + 1
    newLine = b + 1
  }
  return changes
}

/** Lines with their line breaks, so joining them gives the text back. */
function splitLines(text: string): string[] {
  return text.match(/[^\n]*\n|[^\n]+$/g) ?? []
}

function lineOffsets(lines: readonly string[]): number[] {
  const offsets = [0]
  for (const line of lines) offsets.push((offsets[offsets.length - 1] as number) + line.length)
  return offsets
}

/** Index pairs of a longest common subsequence of two line lists. */
function commonLines(a: readonly string[], b: readonly string[]): (readonly [number, number])[] {
  const width = b.length + 1
  const table = new Uint32Array((a.length + 1) * width)
  for (let i = a.length - 1; i >= 0; i--) {
    for (let j = b.length - 1; j >= 0; j--) {
      table[i * width + j] =
        a[i] === b[j]
          ? (table[(i + 1) * width + j + 1] as number) + 1
          : Math.max(table[(i + 1) * width + j] as number, table[i * width + j + 1] as number)
    }
  }
  const pairs: (readonly [number, number])[] = []
  let i = 0
  let j = 0
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) pairs.push([i++, j++])
    else if ((table[(i + 1) * width + j] as number) >= (table[i * width + j + 1] as number)) i++
    else j++
  }
  return pairs
}

/** One replacement narrowed to the characters that actually differ. */
function trim(removed: string, inserted: string, offset: number): Change {
  let prefix = 0
  const shorter = Math.min(removed.length, inserted.length)
  while (prefix < shorter && removed[prefix] === inserted[prefix]) prefix++
  let suffix = 0
  while (
    suffix < shorter - prefix &&
    removed[removed.length - 1 - suffix] === inserted[inserted.length - 1 - suffix]
  ) {
    suffix++
  }
  return {
    offset: offset + prefix,
    length: removed.length - prefix - suffix,
    text: inserted.slice(prefix, inserted.length - suffix),
  }
}
