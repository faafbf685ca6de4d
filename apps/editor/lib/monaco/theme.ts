import type { editor } from 'monaco-editor/editor/editor.api.js'

export const DUN_THEME = 'dun-light'

/**
 * Colours for the token classes of the lexer (see monarch.ts), chosen for at least 4.5:1
 * contrast on white (WCAG AA), so highlighting never carries meaning alone.
 */
export const dunTheme: editor.IStandaloneThemeData = {
  base: 'vs',
  inherit: true,
  rules: [
    { token: 'keyword', foreground: '1f4fbf', fontStyle: 'bold' },
    { token: 'action', foreground: '8a2b9e', fontStyle: 'bold' },
    { token: 'channel', foreground: '0b6e4f' },
    { token: 'unit', foreground: '1f4fbf' },
    { token: 'operator', foreground: '5c3d00' },
    { token: 'literal', foreground: '9a3412' },
    { token: 'literal.string', foreground: 'a3151a' },
    { token: 'literal.currency', foreground: '0b5c7a', fontStyle: 'bold' },
    { token: 'comment', foreground: '5f6b62', fontStyle: 'italic' },
    { token: 'identifier', foreground: '1f2328' },
    { token: 'invalid', foreground: 'b00020', fontStyle: 'underline' },
  ],
  colors: {},
}
