import type { SourceRange } from '../source-range.js'

/** What a completion offers; the editor picks an icon per kind. */
export type CompletionKind =
  'keyword' | 'fact' | 'channel' | 'snippet' | 'value' | 'segment' | 'template'

export interface CompletionItem {
  readonly label: string
  readonly kind: CompletionKind
  /** One line beside the label: a fact's type, a snippet's purpose. */
  readonly detail?: string
  /** Markdown shown in the details pane. */
  readonly documentation?: string
  /** Text inserted; snippets use Monaco/VS Code placeholders (`${1:3}`). */
  readonly insertText: string
  readonly isSnippet: boolean
  /** The text the item replaces: the partial word under the cursor (empty at a word boundary). */
  readonly range: SourceRange
}
