'use client'
import * as monaco from 'monaco-editor/editor/editor.api.js'
import { useEffect, useRef } from 'react'
import { DUN_LANGUAGE, registerDun } from '@/lib/monaco/register-dun'
import { DUN_THEME } from '@/lib/monaco/theme'

// Monaco computes diffs in its own worker, bundled locally like the editor's.
self.MonacoEnvironment = {
  getWorker: () =>
    new Worker(new URL('monaco-editor/editor/editor.worker.js', import.meta.url), {
      type: 'module',
    }),
}

export interface DiffPaneProps {
  readonly original: string
  readonly modified: string
  readonly label: string
}

/** Two versions side by side in Monaco's diff editor, read-only, with the language's colours. */
export default function DiffPane({ original, modified, label }: DiffPaneProps) {
  const host = useRef<HTMLDivElement>(null)
  useEffect(() => {
    if (!host.current) return
    registerDun(monaco)
    const editor = monaco.editor.createDiffEditor(host.current, {
      readOnly: true,
      originalEditable: false,
      automaticLayout: true,
      renderSideBySide: true,
      theme: DUN_THEME,
      ariaLabel: label,
      minimap: { enabled: false },
    })
    const models = {
      original: monaco.editor.createModel(original, DUN_LANGUAGE),
      modified: monaco.editor.createModel(modified, DUN_LANGUAGE),
    }
    editor.setModel(models)
    // Open on the first change rather than line 1: that is what the reader came for.
    const firstDiff = editor.onDidUpdateDiff(() => {
      firstDiff.dispose()
      editor.revealFirstDiff()
    })
    return () => {
      firstDiff.dispose()
      editor.dispose()
      models.original.dispose()
      models.modified.dispose()
    }
  }, [original, modified, label])
  return <div ref={host} className="diff-host" data-testid="diff-editor" />
}
