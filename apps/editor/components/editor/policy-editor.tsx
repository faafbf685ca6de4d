'use client'
import type { Diagnostic, LineColumn, OutlineItem, SourceRange, TestReport } from '@dun/dsl'
import dynamic from 'next/dynamic'
import { useRouter, useSearchParams } from 'next/navigation'
import { useCallback, useRef, useState } from 'react'
import type { Analysis, PaneHandle } from './monaco-pane'
import { OutlinePanel } from './outline-panel'
import { ProblemsPanel } from './problems-panel'
import { saveDraft, type SaveOutcome } from './save-draft'
import { TestResultsPanel } from './test-results-panel'
import { TimelinePanel } from '@/components/timeline/timeline-panel'

// Monaco needs `window`: it is loaded in the browser only.
const MonacoPane = dynamic(() => import('./monaco-pane'), {
  ssr: false,
  loading: () => <p className="monaco-loading">Loading the editor…</p>,
})

export interface PolicyEditorProps {
  /** Null for a policy that has not been saved yet. */
  readonly policyId: string | null
  readonly title: string
  readonly initialSource: string
  readonly canDraft: boolean
}

/**
 * The policy editor: Monaco with the language, a toolbar (format, run tests, save), and the
 * outline, problems and test-results panels. Saving formats first, then stores a draft.
 */
export function PolicyEditor({ policyId, title, initialSource, canDraft }: PolicyEditorProps) {
  const router = useRouter()
  const params = useSearchParams()
  const pane = useRef<PaneHandle | null>(null)
  const [diagnostics, setDiagnostics] = useState<readonly Diagnostic[]>([])
  const [items, setItems] = useState<readonly OutlineItem[]>([])
  const [checkedText, setCheckedText] = useState<string | null>(null)
  const [checkMs, setCheckMs] = useState<number | null>(null)
  const [report, setReport] = useState<TestReport | null>(null)
  const [saving, setSaving] = useState(false)
  // The first save of a new policy moves to its own page: the outcome travels in the URL.
  const [outcome, setOutcome] = useState<SaveOutcome | null>(() =>
    savedOutcomeFrom(params, policyId),
  )

  const onAnalysis = useCallback((analysis: Analysis) => {
    setDiagnostics(analysis.diagnostics)
    setCheckedText(analysis.text)
    setItems(analysis.outline)
    setCheckMs(analysis.milliseconds)
    setReport(null)
  }, [])

  const reveal = useCallback((range: SourceRange) => pane.current?.reveal(range), [])
  const revealAt = useCallback(
    ({ line, column }: LineColumn) =>
      pane.current?.reveal({
        offset: 0,
        length: 0,
        line,
        column,
        endLine: line,
        endColumn: column,
      }),
    [],
  )

  const save = useCallback(async () => {
    if (!pane.current || !canDraft || saving) return
    const source = pane.current.format()
    setSaving(true)
    const result = await saveDraft(source)
    setSaving(false)
    setOutcome(result)
    if (result.kind === 'saved' && result.policyId !== policyId) {
      const query = new URLSearchParams({ saved: String(result.number), name: result.policyName })
      router.replace(`/policies/${result.policyId}?${query}`)
    }
  }, [canDraft, saving, policyId, router])

  return (
    <div className="editor-page">
      <div className="toolbar" role="toolbar" aria-label="Policy actions">
        <h1 className="editor-title">{title}</h1>
        <button type="button" onClick={() => pane.current?.format()}>
          Format
        </button>
        <button type="button" onClick={() => setReport(pane.current?.runTests() ?? null)}>
          Run tests
        </button>
        {canDraft && (
          <button type="button" className="primary" onClick={save} disabled={saving}>
            {saving ? 'Saving…' : 'Save draft'}
          </button>
        )}
        <span className="shortcut muted">Ctrl+S formats and saves</span>
      </div>
      <SaveMessage outcome={outcome} />
      <div className="editor-grid">
        <div className="editor-main">
          <MonacoPane
            initialSource={initialSource}
            label={`Policy source of ${title}`}
            readOnly={!canDraft}
            onAnalysis={onAnalysis}
            onSave={save}
            onReady={(handle) => (pane.current = handle)}
          />
          <ProblemsPanel diagnostics={diagnostics} onPick={reveal} />
          {checkMs !== null && (
            <p className="muted check-time" data-testid="check-time">
              Checked in {checkMs.toFixed(1)} ms
            </p>
          )}
        </div>
        <aside className="editor-side" aria-label="Timeline, outline and tests">
          <TimelinePanel
            text={checkedText}
            readOnly={!canDraft}
            currentText={() => pane.current?.text() ?? checkedText ?? ''}
            applyEdits={(edits) => pane.current?.applyEdits(edits)}
          />
          <OutlinePanel items={items} onPick={reveal} />
          <TestResultsPanel report={report} onPick={revealAt} />
        </aside>
      </div>
    </div>
  )
}

function SaveMessage({ outcome }: { outcome: SaveOutcome | null }) {
  return (
    <div role="status" aria-live="polite" className="save-message" data-testid="save-message">
      {outcome?.kind === 'saved' && (
        <p className="pass">
          Saved {outcome.policyName} as draft version {outcome.number}.
        </p>
      )}
      {outcome?.kind === 'failed' && (
        <p className="fail">
          Not saved: {outcome.message}
          {outcome.hint && <> — {outcome.hint}</>}
        </p>
      )}
    </div>
  )
}

function savedOutcomeFrom(
  params: { get(name: string): string | null },
  policyId: string | null,
): SaveOutcome | null {
  const number = Number(params.get('saved'))
  const policyName = params.get('name')
  if (policyId === null || !Number.isInteger(number) || number < 1 || !policyName) return null
  return { kind: 'saved', policyId, policyName, number }
}
