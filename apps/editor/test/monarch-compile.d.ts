// Monaco ships no types for its internal Monarch compiler; the test needs only this much.
declare module 'monaco-editor/editor/standalone/common/monarch/monarchCompile.js' {
  import type { languages } from 'monaco-editor/editor/editor.api.js'
  export function compile(languageId: string, json: languages.IMonarchLanguage): unknown
}
