/**
 * The language service behind the editor: pure functions of a text (and a position), safe
 * in a browser or a web worker. Each call on unchanged text reuses the last lexing/parsing.
 */
export { complete } from './complete.js'
export type { CompletionItem, CompletionKind } from './completion-item.js'
export { hover, type Hover } from './hover.js'
export {
  semanticTokens,
  SEMANTIC_TOKEN_TYPES,
  SEMANTIC_TOKEN_MODIFIERS,
  type SemanticToken,
  type SemanticTokenType,
  type SemanticTokenModifier,
} from './semantic-tokens.js'
export { codeActions, type CodeAction } from './code-actions.js'
export { outline, type OutlineItem } from './outline.js'
export { parsedDocument } from './document.js'
