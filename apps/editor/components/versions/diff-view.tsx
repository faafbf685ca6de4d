'use client'
import dynamic from 'next/dynamic'
import type { DiffPaneProps } from './diff-pane'

// Monaco touches `window` when loaded: the browser alone renders it.
const DiffPane = dynamic(() => import('./diff-pane'), {
  ssr: false,
  loading: () => <p className="monaco-loading">Loading the diff…</p>,
})

export function DiffView(props: DiffPaneProps) {
  return <DiffPane {...props} />
}
