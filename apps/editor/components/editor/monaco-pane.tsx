'use client'
import 'monaco-editor/features/register.all.js'
import * as monaco from 'monaco-editor/editor/editor.api.js'
import {
  check,
  formatToEdits,
  outline,
  runTests,
  type Diagnostic,
  type OutlineItem,
  type SourceRange,
  type TestReport,
  type TextEdit,
} from '@dun/dsl'
import { useEffect, useRef } from 'react'
import { toMonacoRange, toTextEdit } from '@/lib/monaco/convert'
import {
  CHECK_OWNER,
  diagnosticMarkers,
  DUN_LANGUAGE,
  registerDun,
} from '@/lib/monaco/register-dun'
import { failureMarkers, TEST_OWNER, testDecorations } from '@/lib/monaco/test-results'
import { DUN_THEME } from '@/lib/monaco/theme'

// Monaco's own worker (diffs, word ranges) is bundled locally; nothing comes from a CDN.
self.MonacoEnvironment = {
  getWorker: () =>
    new Worker(new URL('monaco-editor/editor/editor.worker.js', import.meta.url), {
      type: 'module',
    }),
}

/** What the pane learns from each (debounced) check of the text. */
export interface Analysis {
  /** The text that was checked. */
  readonly text: string
  readonly diagnostics: readonly Diagnostic[]
  readonly outline: readonly OutlineItem[]
  /** How long the check took in the browser, to see whether typing needs a worker. */
  readonly milliseconds: number
}

/** What the page can ask of the editor. */
export interface PaneHandle {
  text(): string
  /** Applies the formatter's edits (one undo step) and returns the formatted text. */
  format(): string
  /** Applies edits to the text as one undo step (the timeline's changes). */
  applyEdits(edits: readonly TextEdit[]): void
  runTests(): TestReport
  reveal(range: SourceRange): void
  focus(): void
}

export interface MonacoPaneProps {
  readonly initialSource: string
  readonly label: string
  readonly readOnly?: boolean
  readonly onAnalysis: (analysis: Analysis) => void
  readonly onSave: () => void
  readonly onReady: (handle: PaneHandle) => void
}

/** Checking waits this long after the last keystroke (the check itself takes a few ms). */
const CHECK_DELAY_MS = 150

export default function MonacoPane(props: MonacoPaneProps) {
  const host = useRef<HTMLDivElement>(null)
  // The latest callbacks, read by Monaco's listeners without re-creating the editor.
  const callbacks = useRef(props)
  callbacks.current = props

  useEffect(() => {
    if (!host.current) return
    registerDun(monaco)
    const model = monaco.editor.createModel(props.initialSource, DUN_LANGUAGE)
    const editor = monaco.editor.create(host.current, {
      model,
      theme: DUN_THEME,
      automaticLayout: true,
      glyphMargin: true,
      minimap: { enabled: false },
      fontSize: 14,
      tabSize: 2,
      readOnly: props.readOnly ?? false,
      ariaLabel: props.label,
      fixedOverflowWidgets: true,
      scrollBeyondLastLine: false,
    })
    const tests = editor.createDecorationsCollection()

    const analyse = () => {
      const started = performance.now()
      const text = model.getValue()
      const { diagnostics } = check(text)
      const items = outline(text)
      monaco.editor.setModelMarkers(model, CHECK_OWNER, diagnosticMarkers(monaco, diagnostics))
      callbacks.current.onAnalysis({
        text,
        diagnostics,
        outline: items,
        milliseconds: performance.now() - started,
      })
    }
    let timer: ReturnType<typeof setTimeout> | undefined
    const changes = model.onDidChangeContent(() => {
      // Test results describe the text they ran on: an edit makes them stale.
      tests.clear()
      monaco.editor.setModelMarkers(model, TEST_OWNER, [])
      clearTimeout(timer)
      timer = setTimeout(() => {
        timer = undefined
        analyse()
      }, CHECK_DELAY_MS)
    })
    const applyEdits = (source: string, edits: readonly TextEdit[]) => {
      if (edits.length === 0) return
      editor.pushUndoStop()
      editor.executeEdits(source, edits.map(toTextEdit))
      editor.pushUndoStop()
    }
    editor.addCommand(monaco.KeyMod.CtrlCmd | monaco.KeyCode.KeyS, () => callbacks.current.onSave())
    analyse()

    callbacks.current.onReady({
      text: () => model.getValue(),
      format() {
        applyEdits('format', formatToEdits(model.getValue()).edits)
        return model.getValue()
      },
      applyEdits: (edits) => applyEdits('timeline', edits),
      runTests() {
        // Check pending edits first: a later check would clear these results as stale.
        if (timer !== undefined) {
          clearTimeout(timer)
          timer = undefined
          analyse()
        }
        const report = runTests(model.getValue())
        tests.set(testDecorations(report))
        monaco.editor.setModelMarkers(
          model,
          TEST_OWNER,
          failureMarkers(monaco, report, (line) => model.getLineMaxColumn(line)),
        )
        return report
      },
      reveal(range) {
        const target = toMonacoRange(range)
        editor.revealRangeInCenter(target)
        editor.setSelection(target)
        editor.focus()
      },
      focus: () => editor.focus(),
    })

    return () => {
      clearTimeout(timer)
      changes.dispose()
      editor.dispose()
      model.dispose()
    }
    // Created once per mount: later props reach the listeners through `callbacks`.
  }, [])

  return <div ref={host} className="monaco-host" data-testid="monaco-host" />
}
