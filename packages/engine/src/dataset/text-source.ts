/**
 * Text to read, however it arrives: a whole string (an upload, a test), or chunks from a
 * stream — Node's `createReadStream(file, 'utf8')` and a browser's
 * `file.stream().pipeThrough(new TextDecoderStream())` are both async iterables of strings.
 */
export type TextSource = string | Iterable<string> | AsyncIterable<string>

export async function* textChunks(source: TextSource): AsyncGenerator<string> {
  if (typeof source === 'string') {
    yield source
    return
  }
  for await (const chunk of source) if (chunk !== '') yield chunk
}
