import {
  codeActions,
  complete,
  formatToEdits,
  hover,
  LineIndex,
  type CompletionItem,
  type Diagnostic,
  type Severity,
} from '@dun/dsl'
import type * as Monaco from 'monaco-editor/editor/editor.api.js'
import { markerMessage, toMonacoRange, toTextEdit } from './convert'
import { dunMonarch } from './monarch'
import { DUN_THEME, dunTheme } from './theme'

export const DUN_LANGUAGE = 'dun'
/** Owner of the markers the checker sets (test results have their own). */
export const CHECK_OWNER = 'dun'

type MonacoApi = typeof Monaco

let registered = false

/**
 * Teaches Monaco the language, once per page: highlighting generated from the lexer, and
 * completion, hover, quick fixes and formatting from @dun/dsl's language service, all in the
 * browser. Diagnostics are set as markers by the editor pane (see `diagnosticMarkers`).
 */
export function registerDun(monaco: MonacoApi): void {
  if (registered) return
  registered = true
  const { languages } = monaco
  languages.register({ id: DUN_LANGUAGE, extensions: ['.dun'], aliases: ['Dun'] })
  languages.setMonarchTokensProvider(DUN_LANGUAGE, dunMonarch())
  languages.setLanguageConfiguration(DUN_LANGUAGE, {
    comments: { lineComment: '#' },
    brackets: [
      ['{', '}'],
      ['[', ']'],
      ['(', ')'],
    ],
    autoClosingPairs: [
      { open: '{', close: '}' },
      { open: '[', close: ']' },
      { open: '(', close: ')' },
      { open: '"', close: '"', notIn: ['string', 'comment'] },
    ],
  })
  monaco.editor.defineTheme(DUN_THEME, dunTheme)

  const kinds = completionKinds(monaco)
  languages.registerCompletionItemProvider(DUN_LANGUAGE, {
    // Words complete as they are typed (quickSuggestions); a dot opens the fact names.
    triggerCharacters: ['.'],
    provideCompletionItems(model, position) {
      const items = complete(model.getValue(), model.getOffsetAt(position))
      return {
        suggestions: items.map((item) => ({
          label: item.label,
          kind: kinds[item.kind],
          detail: item.detail,
          documentation: item.documentation ? { value: item.documentation } : undefined,
          insertText: item.insertText,
          insertTextRules: item.isSnippet
            ? languages.CompletionItemInsertTextRule.InsertAsSnippet
            : undefined,
          range: toMonacoRange(item.range),
        })),
      }
    },
  })

  languages.registerHoverProvider(DUN_LANGUAGE, {
    provideHover(model, position) {
      const found = hover(model.getValue(), model.getOffsetAt(position))
      return found && { contents: [{ value: found.contents }], range: toMonacoRange(found.range) }
    },
  })

  languages.registerCodeActionProvider(DUN_LANGUAGE, {
    provideCodeActions(model, range, context) {
      const text = model.getValue()
      const lines = new LineIndex(text)
      const selection = lines.range(
        model.getOffsetAt(range.getStartPosition()),
        model.getOffsetAt(range.getEndPosition()),
      )
      const actions = codeActions(text, selection).map((action) => ({
        title: action.title,
        kind: 'quickfix',
        isPreferred: true,
        diagnostics: context.markers.filter((m) => m.code === action.diagnostic.code),
        edit: {
          edits: action.edits.map((edit) => ({
            resource: model.uri,
            versionId: model.getVersionId(),
            textEdit: toTextEdit(edit),
          })),
        },
      }))
      return { actions, dispose: () => {} }
    },
  })

  languages.registerDocumentFormattingEditProvider(DUN_LANGUAGE, {
    provideDocumentFormattingEdits(model) {
      return formatToEdits(model.getValue()).edits.map(toTextEdit)
    },
  })
}

/** The checker's diagnostics as Monaco markers: code, message and hint. */
export function diagnosticMarkers(
  monaco: MonacoApi,
  diagnostics: readonly Diagnostic[],
): Monaco.editor.IMarkerData[] {
  const severity: Record<Severity, Monaco.MarkerSeverity> = {
    error: monaco.MarkerSeverity.Error,
    warning: monaco.MarkerSeverity.Warning,
    info: monaco.MarkerSeverity.Info,
  }
  return diagnostics.map((d) => ({
    ...toMonacoRange(d.range),
    severity: severity[d.severity],
    message: markerMessage(d),
    code: d.code,
    source: CHECK_OWNER,
  }))
}

function completionKinds(
  monaco: MonacoApi,
): Record<CompletionItem['kind'], Monaco.languages.CompletionItemKind> {
  const kind = monaco.languages.CompletionItemKind
  return {
    keyword: kind.Keyword,
    fact: kind.Field,
    channel: kind.EnumMember,
    snippet: kind.Snippet,
    value: kind.Value,
    segment: kind.Class,
    template: kind.Text,
  }
}
